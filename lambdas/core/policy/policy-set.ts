import { z } from 'zod';

/** One stored version of a project's policy set (Cedar text). */
export const PolicySetVersionSchema = z.object({
  projectId: z.string().min(1),
  version: z.number().int().positive(),
  text: z.string(),
  savedBy: z.string(),
  savedAt: z.string(),
  comment: z.string().optional(),
});
export type PolicySetVersion = z.infer<typeof PolicySetVersionSchema>;

/** A policy set as the PDP uses it: the text and the version name recorded with every decision. */
export interface ActivePolicySet {
  version: string;
  text: string;
}

/** One problem found while validating a policy set, located in the text. */
export interface PolicyProblem {
  severity: 'error' | 'warning';
  message: string;
  line: number;
  column: number;
  policyId?: string;
}

/** `3:14 error: unrecognized action …` */
export function formatProblem(p: PolicyProblem): string {
  return `${p.line}:${p.column} ${p.severity}: ${p.message}`;
}

/** The version name of a stored set (`v3`); the shipped default set is `default`. */
export function versionName(version: number | undefined): string {
  return version === undefined ? 'default' : `v${version}`;
}
