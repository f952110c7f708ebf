import { ApiError } from "./errors.js";

export const MEDIA_TYPE = "application/vnd.api+json";

/** A media type's parameters other than `ext` and `profile` (which JSON:API allows). */
function foreignParameters(mediaType: string): string[] {
  return mediaType
    .split(";")
    .slice(1)
    .map((p) => p.trim().split("=")[0]?.trim().toLowerCase() ?? "")
    .filter((name) => name !== "" && name !== "ext" && name !== "profile");
}

const isJsonApi = (mediaType: string) => mediaType.split(";")[0]?.trim().toLowerCase() === MEDIA_TYPE;

/** A request body must be `application/vnd.api+json`, with no parameter but `ext` or `profile` (415 otherwise). */
export function checkContentType(header: string | undefined): void {
  if (header === undefined || !isJsonApi(header))
    throw ApiError.of(
      415,
      "unsupported_media_type",
      `send the body as ${MEDIA_TYPE} (got ${header ?? "no Content-Type"})`,
    );
  const extra = foreignParameters(header);
  if (extra.length)
    throw ApiError.of(415, "unsupported_media_type", `${MEDIA_TYPE} takes no ${extra.join(", ")} parameter`);
}

/** An `Accept` that lists the JSON:API media type only with parameters other than ext/profile is a 406. */
export function checkAccept(header: string | undefined): void {
  if (!header) return;
  const listed = header
    .split(",")
    .map((m) => m.trim())
    .filter(isJsonApi);
  if (listed.length && listed.every((m) => foreignParameters(m).length > 0))
    throw ApiError.of(
      406,
      "not_acceptable",
      `accept ${MEDIA_TYPE} without media-type parameters (other than ext or profile)`,
    );
}

/** The request document's `data` object, checked for shape (400s point at the faulty member). */
export async function readDocument(request: Request): Promise<Record<string, unknown> | undefined> {
  const text = await request.text();
  if (text.trim() === "") return undefined;
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw ApiError.of(400, "invalid_json", "the request body is not valid JSON", { pointer: "" });
  }
  if (typeof body !== "object" || body === null || Array.isArray(body))
    throw ApiError.of(400, "invalid_document", "the request body must be a JSON:API document object", {
      pointer: "",
    });
  const data = (body as Record<string, unknown>).data;
  if (typeof data !== "object" || data === null || Array.isArray(data))
    throw ApiError.of(400, "invalid_document", "the document needs a data object", { pointer: "/data" });
  return data as Record<string, unknown>;
}
