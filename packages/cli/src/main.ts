#!/usr/bin/env -S node --conditions=ashlar-source --import tsx
import { runCli } from "./cli.js";
import { terminalPrompt } from "./terminal-prompt.js";

// Questions only when someone can answer them: with stdin piped or closed (CI), commands never wait.
const prompt = process.stdin.isTTY ? terminalPrompt() : undefined;
try {
  process.exitCode = await runCli(process.argv.slice(2), {
    io: {
      out: (line) => process.stdout.write(`${line}\n`),
      err: (line) => process.stderr.write(`${line}\n`),
      ...(prompt ? { ask: prompt.ask } : {}),
      ...(process.stderr.isTTY
        ? { progress: (line: string, last: boolean) => process.stderr.write(`\r${line}${last ? "\n" : ""}`) }
        : {}),
    },
  });
} finally {
  prompt?.close();
}
