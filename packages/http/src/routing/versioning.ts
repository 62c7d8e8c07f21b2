/**
 * How routes are versioned. URI: `/v2/todos`. Header: the client sends the version in a header
 * (`X-API-Version: 2`). Routes without a version get `defaultVersion`; requests without a
 * version header are answered by `defaultVersion` routes.
 *
 * @example
 * HttpApplication.create(AppModule, { versioning: { type: 'uri', defaultVersion: '1' } });
 * HttpApplication.create(AppModule, { versioning: { type: 'header', header: 'x-api-version' } });
 */
export type VersioningOptions =
  | { type: 'uri'; prefix?: string; defaultVersion?: string }
  | { type: 'header'; header: string; defaultVersion?: string };
