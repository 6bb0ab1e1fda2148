import type { BearerPrincipal } from '../bearer.js';

/** Variables of /api/v1 routes: the token's project and principal, set by the bearer middleware. */
export interface ApiV1Env {
  Variables: {
    bearer: BearerPrincipal;
  };
}
