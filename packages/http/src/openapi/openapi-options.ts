/** The OpenAPI document and Swagger UI. */
export interface OpenApiOptions {
  title?: string;
  version?: string;
  description?: string;
  /** Where the JSON document is served (default `/openapi.json`). */
  path?: string;
  /**
   * Where Swagger UI is served (default `/docs`); `false` serves no UI. The UI comes from the
   * optional peer `@fastify/swagger-ui`: by default it is served when that package is installed;
   * a path given here makes a missing package a boot error (`TENON_HTTP_PACKAGE_NOT_INSTALLED`).
   */
  docsPath?: string | false;
}
