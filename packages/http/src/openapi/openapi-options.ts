/** The OpenAPI document and Swagger UI. */
export interface OpenApiOptions {
  title?: string;
  version?: string;
  description?: string;
  /** Where the JSON document is served (default `/openapi.json`). */
  path?: string;
  /** Where Swagger UI is served (default `/docs`); `false` serves no UI. */
  docsPath?: string | false;
}
