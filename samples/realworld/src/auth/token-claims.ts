/**
 * The claim that ties a token to the credentials it was issued for: a user's `tokenVersion`
 * grows when the password changes, and tokens of an older version are refused.
 */
export const TOKEN_VERSION_CLAIM = 'ver';
