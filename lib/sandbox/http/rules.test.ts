import { describe, expect, it } from "vitest";
import { AdminService } from "@/lib/gen/flyteidl/service/admin_pb";
import { SignalService } from "@/lib/gen/flyteidl/service/signal_pb";
import { collectHttpBindings, compilePathTemplate, matchRoute } from "./rules";

const bindings = collectHttpBindings([AdminService, SignalService]);

function route(verb: string, path: string) {
  const m = matchRoute(bindings, verb, path);
  return m.kind === "match" ? { method: m.binding.method.name, values: m.pathValues } : m.kind;
}

describe("REST bindings from the google.api.http annotations", () => {
  it("derives FlyteAdmin's paths, additional bindings included", () => {
    const paths = bindings.map((b) => `${b.verb} ${b.template}`);
    expect(paths).toContain("POST /api/v1/executions");
    expect(paths).toContain("DELETE /api/v1/executions/{id.project}/{id.domain}/{id.name}");
    expect(paths).toContain("GET /api/v1/tasks/{id.project}/{id.domain}");
    expect(paths).toContain("GET /api/v1/signals/{workflow_execution_id.project}/{workflow_execution_id.domain}/{workflow_execution_id.name}");
    // every annotated unary method of both services, and nothing invented
    const annotated = new Set(bindings.map((b) => b.method.name));
    expect(annotated.has("GetOrCreateSignal")).toBe(false);
    expect(annotated.size).toBe(AdminService.methods.length + SignalService.methods.length - 1);
  });

  it("routes to the method, the path values decoded", () => {
    expect(route("GET", "/api/v1/node_executions/p/d/e1/n0%2Fsub/dynamic_workflow")).toEqual({
      method: "GetDynamicNodeWorkflow",
      values: [
        { fieldPath: ["id", "execution_id", "project"], value: "p" },
        { fieldPath: ["id", "execution_id", "domain"], value: "d" },
        { fieldPath: ["id", "execution_id", "name"], value: "e1" },
        { fieldPath: ["id", "node_id"], value: "n0/sub" },
      ],
    });
    expect(route("GET", "/api/v1/node_executions/p/d/e1/n0")).toMatchObject({ method: "GetNodeExecution" });
    expect(route("POST", "/api/v1/executions/recover")).toMatchObject({ method: "RecoverExecution", values: [] });
    expect(route("GET", "/api/v1/executions/recover")).toBe("method-not-allowed");
    expect(route("GET", "/api/v1/executions/p/d/n/extra")).toBe("not-found");
  });

  it("compiles multi-segment variables and verbs", () => {
    const t = compilePathTemplate("/v1/{name=projects/*/tasks/**}:cancel");
    expect(t.regex.exec("/v1/projects/p1/tasks/a/b:cancel")?.[1]).toBe("projects/p1/tasks/a/b");
    expect(t.regex.test("/v1/projects/p1/tasks/a/b")).toBe(false);
    expect(t.variables).toEqual([{ fieldPath: ["name"], group: 1 }]);
  });
});
