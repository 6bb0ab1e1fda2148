import { ArnFormat, Stack, Validations } from 'aws-cdk-lib';
import { Grant } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { wildcardResourceFinding } from '../nag-findings.js';
import type { AutoflowFunction } from './autoflow-function.js';

/** Props of the per-project secrets of one stage. */
export interface ProjectSecretsProps {
  /** Name prefix, `autoflow/{stage}`; names are `{prefix}/projects/{projectId}/webhooks|tokens`. */
  readonly prefix: string;
  /** The stage's data key, which operators use for the secrets they create (docs/deploy.md). */
  readonly key: IKey;
}

type SecretKind = 'webhooks' | 'tokens';

/**
 * Access to the per-project Secrets Manager secrets. CDK creates none of them (they appear with
 * each project); this construct only grants, by name pattern, so each function reaches one kind.
 */
export class ProjectSecrets extends Construct {
  readonly prefix: string;
  private readonly key: IKey;

  constructor(scope: Construct, id: string, props: ProjectSecretsProps) {
    super(scope, id);
    this.prefix = props.prefix;
    this.key = props.key;
  }

  /**
   * The ARN pattern of one kind of secret across projects. The trailing `*` covers the six
   * random characters Secrets Manager appends to every secret ARN.
   */
  arnPattern(kind: SecretKind): string {
    return Stack.of(this).formatArn({
      service: 'secretsmanager',
      resource: 'secret',
      resourceName: `${this.prefix}/projects/*/${kind}*`,
      arnFormat: ArnFormat.COLON_RESOURCE_NAME,
    });
  }

  /** Lets a receiver read webhook secrets to verify signatures. */
  grantReadWebhookSecrets(fn: AutoflowFunction): void {
    this.grant(fn, ['webhooks'], ['secretsmanager:GetSecretValue'], ['kms:Decrypt']);
  }

  /**
   * Lets the Asana receiver store the secret Asana sends in the webhook handshake
   * (`X-Hook-Secret`): it exists only once the webhook is created, so no operator can store it first.
   */
  grantWriteWebhookSecrets(fn: AutoflowFunction): void {
    this.grant(
      fn,
      ['webhooks'],
      ['secretsmanager:PutSecretValue', 'secretsmanager:CreateSecret'],
      ['kms:Decrypt', 'kms:GenerateDataKey'],
    );
  }

  /** Lets a function read integration tokens (GitHub, Asana). */
  grantReadTokens(fn: AutoflowFunction): void {
    this.grant(fn, ['tokens'], ['secretsmanager:GetSecretValue'], ['kms:Decrypt']);
  }

  /**
   * Lets the console API see which secrets a project has and set new values of both kinds (read,
   * put, create when missing); values are never returned to the browser.
   */
  grantManageSecrets(fn: AutoflowFunction): void {
    this.grant(
      fn,
      ['tokens', 'webhooks'],
      ['secretsmanager:GetSecretValue', 'secretsmanager:PutSecretValue', 'secretsmanager:CreateSecret'],
      ['kms:Decrypt', 'kms:GenerateDataKey'],
    );
  }

  private grant(fn: AutoflowFunction, kinds: SecretKind[], actions: string[], keyActions: string[]): void {
    const stack = Stack.of(this);
    Grant.addToPrincipal({
      grantee: fn.function,
      actions,
      resourceArns: kinds.map((kind) => this.arnPattern(kind)),
    });
    // The data key only through Secrets Manager: no function may use it directly for secrets.
    Grant.addToPrincipal({
      grantee: fn.function,
      actions: keyActions,
      resourceArns: [this.key.keyArn],
      conditions: { StringEquals: { 'kms:ViaService': `secretsmanager.${stack.region}.${stack.urlSuffix}` } },
    });
    for (const kind of kinds) {
      Validations.of(fn).acknowledge({
        id: wildcardResourceFinding(fn, this.arnPattern(kind)),
        reason: `Per-project ${kind} secrets are created with each project, so they can only be named by pattern; the pattern is limited to this stage's prefix and the ${kind} kind.`,
      });
    }
  }
}
