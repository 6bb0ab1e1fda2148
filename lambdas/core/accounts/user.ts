import { z } from 'zod';

/** Usernames: 3–64 lower-case letters, digits, dots, dashes and underscores (stored lower-cased). */
export const UsernameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9._-]{2,63}$/, '3–64 characters: letters, digits, dot, dash, underscore');

/** A person who signs in to the console. `admin` marks an instance admin (every project, every user). */
export const UserSchema = z.object({
  userId: z.string().min(1),
  username: UsernameSchema,
  /** scrypt hash in PHC-like form; never leaves the API. */
  passwordHash: z.string().min(1),
  admin: z.boolean(),
  createdAt: z.string(),
  createdBy: z.string().optional(),
});
export type User = z.infer<typeof UserSchema>;

/** What the console may see of a user. */
export type PublicUser = Pick<User, 'userId' | 'username' | 'admin' | 'createdAt'>;

/** Drops the password hash (and anything else private) before a user leaves the API. */
export function publicUser(user: User): PublicUser {
  return { userId: user.userId, username: user.username, admin: user.admin, createdAt: user.createdAt };
}
