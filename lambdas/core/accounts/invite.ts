import { z } from 'zod';
import { RoleSchema } from './roles.js';

/** Invites are valid for 7 days. */
export const INVITE_TTL_MS = 7 * 24 * 3600_000;

/** An invitation to one project with a role; the token in the link is stored only as a hash. */
export const InviteSchema = z.object({
  inviteId: z.string().min(1),
  projectId: z.string().min(1),
  role: RoleSchema,
  createdBy: z.string(),
  createdAt: z.string(),
  expiresAt: z.string(),
  usedAt: z.string().optional(),
  usedBy: z.string().optional(),
});
export type Invite = z.infer<typeof InviteSchema>;

/** Whether an invite can still be accepted. */
export type InviteState = 'valid' | 'used' | 'expired';

export function inviteState(invite: Invite, now: Date): InviteState {
  if (invite.usedAt !== undefined) return 'used';
  return now.getTime() >= Date.parse(invite.expiresAt) ? 'expired' : 'valid';
}

/** A new invite expiring INVITE_TTL_MS after `now` (the store gives it its id). */
export function openInvite(
  input: Pick<Invite, 'projectId' | 'role' | 'createdBy'>,
  now: Date,
): Omit<Invite, 'inviteId'> {
  return {
    ...input,
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + INVITE_TTL_MS).toISOString(),
  };
}
