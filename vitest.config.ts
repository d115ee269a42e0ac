import { defineConfig } from "vitest/config";
import { fileURLToPath } from "node:url";

export default defineConfig({
  resolve: { alias: { "@": fileURLToPath(new URL("./", import.meta.url)) } },
  test: {
    include: ["{lib,components,app,scripts}/**/*.test.{ts,tsx}"],
    exclude: ["node_modules/**", "e2e/**", "lib/gen/**"],
    testTimeout: 30_000,
    // The server's JSON logs would bury the test report; log tests write to their own destination.
    env: { FLYTE_CONSOLE_LOG_LEVEL: "silent" },
  },
});
