import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { Grant } from 'aws-cdk-lib/aws-iam';
import { Alias, Key, KeySpec, KeyUsage } from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import type { StageName } from '../stage-config.js';
import type { AutoflowFunction } from './autoflow-function.js';

/** Props of the capability-signing key of one stage. */
export interface SigningProps {
  readonly stageName: StageName;
  /** Retain the key on stack deletion (Prod). */
  readonly retain: boolean;
  /**
   * ARNs of signing keys retired by a rotation, whose tokens Execute still accepts until they expire.
   * Rotating: add a new key construct, point the alias at it, list the old key here. @default none
   */
  readonly retiredKeyArns?: readonly string[];
}

/**
 * The asymmetric KMS key (ECC_NIST_P256, SIGN_VERIFY) that signs capability tokens, behind an alias.
 * Only Authorize may sign; only Execute may read public keys to verify.
 */
export class Signing extends Construct {
  readonly key: Key;
  readonly alias: Alias;
  /** Every key whose tokens Execute accepts: the current one first, then retired ones. */
  readonly verifyingKeyArns: readonly string[];

  constructor(scope: Construct, id: string, props: SigningProps) {
    super(scope, id);
    // Construct id 'Key' is pinned by test/infra/stages.test.ts: changing it replaces the key (and its tokens' kid).
    this.key = new Key(this, 'Key', {
      description: `Auto-Flow ${props.stageName}: signs capability tokens (ES256)`,
      keySpec: KeySpec.ECC_NIST_P256,
      keyUsage: KeyUsage.SIGN_VERIFY,
      // Asymmetric keys have no automatic rotation: rotate by a new key behind the same alias (docs/runbooks).
      enableKeyRotation: false,
      pendingWindow: Duration.days(props.retain ? 30 : 7),
      removalPolicy: props.retain ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    this.alias = new Alias(this, 'Alias', {
      aliasName: `alias/autoflow/${props.stageName}/signing`,
      targetKey: this.key,
    });
    this.verifyingKeyArns = [this.key.keyArn, ...(props.retiredKeyArns ?? [])];
  }

  /** Lets a function sign with the current key (kms:Sign, nothing else). */
  grantSign(fn: AutoflowFunction): void {
    Grant.addToPrincipal({ grantee: fn.function, actions: ['kms:Sign'], resourceArns: [this.key.keyArn] });
  }

  /** Lets a function read the public keys of the current and retired signing keys. */
  grantVerify(fn: AutoflowFunction): void {
    Grant.addToPrincipal({
      grantee: fn.function,
      actions: ['kms:GetPublicKey'],
      resourceArns: [...this.verifyingKeyArns],
    });
  }
}
