// deploy/'s manifests, checked against the app and the image they run rather than against a copy of
// themselves: routes under app/, the env names the server reads, the README's settings table, and
// the Dockerfile's PORT and USER.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { pathToFileURL } from "node:url";
import { afterEach, describe, expect, it, vi } from "vitest";
import { parse, parseAllDocuments } from "yaml";
import { readDockerfile } from "./dockerfile";

const root = join(__dirname, "..");

interface Probe {
  httpGet?: { path: string; port: string | number };
}
interface Container {
  name: string;
  ports?: { name?: string; containerPort: number }[];
  env?: { name: string; value?: string }[];
  envFrom?: { configMapRef?: { name: string } }[];
  startupProbe?: Probe;
  livenessProbe?: Probe;
  readinessProbe?: Probe;
  securityContext?: SecurityContext;
  volumeMounts?: { name: string; mountPath: string; readOnly?: boolean }[];
}
interface SecurityContext {
  runAsNonRoot?: boolean;
  runAsUser?: number;
  readOnlyRootFilesystem?: boolean;
  allowPrivilegeEscalation?: boolean;
  capabilities?: { drop?: string[] };
}
interface Manifest {
  kind: string;
  metadata: { name: string };
  data?: Record<string, string>;
  spec?: {
    selector?: { matchLabels?: Record<string, string> } & Record<string, string | Record<string, string>>;
    ports?: { port: number; targetPort: string | number }[];
    template?: {
      metadata: { labels: Record<string, string> };
      spec: {
        securityContext?: SecurityContext;
        containers: Container[];
        volumes?: { name: string; secret?: { secretName: string; optional?: boolean } }[];
      };
    };
  };
}

const kustomization = parse(readFileSync(join(root, "deploy", "kustomization.yaml"), "utf8")) as { resources: string[] };
const manifests: Manifest[] = kustomization.resources.flatMap((file) =>
  parseAllDocuments(readFileSync(join(root, "deploy", file), "utf8")).map((doc) => doc.toJS() as Manifest),
);
const byKind = (kind: string) => manifests.filter((m) => m.kind === kind);
const deployment = byKind("Deployment")[0];
const pod = deployment.spec!.template!;
const container = pod.spec.containers[0];
const configMaps = byKind("ConfigMap");
const dockerfile = readDockerfile(join(root, "Dockerfile"));
const imagePort = Number(dockerfile.runtime.env.PORT);

async function nextConfigDefaults(): Promise<{ basePath: string; env: Record<string, string> }> {
  const saved = process.env.FLYTE_CONSOLE_BASE_PATH;
  delete process.env.FLYTE_CONSOLE_BASE_PATH;
  try {
    const url = `${pathToFileURL(join(root, "next.config.mjs")).href}?defaults`;
    const mod = (await import(/* @vite-ignore */ url)) as { default: { basePath?: string; env?: Record<string, string> } };
    return { basePath: mod.default.basePath ?? "", env: mod.default.env ?? {} };
  } finally {
    if (saved !== undefined) process.env.FLYTE_CONSOLE_BASE_PATH = saved;
  }
}

function files(dir: string): string[] {
  return readdirSync(join(root, dir)).flatMap((entry) => {
    const path = join(dir, entry);
    return statSync(join(root, path)).isDirectory() ? files(path) : [path];
  });
}

/** URL path (without the base path) → route handler file, route groups `(name)` dropped. */
function routeHandlers(): Map<string, string> {
  const routes = new Map<string, string>();
  for (const file of files("app")) {
    if (!/(^|\/)route\.(ts|tsx|js)$/.test(file.split(sep).join("/"))) continue;
    const segments = relative("app", file).split(sep).slice(0, -1).filter((s) => !/^\(.*\)$/.test(s));
    routes.set(`/${segments.join("/")}`, file);
  }
  return routes;
}

