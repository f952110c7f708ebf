/**
 * @ashlar/json-api — a JSON:API 1.1 interface derived from resources and route declarations, as a Hono app
 * (a web-standard fetch handler), with an OpenAPI 3.1 document. Every route runs an action through the engine.
 */
export { type ApiResource, apiResource, type JsonApiOptions, type Routes } from "./config.js";
export { ApiError, apiErrorOf, type ErrorObject } from "./errors.js";
export { jsonApi } from "./handler.js";
export { MEDIA_TYPE } from "./negotiation.js";
export { openApiDocument } from "./openapi/document.js";
export { parseQuery, type QueryParams } from "./query/params.js";
export { Schema } from "./schema.js";
