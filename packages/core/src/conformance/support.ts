import { expect } from "vitest";
import { InvalidError } from "../index.js";

/** Awaits a call that must fail with an InvalidError, and answers that error. */
export async function invalidFrom(call: Promise<unknown>): Promise<InvalidError> {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(InvalidError);
  return error as InvalidError;
}
