import path from "node:path";
import { describe, expect, it } from "vitest";
import { sandboxConfig } from "../config";
import { sandboxAuthConfig } from "./config";

describe("sandbox auth settings", () => {
  it("is off unless FLYTE_SANDBOX_AUTH=1", () => {
    expect(sandboxConfig({}).auth).toBeUndefined();
    expect(sandboxConfig({ FLYTE_SANDBOX_AUTH: "0" }).auth).toBeUndefined();
  });

  it("defaults: secrets under the data dir, one-hour tokens, no test mode, the console's usual origins", () => {
    expect(sandboxConfig({ FLYTE_SANDBOX_AUTH: "1", FLYTE_SANDBOX_DATA_DIR: "/tmp/sbx" }).auth).toEqual({
      secretsDir: "/tmp/sbx/auth",
      tokenTtlMs: 3_600_000,
      testMode: false,
      authorizedUris: ["http://127.0.0.1:3000", "http://localhost:3000"],
    });
  });

  it("reads every setting", () => {
    const auth = sandboxAuthConfig(
      {
        FLYTE_SANDBOX_AUTH: "true",
        FLYTE_SANDBOX_AUTH_SECRETS_DIR: "relative/secrets",
        FLYTE_SANDBOX_AUTH_TOKEN_TTL_MS: "5000",
        FLYTE_SANDBOX_AUTH_TEST_MODE: "1",
        FLYTE_SANDBOX_AUTH_AUTHORIZED_URIS: " http://127.0.0.1:13000 ,https://flyte.example.com/, http://127.0.0.1:13000",
      },
      "/data",
    );
    expect(auth).toEqual({
      secretsDir: path.resolve("relative/secrets"),
      tokenTtlMs: 5000,
      testMode: true,
      authorizedUris: ["http://127.0.0.1:13000", "https://flyte.example.com"],
    });
  });

  it.each([
    [{ FLYTE_SANDBOX_AUTH: "yes" }, "FLYTE_SANDBOX_AUTH=yes is not a switch"],
    [{ FLYTE_SANDBOX_AUTH: "1", FLYTE_SANDBOX_AUTH_TEST_MODE: "on" }, "FLYTE_SANDBOX_AUTH_TEST_MODE=on is not a switch"],
    [{ FLYTE_SANDBOX_AUTH: "1", FLYTE_SANDBOX_AUTH_TOKEN_TTL_MS: "1h" }, "FLYTE_SANDBOX_AUTH_TOKEN_TTL_MS=1h is not a whole number of milliseconds"],
    [{ FLYTE_SANDBOX_AUTH: "1", FLYTE_SANDBOX_AUTH_TOKEN_TTL_MS: "10" }, "FLYTE_SANDBOX_AUTH_TOKEN_TTL_MS=10 is not a whole number of milliseconds from 1000"],
    [{ FLYTE_SANDBOX_AUTH: "1", FLYTE_SANDBOX_AUTH_AUTHORIZED_URIS: "localhost:3000" }, "FLYTE_SANDBOX_AUTH_AUTHORIZED_URIS: \"localhost:3000\" is not an http(s) URL"],
    [{ FLYTE_SANDBOX_AUTH: "1", FLYTE_SANDBOX_AUTH_AUTHORIZED_URIS: "http://127.0.0.1:3000/console" }, "must be an origin only"],
    [{ FLYTE_SANDBOX_AUTH: "1", FLYTE_SANDBOX_AUTH_AUTHORIZED_URIS: "not a url" }, "FLYTE_SANDBOX_AUTH_AUTHORIZED_URIS: \"not a url\" is not an absolute URL"],
  ])("refuses %o", (env, message) => {
    expect(() => sandboxAuthConfig(env, "/data")).toThrow(message);
  });
});
