import { defineConfig } from "vitest/config";
import { fileURLToPath } from "node:url";

export default defineConfig({
  resolve: { alias: { "@": fileURLToPath(new URL("./", import.meta.url)) } },
  test: {
    include: ["{lib,components,app,scripts,deploy}/**/*.test.{ts,tsx}"],
    exclude: ["node_modules/**", "e2e/**", "lib/gen/**"],
    testTimeout: 30_000,
    env: {
      // What next.config.mjs inlines into the app by default.
      FLYTE_CONSOLE_BASE_PATH: "/console",
      // The server's JSON logs would bury the test report; log tests write to their own destination.
      FLYTE_CONSOLE_LOG_LEVEL: "silent",
    },
  },
});
