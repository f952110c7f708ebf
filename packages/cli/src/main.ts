#!/usr/bin/env -S node --conditions=ashlar-source --import tsx
import { runCli } from "./cli.js";

process.exitCode = await runCli(process.argv.slice(2), {
  io: {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
  },
});
