import { createHash } from 'node:crypto';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { ValidationError } from '#core/errors.js';
import { normaliseAsana } from '#core/normalise-asana.js';
import type { HandshakeStore } from '#lambdas/ports.js';
import { header, isJsonContentType, json, problem, rawBody, repeatedHeader } from './http.js';
import { parseJsonBody } from './json-body.js';
import { acceptOnce, DEFAULT_MAX_BODY_BYTES, isProjectId, type ReceiverDeps } from './receiver-deps.js';
import { asanaSecretList, withAsanaSecret } from './asana-secrets.js';
import { hmacSha256Hex, signaturesMatch } from './signature.js';

/** What the Asana receiver needs beyond the shared receiver dependencies. */
export interface AsanaReceiverDeps extends ReceiverDeps {
  handshakes: HandshakeStore;
}

const HOOK_SECRET = /^[\x21-\x7e]{8,512}$/;
const SINGLE_HEADERS = ['X-Hook-Secret', 'X-Hook-Signature', 'Content-Type'];

/** POST /webhooks/asana/{projectId}: handshake, verify, split per task, dedupe, enqueue, acknowledge. */
export function createAsanaReceiver(deps: AsanaReceiverDeps) {
  const maxBodyBytes = deps.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  return async function receiveAsana(
    event: APIGatewayProxyEventV2,
  ): Promise<APIGatewayProxyStructuredResultV2> {
    const projectId = event.pathParameters?.projectId;
    if (!isProjectId(projectId) || !(await deps.projects.getProject(projectId))) {
      return problem(404, 'project_not_found', 'No such project');
    }
    const repeated = repeatedHeader(event, SINGLE_HEADERS);
    if (repeated) return problem(400, 'repeated_header', `${repeated} was sent more than once`);
    const hookSecret = header(event, 'x-hook-secret');
    if (hookSecret !== undefined) return handshake(projectId, hookSecret);

    const body = rawBody(event);
    if (body.length > maxBodyBytes)
      return problem(413, 'body_too_large', `Body exceeds ${maxBodyBytes} bytes`);
    const secrets = asanaSecretList((await deps.secrets.get(projectId)).asana);
    const signature = header(event, 'x-hook-signature');
    // Every secret is compared (no early exit): which webhook signed it is not worth a timing signal.
    const matches = secrets.map((secret) => signaturesMatch(signature, hmacSha256Hex(secret, body)));
    if (!matches.includes(true)) {
      deps.logger.warn('asana signature rejected', { projectId, reason: signature ? 'mismatch' : 'missing' });
      return problem(
        401,
        'bad_signature',
        signature ? 'X-Hook-Signature does not match' : 'X-Hook-Signature is missing',
      );
    }
    if (!isJsonContentType(header(event, 'content-type'))) {
      return problem(415, 'unsupported_media_type', 'Content-Type must be application/json');
    }
    try {
      const receivedAt = deps.clock.now().toISOString();
      const { events, ignored } = normaliseAsana(parseJsonBody(body), receivedAt);
      if (events.length === 0) return json(200, { ok: true, heartbeat: ignored === 0, ignored });
      // Asana sends no delivery id: the body's hash identifies a delivery (a retry repeats the same body).
      const digest = createHash('sha256').update(body).digest('hex').slice(0, 40);
      let accepted = 0;
      for (const inbound of events) {
        if (inbound.type !== 'asana.task_touched') continue;
        const deliveryId = `as-${digest}-${inbound.asanaGid}`;
        if (await acceptOnce(deps, { deliveryId, projectId, source: 'asana', receivedAt, event: inbound }))
          accepted++;
      }
      deps.logger.info('asana delivery accepted', {
        projectId,
        accepted,
        duplicates: events.length - accepted,
        ignored,
      });
      return json(200, { accepted, duplicates: events.length - accepted, ignored });
    } catch (error) {
      if (error instanceof ValidationError)
        return problem(400, 'invalid_payload', error.message, error.issues);
      throw error;
    }
  };

  async function handshake(projectId: string, secret: string): Promise<APIGatewayProxyStructuredResultV2> {
    if (!HOOK_SECRET.test(secret)) return problem(400, 'bad_header', 'X-Hook-Secret is malformed');
    // Only a handshake Auto-Flow itself opened (while creating the webhook) may set the secret.
    if (!(await deps.handshakes.consume(projectId, deps.clock.now()))) {
      deps.logger.warn('unsolicited asana handshake refused', { projectId });
      return problem(403, 'handshake_not_expected', 'No Asana webhook is being created for this project');
    }
    await deps.secrets.putAsana(
      projectId,
      withAsanaSecret((await deps.secrets.get(projectId)).asana, secret),
    );
    deps.logger.info('asana webhook handshake completed', { projectId });
    return { statusCode: 200, headers: { 'x-hook-secret': secret }, body: '' };
  }
}
