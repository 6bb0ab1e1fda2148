import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { ValidationError } from '#core/errors.js';
import { normaliseGithub } from '#core/normalise-github.js';
import { foreignRepo } from '#core/resolve-repo.js';
import { header, isJsonContentType, json, problem, rawBody, repeatedHeader } from './http.js';
import { parseJsonBody } from './json-body.js';
import { acceptOnce, DEFAULT_MAX_BODY_BYTES, isProjectId, type ReceiverDeps } from './receiver-deps.js';
import { hmacSha256Hex, signaturesMatch } from './signature.js';

const DELIVERY_ID = /^[A-Za-z0-9_-]{1,100}$/;
const EVENT_NAME = /^[a-z_]{1,64}$/;
const SINGLE_HEADERS = ['X-Hub-Signature-256', 'X-GitHub-Event', 'X-GitHub-Delivery', 'Content-Type'];

/** POST /webhooks/github/{projectId}: verify, normalise, dedupe, enqueue, acknowledge at once. */
export function createGithubReceiver(deps: ReceiverDeps) {
  const maxBodyBytes = deps.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  return async function receiveGithub(
    event: APIGatewayProxyEventV2,
  ): Promise<APIGatewayProxyStructuredResultV2> {
    const projectId = event.pathParameters?.projectId;
    const project = isProjectId(projectId) ? await deps.projects.getProject(projectId) : undefined;
    if (!projectId || !project) return problem(404, 'project_not_found', 'No such project');
    const body = rawBody(event);
    if (body.length > maxBodyBytes) {
      return problem(413, 'body_too_large', `Body exceeds ${maxBodyBytes} bytes`);
    }
    const repeated = repeatedHeader(event, SINGLE_HEADERS);
    if (repeated) return problem(400, 'repeated_header', `${repeated} was sent more than once`);
    const { github: secret } = await deps.secrets.get(projectId);
    const signature = header(event, 'x-hub-signature-256');
    if (!secret || !signaturesMatch(signature, `sha256=${hmacSha256Hex(secret, body)}`)) {
      deps.logger.warn('github signature rejected', {
        projectId,
        reason: signature ? 'mismatch' : 'missing',
      });
      return problem(
        401,
        'bad_signature',
        signature ? 'X-Hub-Signature-256 does not match' : 'X-Hub-Signature-256 is missing',
      );
    }
    const eventName = header(event, 'x-github-event');
    const deliveryId = header(event, 'x-github-delivery');
    if (!eventName || !EVENT_NAME.test(eventName))
      return problem(400, 'bad_header', 'X-GitHub-Event is missing or malformed');
    if (!deliveryId || !DELIVERY_ID.test(deliveryId))
      return problem(400, 'bad_header', 'X-GitHub-Delivery is missing or malformed');
    if (!isJsonContentType(header(event, 'content-type'))) {
      return problem(415, 'unsupported_media_type', 'Content-Type must be application/json');
    }
    try {
      const normalised = normaliseGithub(eventName, parseJsonBody(body));
      if (normalised.kind === 'ping') return json(200, { ok: true, event: 'ping' });
      const foreign = normalised.kind === 'event' ? foreignRepo(normalised.event, project) : undefined;
      if (foreign) {
        const reason = `repository ${foreign} is not configured for this project`;
        deps.logger.info('github delivery ignored', { projectId, deliveryId, eventName, reason });
        return json(202, { ignored: reason });
      }
      if (normalised.kind === 'ignored') {
        deps.logger.info('github delivery ignored', {
          projectId,
          deliveryId,
          eventName,
          reason: normalised.reason,
        });
        return json(202, { ignored: normalised.reason });
      }
      const receivedAt = deps.clock.now().toISOString();
      const message = {
        deliveryId: `gh-${deliveryId}`,
        projectId,
        source: 'github' as const,
        receivedAt,
        event: normalised.event,
      };
      const fresh = await acceptOnce(deps, message);
      deps.logger.info('github delivery accepted', { projectId, deliveryId, eventName, duplicate: !fresh });
      return json(fresh ? 202 : 200, fresh ? { accepted: deliveryId } : { duplicate: deliveryId });
    } catch (error) {
      if (error instanceof ValidationError)
        return problem(400, 'invalid_payload', error.message, error.issues);
      throw error;
    }
  };
}
