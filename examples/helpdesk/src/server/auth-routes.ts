import { type AppCore, AshlarError, toAshlarError } from "@ashlar/core";
import { type Context, Hono } from "hono";
import type { HelpdeskAuth } from "./auth.js";

type Row = Record<string, unknown>;

const publicUser = (u: Row) => ({ id: u.id, email: u.email, name: u.name, role: u.role, orgId: u.orgId });

/** A plain JSON error document, in JSON:API's error-object shape. */
function failure(status: number, code: string, detail: string, pointer?: string): Response {
  const title = { 400: "Bad Request", 401: "Unauthorized", 422: "Unprocessable Content" }[status] ?? "Error";
  return Response.json(
    {
      errors: [{ status: String(status), code, title, detail, ...(pointer ? { source: { pointer } } : {}) }],
    },
    { status },
  );
}

async function bodyOf(c: Context): Promise<Row | Response> {
  try {
    const body = await c.req.json();
    if (typeof body === "object" && body !== null && !Array.isArray(body)) return body as Row;
  } catch {
    // falls through to the 400
  }
  return failure(400, "invalid_json", "send a JSON object with Content-Type: application/json");
}

/** Validation problems as 422 error objects pointing at the member (`/email`); anything else rethrown. */
function invalidResponse(error: unknown): Response {
  const ashlar = error instanceof AshlarError ? toAshlarError(error) : undefined;
  if (ashlar?.class !== "invalid") throw error;
  return Response.json(
    {
      errors: ashlar.errors.map((e) => ({
        status: "422",
        code: e.code,
        title: "Unprocessable Content",
        detail: e.field ? `${e.field} ${e.message}` : e.message,
        ...(e.field ? { source: { pointer: `/${e.field}` } } : {}),
      })),
    },
    { status: 422 },
  );
}

const SIGN_IN_FAILED = "the email or password is incorrect";

/** POST /api/auth/register, /sign-in and /sign-out: plain JSON, outside JSON:API. */
export function authRoutes(app: AppCore, auth: HelpdeskAuth): Hono {
  const routes = new Hono();
  routes.post("/api/auth/register", async (c) => {
    const body = await bodyOf(c);
    if (body instanceof Response) return body;
    try {
      const { token, user } = await auth.register(app, body as never);
      return c.json({ token, user: publicUser(user as Row) }, 201);
    } catch (error) {
      return invalidResponse(error);
    }
  });
  routes.post("/api/auth/sign-in", async (c) => {
    const body = await bodyOf(c);
    if (body instanceof Response) return body;
    if (typeof body.email !== "string" || typeof body.password !== "string")
      return failure(401, "invalid_credentials", SIGN_IN_FAILED);
    try {
      const { token, user } = await auth.signIn(app, { email: body.email, password: body.password });
      return c.json({ token, user: publicUser(user as Row) });
    } catch (error) {
      if (error instanceof AshlarError && error.class === "forbidden")
        return failure(401, "invalid_credentials", SIGN_IN_FAILED);
      throw error;
    }
  });
  routes.post("/api/auth/sign-out", async (c) => {
    const header = c.req.header("authorization");
    const found = await auth.actorFrom(app, header);
    if (!found.ok) return failure(401, "unauthorized", "sign in first: send Authorization: Bearer <token>");
    await auth.signOut(app, (header as string).replace(/^bearer\s+/i, ""));
    return c.body(null, 204);
  });
  return routes;
}
