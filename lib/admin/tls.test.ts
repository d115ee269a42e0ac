// TLS to FlyteAdmin as clusters use it: a private CA, mTLS, the skip switch, and errors that name the
// certificate problem. The sandbox serves gRPC over TLS in-process with certificates made here.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import http2 from "node:http2";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { rootCertificates } from "node:tls";
import { Code, ConnectError, createClient } from "@connectrpc/connect";
import { createConnectTransport } from "@connectrpc/connect-web";
import { generate } from "selfsigned";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { AdminService } from "@/lib/gen/flyteidl/service/admin_pb";
import { sandboxConfig } from "@/lib/sandbox/config";
import { startSandbox, type RunningSandbox } from "@/lib/sandbox/server";
import { createBff } from "./bff";
import { readAdminConfig } from "./config";
import { log } from "./log";
import { probeAdmin } from "./probe";
import { createUpstream } from "./upstream";

const dir = mkdtempSync(path.join(tmpdir(), "admin-tls-"));
const file = (name: string) => path.join(dir, name);

type Sans = { type: 2 | 7; value?: string; ip?: string }[];
const LOCAL: Sans = [
  { type: 2, value: "localhost" },
  { type: 7, ip: "127.0.0.1" },
];

/** EC keys: a few milliseconds each, where RSA 2048 in JS takes far longer. */
async function certificates() {
  const ec = { keyType: "ec", algorithm: "sha256" } as const;
  const ca = await generate([{ name: "commonName", value: "Flyte test CA" }], {
    ...ec,
    extensions: [
      { name: "basicConstraints", cA: true, critical: true },
      { name: "keyUsage", keyCertSign: true, cRLSign: true, digitalSignature: true, critical: true },
    ],
  });
  const leaf = (cn: string, usage: "serverAuth" | "clientAuth", sans: Sans, dates: { notBeforeDate?: Date; notAfterDate?: Date } = {}) =>
    generate([{ name: "commonName", value: cn }], {
      ...ec,
      ...dates,
      ca: { key: ca.private, cert: ca.cert },
      extensions: [
        { name: "basicConstraints", cA: false },
        { name: "keyUsage", digitalSignature: true, critical: true },
        { name: "extKeyUsage", [usage]: true },
        ...(sans.length ? [{ name: "subjectAltName" as const, altNames: sans }] : []),
      ],
    });
  const day = 86_400_000;
  return {
    ca,
    server: await leaf("localhost", "serverAuth", LOCAL),
    client: await leaf("flyte-console", "clientAuth", []),
    wrongHost: await leaf("flyte.example.com", "serverAuth", [{ type: 2, value: "flyte.example.com" }]),
    expired: await leaf("localhost", "serverAuth", LOCAL, { notBeforeDate: new Date(Date.now() - 10 * day), notAfterDate: new Date(Date.now() - day) }),
    selfSigned: await generate([{ name: "commonName", value: "localhost" }], { ...ec, extensions: [{ name: "subjectAltName", altNames: LOCAL }] }),
  };
}

let tlsSandbox: RunningSandbox;
let mtlsSandbox: RunningSandbox;
const bareServers: http2.Http2SecureServer[] = [];
const bareUrls: Record<"leafOnly" | "wrongHost" | "expired" | "selfSigned", string> = { leafOnly: "", wrongHost: "", expired: "", selfSigned: "" };

async function sandbox(name: string, env: Record<string, string>): Promise<RunningSandbox> {
  const dataDir = file(`data-${name}`);
  mkdirSync(dataDir);
  return startSandbox({ ...sandboxConfig(env), host: "127.0.0.1", grpcPort: 0, httpPort: 0, dataDir, seed: false }, { executor: false });
}

