// The REST routes, derived from the `google.api.http` annotations of the generated service
// descriptors, as grpc-gateway derives them: one binding per rule and per additional binding.
import { getExtension, hasExtension, type DescMethod, type DescMethodUnary, type DescService } from "@bufbuild/protobuf";
import { http } from "@/lib/gen/google/api/annotations_pb";
import type { HttpRule } from "@/lib/gen/google/api/http_pb";

export type HttpVerb = "GET" | "PUT" | "POST" | "DELETE" | "PATCH";

export interface PathVariable {
  /** The request field path, e.g. ["id", "project"]. */
  fieldPath: string[];
  /** Index of the capture group in the compiled regex. */
  group: number;
}

export interface HttpBinding {
  method: DescMethodUnary;
  verb: string;
  template: string;
  /** "" (no body), "*" (the whole request) or a top-level request field name. */
  body: string;
  regex: RegExp;
  variables: PathVariable[];
  /** Literal segments, to prefer "/executions/recover" over "/executions/{id.project}" style matches. */
  literalCount: number;
}

const SEGMENT_LITERAL = /^[A-Za-z0-9._~\-]+$/;

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * Compiles a path template ("/api/v1/tasks/{id.project}/{id.name=**}:verb") to a regex over the
 * raw (still percent-encoded) request path, one capture group per variable.
 */
export function compilePathTemplate(template: string): Pick<HttpBinding, "regex" | "variables" | "literalCount"> {
  if (!template.startsWith("/")) throw new Error(`path template must start with "/": ${template}`);
  let path = template.slice(1);
  let verb = "";
  const lastColon = path.lastIndexOf(":");
  if (lastColon > path.lastIndexOf("/") && lastColon > path.lastIndexOf("}")) {
    verb = path.slice(lastColon + 1);
    path = path.slice(0, lastColon);
  }
  const variables: PathVariable[] = [];
  let literalCount = 0;
  const parts: string[] = [];
  // Split on "/" outside braces: a variable may hold a multi-segment pattern ({name=shelves/*}).
  const tokens = path.match(/\{[^}]*\}|[^/]+/g) ?? [];
  const patternRegex = (segments: string[]): string =>
    segments
      .map((seg) => {
        if (seg === "*") return "[^/]+";
        if (seg === "**") return ".+";
        if (!SEGMENT_LITERAL.test(seg)) throw new Error(`bad literal "${seg}" in ${template}`);
        literalCount++;
        return escapeRegex(seg);
      })
      .join("/");
  for (const token of tokens) {
    if (token.startsWith("{")) {
      const inner = token.slice(1, -1);
      const eq = inner.indexOf("=");
      const fieldPath = (eq >= 0 ? inner.slice(0, eq) : inner).split(".");
      const pattern = eq >= 0 ? inner.slice(eq + 1).split("/") : ["*"];
      variables.push({ fieldPath, group: variables.length + 1 });
      parts.push(`(${patternRegex(pattern)})`);
    } else {
      parts.push(patternRegex([token]));
    }
  }
  const verbRegex = verb ? `:${escapeRegex(verb)}` : "";
  return { regex: new RegExp(`^/${parts.join("/")}${verbRegex}$`), variables, literalCount };
}

function bindingsOfRule(method: DescMethodUnary, rule: HttpRule): HttpBinding[] {
  const out: HttpBinding[] = [];
  const { pattern } = rule;
  let verb: string | undefined;
  let template: string | undefined;
  switch (pattern.case) {
    case "get":
    case "put":
    case "post":
    case "delete":
    case "patch":
      verb = pattern.case.toUpperCase();
      template = pattern.value;
      break;
    case "custom":
      verb = pattern.value.kind.toUpperCase();
      template = pattern.value.path;
      break;
  }
  if (verb && template) {
    out.push({ method, verb, template, body: rule.body, ...compilePathTemplate(template) });
  }
  for (const extra of rule.additionalBindings) out.push(...bindingsOfRule(method, extra));
  return out;
}

function isUnary(method: DescMethod): method is DescMethodUnary {
  return method.methodKind === "unary";
}

/** Every REST binding of the unary methods of `services`, in declaration order. */
export function collectHttpBindings(services: readonly DescService[]): HttpBinding[] {
  const bindings: HttpBinding[] = [];
  for (const service of services) {
    for (const method of service.methods) {
      if (!isUnary(method)) continue;
      const options = method.proto.options;
      if (!options || !hasExtension(options, http)) continue;
      bindings.push(...bindingsOfRule(method, getExtension(options, http)));
    }
  }
  return bindings;
}

export type RouteMatch =
  | { kind: "match"; binding: HttpBinding; pathValues: { fieldPath: string[]; value: string }[] }
  | { kind: "method-not-allowed" }
  | { kind: "not-found" };

function decodeSegmentValue(raw: string): string | undefined {
  try {
    return decodeURIComponent(raw);
  } catch {
    return undefined;
  }
}

/**
 * Finds the binding for a request; the most literal segments win when several templates match.
 * `verb: "*"` takes a binding of any verb (grpc-gateway's form-POST fallback).
 */
export function matchRoute(bindings: readonly HttpBinding[], verb: string, rawPath: string): RouteMatch {
  let best: { binding: HttpBinding; m: RegExpExecArray } | undefined;
  let otherVerb = false;
  for (const binding of bindings) {
    const m = binding.regex.exec(rawPath);
    if (!m) continue;
    if (verb !== "*" && binding.verb !== verb) {
      otherVerb = true;
      continue;
    }
    if (!best || binding.literalCount > best.binding.literalCount) best = { binding, m };
  }
  if (!best) return { kind: otherVerb ? "method-not-allowed" : "not-found" };
  const pathValues: { fieldPath: string[]; value: string }[] = [];
  for (const v of best.binding.variables) {
    const value = decodeSegmentValue(best.m[v.group]);
    if (value === undefined) return { kind: "not-found" };
    pathValues.push({ fieldPath: v.fieldPath, value });
  }
  return { kind: "match", binding: best.binding, pathValues };
}
