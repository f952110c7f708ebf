import { authentication, tokenResource } from "@ashlar/auth";
import { domain } from "@ashlar/core";
import { User } from "../domain/user.js";

/** Revocable bearer tokens: signing out holds in every process sharing the database. */
export const AuthToken = tokenResource();

export const Sessions = domain("sessions", { resources: [AuthToken] });

/** The development secret; production sets AUTH_SECRET (32 bytes or more). */
const DEV_SECRET = "helpdesk-development-secret-change-me-0123456789";

export function helpdeskAuth(secret: string | undefined) {
  return authentication({
    secret: secret ?? DEV_SECRET,
    user: User,
    tokens: AuthToken,
    register: "register",
  });
}

export type HelpdeskAuth = ReturnType<typeof helpdeskAuth>;
