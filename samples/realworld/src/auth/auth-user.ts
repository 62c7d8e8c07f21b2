import type { HttpRequest } from '@tenon/http';

/** The authenticated caller, as the auth guard leaves it on the request. */
export interface AuthUser {
  id: number;
  /** The token the request carried, echoed back by `GET /user`. */
  token: string;
}

/** A request after the auth guard ran: `user` is set when a valid token was sent. */
export type AuthenticatedRequest = HttpRequest & { user?: AuthUser };