/** A TLS server that only completes handshakes: enough for the ones that must fail. */
async function bareServer(cert: string, key: string): Promise<string> {
  const server = http2.createSecureServer({ cert, key, allowHTTP1: false });
  bareServers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

beforeAll(async () => {
  const c = await certificates();
  writeFileSync(file("ca.pem"), c.ca.cert);
  writeFileSync(file("server.pem"), c.server.cert);
  // What cert-manager and most ingresses serve: the leaf and its CA.
  writeFileSync(file("server-chain.pem"), `${c.server.cert}\n${c.ca.cert}`);
  writeFileSync(file("server-key.pem"), c.server.private);
  writeFileSync(file("client.pem"), c.client.cert);
  writeFileSync(file("client-key.pem"), c.client.private);
  tlsSandbox = await sandbox("tls", { FLYTE_SANDBOX_TLS_CERT_FILE: file("server-chain.pem"), FLYTE_SANDBOX_TLS_KEY_FILE: file("server-key.pem") });
  mtlsSandbox = await sandbox("mtls", {
    FLYTE_SANDBOX_TLS_CERT_FILE: file("server.pem"),
    FLYTE_SANDBOX_TLS_KEY_FILE: file("server-key.pem"),
    FLYTE_SANDBOX_TLS_CLIENT_CA_FILE: file("ca.pem"),
  });
  bareUrls.leafOnly = await bareServer(c.server.cert, c.server.private);
  bareUrls.wrongHost = await bareServer(c.wrongHost.cert, c.wrongHost.private);
  bareUrls.expired = await bareServer(c.expired.cert, c.expired.private);
  bareUrls.selfSigned = await bareServer(c.selfSigned.cert, c.selfSigned.private);
});

afterAll(async () => {
  await Promise.all([tlsSandbox?.close(), mtlsSandbox?.close(), ...bareServers.map((s) => new Promise((resolve) => s.close(resolve)))]);
  rmSync(dir, { recursive: true, force: true });
});

const probe = (env: Record<string, string>) => probeAdmin(createUpstream(readAdminConfig(env)));
const withCa = { FLYTE_ADMIN_CA_CERT_FILE: file("ca.pem") };
const withClientCert = { FLYTE_ADMIN_CLIENT_CERT_FILE: file("client.pem"), FLYTE_ADMIN_CLIENT_KEY_FILE: file("client-key.pem") };

describe("TLS to FlyteAdmin with a private CA", () => {
  it("serves the sandbox over TLS at an https:// URL", () => {
    expect(tlsSandbox.grpcUrl).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
  });

  it("trusts FlyteAdmin's certificate when FLYTE_ADMIN_CA_CERT_FILE holds its CA", async () => {
    const info = await probe({ FLYTE_ADMIN_ENDPOINT: tlsSandbox.grpcUrl, ...withCa });
    expect(info.adminError).toBe("");
    expect(info.adminReachable).toBe(true);
  });

  it("still trusts the public roots next to the private CA", () => {
    const ca = readAdminConfig({ FLYTE_ADMIN_ENDPOINT: "dns:///flyte.example.com:443", ...withCa }).tls?.nodeOptions.ca;
    expect(ca).toEqual([...rootCertificates, readFileSync(file("ca.pem"), "utf8")]);
  });

  it.each([
    ["the leaf and its CA", () => tlsSandbox.grpcUrl, "self-signed certificate in certificate chain"],
    ["only the leaf", () => bareUrls.leafOnly, "unable to verify the first certificate"],
  ])("without it, a server sending %s is reported as untrusted, naming FLYTE_ADMIN_CA_CERT_FILE", async (_what, url, reason) => {
    const info = await probe({ FLYTE_ADMIN_ENDPOINT: url() });
    expect(info.adminReachable).toBe(false);
    expect(info.adminError).toBe(
      `TLS: the certificate of FlyteAdmin at ${url()} is not trusted (${reason}); set FLYTE_ADMIN_CA_CERT_FILE to its CA bundle`,
    );
  });

  it("says so when the CA bundle that is set is not the issuer", async () => {
    const info = await probe({ FLYTE_ADMIN_ENDPOINT: tlsSandbox.grpcUrl, FLYTE_ADMIN_CA_CERT_FILE: file("client.pem") });
    expect(info.adminError).toContain(`FLYTE_ADMIN_CA_CERT_FILE=${file("client.pem")} does not hold the CA that issued it`);
  });

  it("answers the same on every try, not a stale or generic error", async () => {
    const up = createUpstream(readAdminConfig({ FLYTE_ADMIN_ENDPOINT: tlsSandbox.grpcUrl }));
    const errors = [(await probeAdmin(up)).adminError, (await probeAdmin(up)).adminError];
    expect(errors[1]).toBe(errors[0]);
    expect(errors[0]).toMatch(/^TLS: .* is not trusted/);
  });

  it("the BFF returns the same message with code unavailable", async () => {
    const bff = createBff(createUpstream(readAdminConfig({ FLYTE_ADMIN_ENDPOINT: tlsSandbox.grpcUrl, FLYTE_CONSOLE_ALLOWED_HOSTS: "console.test" })));
    const transport = createConnectTransport({
      baseUrl: "http://console.test/api/connect",
      fetch: (input, init) => bff(new Request(input, init)),
    });
    const err = await createClient(AdminService, transport)
      .listProjects({})
      .then(() => undefined, (e: unknown) => ConnectError.from(e));
    expect(err?.code).toBe(Code.Unavailable);
    expect(err?.rawMessage).toMatch(/is not trusted \(self-signed certificate in certificate chain\); set FLYTE_ADMIN_CA_CERT_FILE/);
  });

  it("skips verification only when FLYTE_ADMIN_INSECURE_SKIP_VERIFY=true, with a warning", async () => {
    const warn = vi.spyOn(log(), "warn").mockImplementation(() => undefined);
    try {
      const info = await probe({ FLYTE_ADMIN_ENDPOINT: tlsSandbox.grpcUrl, FLYTE_ADMIN_INSECURE_SKIP_VERIFY: "true" });
      expect(info.adminReachable).toBe(true);
      readAdminConfig({ FLYTE_ADMIN_ENDPOINT: tlsSandbox.grpcUrl, FLYTE_ADMIN_INSECURE_SKIP_VERIFY: "true" });
      expect(warn).toHaveBeenCalledTimes(1);
      expect(warn.mock.calls[0][0]).toMatch(/FLYTE_ADMIN_INSECURE_SKIP_VERIFY.*not verified/);
    } finally {
      warn.mockRestore();
    }
  });
});

describe("other certificate problems are named", () => {
  it("a certificate for another host", async () => {
    const info = await probe({ FLYTE_ADMIN_ENDPOINT: bareUrls.wrongHost, ...withCa });
    expect(info.adminError).toBe(
      `TLS: the certificate of FlyteAdmin at ${bareUrls.wrongHost} is not issued for that host ` +
        `(IP: 127.0.0.1 is not in the cert's list); use a host name the certificate names in FLYTE_ADMIN_ENDPOINT`,
    );
  });

  it("an expired certificate", async () => {
    const info = await probe({ FLYTE_ADMIN_ENDPOINT: bareUrls.expired, ...withCa });
    expect(info.adminError).toMatch(/^TLS: the certificate of FlyteAdmin at .* has expired/);
  });

  it("a self-signed certificate", async () => {
    const info = await probe({ FLYTE_ADMIN_ENDPOINT: bareUrls.selfSigned });
    expect(info.adminError).toMatch(/is not trusted \(self-signed certificate\); set FLYTE_ADMIN_CA_CERT_FILE/);
  });

  it("a plaintext server behind an https:// endpoint", async () => {
    const plain = http2.createServer();
    await new Promise<void>((resolve) => plain.listen(0, "127.0.0.1", resolve));
    try {
      const info = await probe({ FLYTE_ADMIN_ENDPOINT: `https://127.0.0.1:${(plain.address() as AddressInfo).port}` });
      expect(info.adminError).toMatch(/does not answer TLS on that port \(wrong version number\); .*use http:\/\/ or FLYTE_ADMIN_INSECURE=true/);
    } finally {
      await new Promise((resolve) => plain.close(resolve));
    }
  });
});

describe("mTLS: a FlyteAdmin that requires client certificates", () => {
  it("without one, says a client certificate is required and what to set", async () => {
    const info = await probe({ FLYTE_ADMIN_ENDPOINT: mtlsSandbox.grpcUrl, ...withCa });
    expect(info.adminReachable).toBe(false);
    expect(info.adminError).toBe(
      `TLS: FlyteAdmin at ${mtlsSandbox.grpcUrl} requires a client certificate (mTLS); ` +
        "set FLYTE_ADMIN_CLIENT_CERT_FILE and FLYTE_ADMIN_CLIENT_KEY_FILE",
    );
  });

  it("with FLYTE_ADMIN_CLIENT_CERT_FILE and FLYTE_ADMIN_CLIENT_KEY_FILE, answers", async () => {
    const info = await probe({ FLYTE_ADMIN_ENDPOINT: mtlsSandbox.grpcUrl, ...withCa, ...withClientCert });
    expect(info.adminError).toBe("");
    expect(info.adminReachable).toBe(true);
  });
});

describe("TLS settings that cannot be used are config errors", () => {
  const endpoint = { FLYTE_ADMIN_ENDPOINT: "flyte.example.com:443" };

  it("names the variable and the path of a missing or unreadable file", () => {
    expect(() => readAdminConfig({ ...endpoint, FLYTE_ADMIN_CA_CERT_FILE: file("nope.pem") })).toThrow(
      `FLYTE_ADMIN_CA_CERT_FILE=${file("nope.pem")} cannot be read (no such file); point it at a readable PEM file or unset it`,
    );
    expect(() => readAdminConfig({ ...endpoint, FLYTE_ADMIN_CA_CERT_FILE: dir })).toThrow(`FLYTE_ADMIN_CA_CERT_FILE=${dir} cannot be read (it is a directory)`);
    expect(() => readAdminConfig({ ...endpoint, ...withClientCert, FLYTE_ADMIN_CLIENT_KEY_FILE: file("gone.pem") })).toThrow(
      `FLYTE_ADMIN_CLIENT_KEY_FILE=${file("gone.pem")} cannot be read`,
    );
  });

  it("refuses a client certificate without its key, and a key without its certificate", () => {
    expect(() => readAdminConfig({ ...endpoint, FLYTE_ADMIN_CLIENT_CERT_FILE: file("client.pem") })).toThrow(
      "FLYTE_ADMIN_CLIENT_CERT_FILE is set but FLYTE_ADMIN_CLIENT_KEY_FILE is not",
    );
    expect(() => readAdminConfig({ ...endpoint, FLYTE_ADMIN_CLIENT_KEY_FILE: file("client-key.pem") })).toThrow(
      "FLYTE_ADMIN_CLIENT_KEY_FILE is set but FLYTE_ADMIN_CLIENT_CERT_FILE is not",
    );
  });

  it("refuses a file that is not PEM and a key that is not the certificate's, without printing key material", () => {
    expect(() => readAdminConfig({ ...endpoint, FLYTE_ADMIN_CA_CERT_FILE: file("client-key.pem") })).toThrow(
      `FLYTE_ADMIN_CA_CERT_FILE=${file("client-key.pem")} has no PEM certificate in it`,
    );
    let message = "";
    try {
      readAdminConfig({ ...endpoint, ...withClientCert, FLYTE_ADMIN_CLIENT_KEY_FILE: file("server-key.pem") });
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toMatch(/cannot be used together \(key values mismatch\); the key must be the certificate's own/);
    expect(message).not.toMatch(/BEGIN|PRIVATE/);
  });

  it("ignores them for a plaintext endpoint", () => {
    const config = readAdminConfig({ FLYTE_ADMIN_ENDPOINT: "flyteadmin:81", FLYTE_ADMIN_INSECURE: "true", FLYTE_ADMIN_CA_CERT_FILE: file("nope.pem") });
    expect(config.tls).toBeUndefined();
  });
});
