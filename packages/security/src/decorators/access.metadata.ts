/** Where `@Public()` and `@OptionalAuth()` leave their mark for the authentication guard. */
export const ACCESS_METADATA = 'tenon:security:access';

/** `public`: no authentication at all; `optional`: authenticate when credentials are sent. */
export type AccessLevel = 'public' | 'optional';

/** Where `@Roles()` leaves the roles for `RolesGuard`. */
export const ROLES_METADATA = 'tenon:security:roles';
