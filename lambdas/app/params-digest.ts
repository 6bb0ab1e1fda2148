import { createHash } from 'node:crypto';
import type { ActionParams } from '#core/actions.js';
import { canonicalJson } from '#core/canonical-json.js';

/** SHA-256 (hex) of an action's canonical params: what a capability token is bound to. */
export function paramsDigest(params: ActionParams): string {
  return createHash('sha256').update(canonicalJson(params)).digest('hex');
}
