import { defineConfig } from "vitest/config";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("./", import.meta.url));
const BROWSER_CODE = ["components/**/*.test.{ts,tsx}", "lib/query/**/*.test.{ts,tsx}"];

export default defineConfig({
  resolve: { alias: { "@": root } },
  test: {
    exclude: ["node_modules/**", "e2e/**", "lib/gen/**"],
    testTimeout: 30_000,
    env: {
      // What next.config.mjs inlines into the app by default.
      FLYTE_CONSOLE_BASE_PATH: "/console",
      // The server's JSON logs would bury the test report; log tests write to their own destination.
      FLYTE_CONSOLE_LOG_LEVEL: "silent",
    },
    projects: [
      {
        extends: true,
        test: { name: "server and shared", include: ["{lib,components,app,scripts,deploy}/**/*.test.{ts,tsx}"], exclude: ["node_modules/**", "e2e/**", "lib/gen/**", ...BROWSER_CODE] },
      },
      {
        extends: true,
        // Browser code's tests get the browser's generation of the protos, as the browser bundle does
        // (next.config.mjs): a call to a method it lacks fails here, not only in the browser.
        resolve: { alias: [{ find: /^@\/lib\/gen\/(.*)$/, replacement: `${root}lib/gen/browser/$1` }] },
        test: { name: "browser code", include: BROWSER_CODE },
      },
    ],
  },
});