/** FLYTE_* names the console's server reads from its environment at run time. */
function envNamesTheServerReads(buildTimeOnly: Set<string>): Set<string> {
  const sources = [...files("app"), ...files("components"), ...files("lib"), "proxy.ts"].filter(
    (f) => /\.(ts|tsx)$/.test(f) && !/\.test\.tsx?$/.test(f) && !f.startsWith(join("lib", "gen") + sep) && !f.startsWith(join("lib", "sandbox") + sep),
  );
  const names = new Set<string>();
  for (const file of sources) {
    for (const m of readFileSync(join(root, file), "utf8").matchAll(/\benv\.(FLYTE_[A-Z0-9_]+)|\benv\[\s*["'](FLYTE_[A-Z0-9_]+)["']\s*\]/g)) {
      const name = m[1] ?? m[2];
      if (!buildTimeOnly.has(name)) names.add(name);
    }
  }
  return names;
}

/** Names in the first column of the README's settings table. */
function documentedSettings(): Set<string> {
  const lines = readFileSync(join(root, "README.md"), "utf8").split("\n");
  const header = lines.findIndex((l) => /^\|\s*variable\s*\|/.test(l));
  expect(header, "README has a settings table (| variable | default | meaning |)").toBeGreaterThanOrEqual(0);
  const names = new Set<string>();
  for (const line of lines.slice(header + 2)) {
    if (!line.startsWith("|")) break;
    for (const m of line.split("|")[1].matchAll(/`([A-Z0-9_]+)`/g)) names.add(m[1]);
  }
  return names;
}

function containerPort(port: string | number): number | undefined {
  if (typeof port === "number") return container.ports?.find((p) => p.containerPort === port)?.containerPort;
  return container.ports?.find((p) => p.name === port)?.containerPort;
}

function probes(): [string, Probe][] {
  return (["startupProbe", "livenessProbe", "readinessProbe"] as const).flatMap((k): [string, Probe][] => (container[k] ? [[k, container[k]!]] : []));
}

function settings(): Record<string, string> {
  const fromConfigMaps = (container.envFrom ?? []).flatMap((ref) => {
    const cm = configMaps.find((c) => c.metadata.name === ref.configMapRef?.name);
    return cm ? Object.entries(cm.data ?? {}) : [];
  });
  const direct = (container.env ?? []).map((e): [string, string] => [e.name, e.value ?? ""]);
  return Object.fromEntries([...fromConfigMaps, ...direct]);
}

afterEach(() => {
  vi.unstubAllEnvs();
});

describe("deploy/ manifests", () => {
  it("probe the console's own liveness and readiness routes under the base path, never /healthz", async () => {
    const { basePath } = await nextConfigDefaults();
    expect(dockerfile.runtime.env.FLYTE_CONSOLE_BASE_PATH, "the image is built with next.config's default base path").toBe(basePath);
    const routes = routeHandlers();
    const kinds = probes().map(([kind]) => kind);
    expect(kinds).toEqual(expect.arrayContaining(["livenessProbe", "readinessProbe", "startupProbe"]));

    for (const [kind, probe] of probes()) {
      const path = probe.httpGet?.path ?? "";
      expect(path.startsWith(`${basePath}/`), `${kind} ${path} is under ${basePath}`).toBe(true);
      const route = path.slice(basePath.length);
      expect(routes.has(route), `${kind} ${path} is a route handler under app/`).toBe(true);
      // /healthz asks FlyteAdmin: as a probe, a FlyteAdmin outage would restart or unlist every replica.
      expect(route, `${kind} must not depend on FlyteAdmin`).not.toBe("/healthz");
    }
  });

  it("with the ConfigMap's settings, every probe's route answers 200 without asking FlyteAdmin", async () => {
    for (const [name, value] of Object.entries(settings())) vi.stubEnv(name, value);
    const { basePath } = await nextConfigDefaults();
    const routes = routeHandlers();
    for (const [kind, probe] of probes()) {
      const route = (probe.httpGet?.path ?? "").slice(basePath.length);
      expect(route, `${kind} must not depend on FlyteAdmin`).not.toBe("/healthz");
      const file = routes.get(route);
      expect(file, kind).toBeDefined();
      const mod = (await import(/* @vite-ignore */ pathToFileURL(join(root, file!)).href)) as { GET: () => Response | Promise<Response> };
      const res = await mod.GET();
      expect(res.status, `${kind}: ${await res.clone().text()}`).toBe(200);
    }
  });

  it("probes and the Service reach the container port the image listens on (the Dockerfile's PORT)", () => {
    expect(Number.isInteger(imagePort) && imagePort > 0, "the Dockerfile sets PORT").toBe(true);
    expect(Object.keys(settings()), "PORT stays the image's").not.toContain("PORT");
    for (const [kind, probe] of probes()) {
      expect(containerPort(probe.httpGet?.port ?? ""), `${kind} port`).toBe(imagePort);
    }
    const service = byKind("Service").find((s) => s.metadata.name === "flyteconsole");
    expect(service, "a Service named flyteconsole, as flyte-core's ingress routes /console to").toBeDefined();
    const port80 = service!.spec!.ports!.find((p) => p.port === 80);
    expect(port80, "the Service listens on port 80, as flyte-core's ingress expects").toBeDefined();
    expect(containerPort(port80!.targetPort)).toBe(imagePort);
  });

  it("the Service and the PodDisruptionBudget select the Deployment's pods", () => {
    const labels = pod.metadata.labels;
    const selects = (selector: Record<string, unknown> | undefined) =>
      !!selector && Object.keys(selector).length > 0 && Object.entries(selector).every(([k, v]) => labels[k] === v);
    expect(selects(deployment.spec!.selector?.matchLabels), "Deployment selector").toBe(true);
    const service = byKind("Service").find((s) => s.metadata.name === "flyteconsole")!;
    expect(selects(service.spec!.selector as Record<string, unknown>), "Service selector").toBe(true);
    const pdb = byKind("PodDisruptionBudget")[0];
    expect(pdb, "a PodDisruptionBudget").toBeDefined();
    expect(selects(pdb.spec!.selector?.matchLabels), "PodDisruptionBudget selector").toBe(true);
  });

  it("sets only variables the console reads, each documented in the README's settings table", async () => {
    const { env: buildTime } = await nextConfigDefaults();
    const read = envNamesTheServerReads(new Set(Object.keys(buildTime)));
    expect(read.has("FLYTE_ADMIN_ENDPOINT"), "the derivation finds the server's settings").toBe(true);
    const documented = documentedSettings();
    const names = Object.keys(settings());
    expect(names.length).toBeGreaterThan(0);
    for (const name of names) {
      if (name.startsWith("FLYTE_")) {
        expect(read.has(name), `${name} is read by the console's server at run time`).toBe(true);
      } else {
        expect(Object.keys(dockerfile.runtime.env), `${name} is a setting of the image's server`).toContain(name);
      }
      expect(documented.has(name), `${name} is documented in the README's settings table`).toBe(true);
    }
    for (const ref of container.envFrom ?? []) {
      expect(configMaps.map((c) => c.metadata.name), "envFrom names a ConfigMap in deploy/").toContain(ref.configMapRef?.name);
    }
  });

  it("runs as the image's non-root user on a read-only root filesystem with no privileges", () => {
    const podSecurity = pod.spec.securityContext ?? {};
    const security = container.securityContext ?? {};
    expect(security.readOnlyRootFilesystem).toBe(true);
    expect(security.runAsNonRoot ?? podSecurity.runAsNonRoot).toBe(true);
    expect(security.allowPrivilegeEscalation).toBe(false);
    expect(security.capabilities?.drop).toContain("ALL");
    const imageUid = Number((dockerfile.runtime.user ?? "").split(":")[0]);
    expect(imageUid, "the image's USER is numeric, so runAsNonRoot can verify it").toBeGreaterThan(0);
    const uid = security.runAsUser ?? podSecurity.runAsUser;
    if (uid !== undefined) expect(uid, "runAsUser is the image's USER, who can read its files").toBe(imageUid);
  });

  it("mounts FlyteAdmin's auth secret read-only and optional, so pods also start where auth is off", () => {
    const secrets = (pod.spec.volumes ?? []).filter((v) => v.secret);
    expect(secrets.length).toBeGreaterThan(0);
    for (const volume of secrets) {
      expect(volume.secret?.optional, `${volume.name} is optional`).toBe(true);
      const mount = container.volumeMounts?.find((m) => m.name === volume.name);
      expect(mount?.readOnly, `${volume.name} is mounted read-only`).toBe(true);
    }
  });
});
