import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { conditions: ["ashlar-source"] },
  ssr: { resolve: { conditions: ["ashlar-source"] } },
  test: {
    // Database tests start PGlite (initdb, ~3 s) and talk to real servers; a shared 2-core machine needs slack.
    testTimeout: 30_000,
    hookTimeout: 60_000,
    include: ["packages/*/src/**/*.test.ts", "packages/*/test/**/*.test.ts", "examples/*/test/**/*.test.ts"],
  },
});
