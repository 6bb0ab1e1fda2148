import type { ProjectConfig } from '#core/project-config.js';
import type { Session } from '#core/accounts/session.js';
import type { User } from '#core/accounts/user.js';
import type { Principal } from '#lambdas/console-ports.js';

/** The signed-in browser: its user, its session and the cookie value that names it. */
export interface SignedIn {
  user: User;
  session: Session;
  token: string;
}

/** Variables every console route may read. */
export interface ApiEnv {
  Variables: {
    signedIn: SignedIn | undefined;
  };
}

/** Variables of routes under /projects/:slug (the approvals sub-app reads `principal` and `project`). */
export interface ProjectEnv {
  Variables: ApiEnv['Variables'] & {
    project: ProjectConfig;
    principal: Principal;
  };
}
