import { z } from 'zod';
import { RoleSchema } from './roles.js';

/** A user's role in one project. */
export const MembershipSchema = z.object({
  projectId: z.string().min(1),
  userId: z.string().min(1),
  role: RoleSchema,
  addedBy: z.string(),
  addedAt: z.string(),
});
export type Membership = z.infer<typeof MembershipSchema>;
