import { create } from "@bufbuild/protobuf";
import { Code, ConnectError } from "@connectrpc/connect";
import { describe, expect, it } from "vitest";
import { ProjectSchema, type Project } from "@/lib/gen/flyteidl/admin/project_pb";
import { checkProjectScope } from "./project-scope";

const flytesnacks = create(ProjectSchema, { id: "flytesnacks", name: "flytesnacks", domains: [{ id: "development" }, { id: "staging" }] });
const admin = (answer: (id: string) => Project | Error) => async (id: string) => {
  const a = answer(id);
  if (a instanceof Error) throw a;
  return a;
};
const known = admin((id) => (id === "flytesnacks" ? flytesnacks : new ConnectError(`project ${id} not found`, Code.NotFound)));

describe("checkProjectScope", () => {
  it("finds a project and one of its domains", async () => {
    expect(await checkProjectScope(known, "flytesnacks", "staging")).toEqual({ state: "found" });
    expect(await checkProjectScope(known, "flytesnacks")).toEqual({ state: "found" });
  });
  it("says the project is unknown when FlyteAdmin says NotFound", async () => {
    expect(await checkProjectScope(known, "nope", "development")).toEqual({ state: "no-project" });
  });
  it("says the domain is not one of the project's, naming those it has", async () => {
    expect(await checkProjectScope(known, "flytesnacks", "prod")).toEqual({ state: "no-domain", domains: ["development", "staging"] });
  });
  it("does not decide when FlyteAdmin cannot say (signed out, unreachable, an older FlyteAdmin without GetProject)", async () => {
    for (const code of [Code.Unauthenticated, Code.Unavailable, Code.Unimplemented, Code.DeadlineExceeded]) {
      expect(await checkProjectScope(admin(() => new ConnectError("x", code)), "flytesnacks", "development")).toEqual({ state: "unknown" });
    }
  });
});
