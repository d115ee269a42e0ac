// The Dockerfile, read the way Docker reads the parts the tests rely on: stages, ARG defaults, ENV,
// WORKDIR, USER, EXPOSE, COPY, HEALTHCHECK and CMD. The image and manifests tests take their facts
// from here instead of restating them, so changing the Dockerfile changes what they check.
import { readFileSync } from "node:fs";

export interface Copy {
  /** The stage it copies from (`--from=`), or undefined for the build context. */
  from?: string;
  sources: string[];
  dest: string;
}

export interface Stage {
  name?: string;
  image: string;
  workdir: string;
  /** ENV as set in this stage, variables expanded. */
  env: Record<string, string>;
  user?: string;
  expose: number[];
  copies: Copy[];
  /** Exec form only: the shell form would hide what runs behind `/bin/sh -c`. */
  cmd?: string[];
  healthcheck?: string[];
}

export interface Dockerfile {
  stages: Stage[];
  /** The stage the image is: the last one. */
  runtime: Stage;
  stage(name: string): Stage;
}

interface Instruction {
  keyword: string;
  args: string;
}

function instructions(text: string): Instruction[] {
  const out: Instruction[] = [];
  let pending = "";
  for (const raw of text.split("\n")) {
    const line = raw.trim();
    if (line.startsWith("#") || (line === "" && pending === "")) continue;
    if (line.endsWith("\\")) {
      pending += line.slice(0, -1) + " ";
      continue;
    }
    const full = (pending + line).trim();
    pending = "";
    if (full === "") continue;
    const match = /^(\S+)\s*(.*)$/.exec(full);
    if (match) out.push({ keyword: match[1].toUpperCase(), args: match[2] });
  }
  return out;
}

/** Splits on whitespace, keeping double-quoted parts together and unquoting them. */
function words(args: string): string[] {
  const out: string[] = [];
  for (const m of args.matchAll(/(?:[^\s"]+|"(?:[^"\\]|\\.)*")+/g)) {
    out.push(m[0].replace(/"((?:[^"\\]|\\.)*)"/g, (_, inner: string) => inner.replace(/\\(.)/g, "$1")));
  }
  return out;
}

function expand(value: string, vars: Record<string, string>): string {
  return value.replace(/\$\{(\w+)\}|\$(\w+)/g, (_, braced: string | undefined, bare: string | undefined) => vars[braced ?? bare ?? ""] ?? "");
}

function execForm(args: string, what: string): string[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(args);
  } catch {
    throw new Error(`${what} must be in exec form (a JSON array), not: ${args}`);
  }
  if (!Array.isArray(parsed) || !parsed.every((p): p is string => typeof p === "string")) {
    throw new Error(`${what} must be a JSON array of strings, not: ${args}`);
  }
  return parsed;
}

export function parseDockerfile(text: string): Dockerfile {
  const stages: Stage[] = [];
  const globalArgs: Record<string, string> = {};
  let stage: Stage | undefined;
  let vars: Record<string, string> = {};

  for (const { keyword, args } of instructions(text)) {
    if (keyword === "FROM") {
      const [image, as, name] = words(args).filter((w) => !w.startsWith("--"));
      stage = { image: expand(image, globalArgs), name: as?.toUpperCase() === "AS" ? name : undefined, workdir: "/", env: {}, expose: [], copies: [] };
      stages.push(stage);
      vars = {};
      continue;
    }
    if (keyword === "ARG") {
      const [name, ...rest] = args.split("=");
      const value = rest.length ? words(rest.join("="))[0] ?? "" : undefined;
      if (!stage) {
        if (value !== undefined) globalArgs[name.trim()] = value;
      } else {
        vars[name.trim()] = value ?? globalArgs[name.trim()] ?? "";
      }
      continue;
    }
    if (!stage) throw new Error(`${keyword} before the first FROM`);
    const scope = () => ({ ...vars, ...stage!.env });
    switch (keyword) {
      case "ENV": {
        const parts = words(args);
        if (parts.length && !parts[0].includes("=")) {
          stage.env[parts[0]] = expand(args.slice(args.indexOf(parts[0]) + parts[0].length).trim(), scope());
        } else {
          for (const part of parts) {
            const eq = part.indexOf("=");
            stage.env[part.slice(0, eq)] = expand(part.slice(eq + 1), scope());
          }
        }
        break;
      }
      case "WORKDIR": {
        const dir = expand(args.trim(), scope());
        stage.workdir = dir.startsWith("/") ? dir : `${stage.workdir.replace(/\/$/, "")}/${dir}`;
        break;
      }
      case "USER":
        stage.user = expand(args.trim(), scope());
        break;
      case "EXPOSE":
        stage.expose.push(...words(args).map((p) => Number(expand(p, scope()).split("/")[0])));
        break;
      case "COPY":
      case "ADD": {
        const parts = words(args);
        const from = parts.find((p) => p.startsWith("--from="))?.slice("--from=".length);
        const paths = parts.filter((p) => !p.startsWith("--")).map((p) => expand(p, scope()));
        stage.copies.push({ from, sources: paths.slice(0, -1), dest: paths[paths.length - 1] });
        break;
      }
      case "CMD":
        stage.cmd = execForm(args, "CMD");
        break;
      case "HEALTHCHECK": {
        const at = args.indexOf("CMD");
        if (at < 0) throw new Error(`HEALTHCHECK without CMD: ${args}`);
        stage.healthcheck = execForm(args.slice(at + "CMD".length).trim(), "HEALTHCHECK CMD");
        break;
      }
    }
  }
  if (stages.length === 0) throw new Error("no FROM in the Dockerfile");
  return {
    stages,
    runtime: stages[stages.length - 1],
    stage(name: string) {
      const found = stages.find((s) => s.name === name);
      if (!found) throw new Error(`no stage named ${name}`);
      return found;
    },
  };
}

export function readDockerfile(path: string): Dockerfile {
  return parseDockerfile(readFileSync(path, "utf8"));
}
