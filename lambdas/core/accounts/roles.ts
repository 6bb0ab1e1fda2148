import { z } from 'zod';

/** A member's role in one project: admins edit settings, editors act on tasks and approvals, viewers read. */
export const RoleSchema = z.enum(['viewer', 'editor', 'admin']);
export type Role = z.infer<typeof RoleSchema>;

const RANK: Record<Role, number> = { viewer: 1, editor: 2, admin: 3 };

/** True when `role` is at least `required` (admin ≥ editor ≥ viewer). */
export function hasRole(role: Role | undefined, required: Role): boolean {
  return role !== undefined && RANK[role] >= RANK[required];
}

/**
 * The role a user acts with in a project: instance admins are admins of every project; everyone
 * else has the role of their membership, or none.
 */
export function effectiveRole(user: { admin: boolean }, membership: Role | undefined): Role | undefined {
  return user.admin ? 'admin' : membership;
}
