import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { conditions: ["ashlar-source"] },
  ssr: { resolve: { conditions: ["ashlar-source"] } },
  test: {
    include: ["packages/*/src/**/*.test.ts", "packages/*/test/**/*.test.ts", "examples/*/test/**/*.test.ts"],
  },
});
