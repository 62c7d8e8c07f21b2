import type { User } from '../users/user.entity';

/**
 * The authenticated caller, as `@CurrentUser()` gives it: the account, looked up once per
 * request by the security module's `validate` (see `conduit-security.ts`).
 */
export interface AuthUser {
  id: number;
  /** The token the request carried, echoed back by `GET /user`. */
  token: string;
  /** The account as it was when the request arrived. */
  user: User;
}
