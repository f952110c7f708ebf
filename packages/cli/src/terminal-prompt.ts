import { createInterface, type Interface } from "node:readline/promises";
import type { Ask } from "./io.js";

/**
 * An `ask` that reads the answer from the terminal, for the `ashlar` bin when stdin is one. The question goes to
 * stderr, so stdout carries only the command's output. Ctrl-C or Ctrl-D at a question stops the command
 * (before it writes anything). `close()` releases stdin once the command is done.
 */
export function terminalPrompt(): { readonly ask: Ask; close(): void } {
  let terminal: Interface | undefined;
  let stop: AbortController | undefined;
  return {
    ask: async (question) => {
      stop = new AbortController();
      if (!terminal) {
        terminal = createInterface({ input: process.stdin, output: process.stderr });
        terminal.on("SIGINT", () => stop?.abort());
        terminal.on("close", () => stop?.abort());
      }
      try {
        return await terminal.question(`${question} `, { signal: stop.signal });
      } catch (error) {
        if (stop.signal.aborted) throw new Error("stopped at a question; nothing was written");
        throw error;
      }
    },
    close: () => terminal?.close(),
  };
}
