import { describe, expect, it } from "vitest";
import { equals } from "@bufbuild/protobuf";
import { ExecutionSchema } from "@/lib/gen/flyteidl/admin/execution_pb";
import { WorkflowExecution_Phase } from "@/lib/gen/flyteidl/core/execution_pb";
import { LiteralMapSchema } from "@/lib/gen/flyteidl/core/literals_pb";
import { openMemoryDb } from "./db";
import { activeExecutionIds, getExecution, getExecutionData, insertExecution, listExecutions, updateExecution } from "./executions";
import { makeExecution } from "../services/testing/builders";
import { lit, literalMap } from "../seed/literals";

describe("executions store", () => {
  it("returns exactly the message it stored, with its inputs and outputs", () => {
    const db = openMemoryDb();
    const e = makeExecution({ name: "abc", tags: ["nightly"], labels: { team: "ml" } });
    const inputs = literalMap({ n: lit.int(3), s: lit.str("x") });
    const id = insertExecution(db, e, { inputs, userInputs: inputs });
    const got = getExecution(db, { project: "flytesnacks", domain: "development", name: "abc" });
    expect(got?.id).toBe(id);
    expect(equals(ExecutionSchema, got!.execution, e)).toBe(true);
    const data = getExecutionData(db, id);
    expect(equals(LiteralMapSchema, data.inputs!, inputs)).toBe(true);
    expect(data.outputs).toBeUndefined();
  });

  it("refuses a second execution with the same id", () => {
    const db = openMemoryDb();
    insertExecution(db, makeExecution({ name: "dup" }));
    expect(() => insertExecution(db, makeExecution({ name: "dup" }))).toThrow(/UNIQUE/);
  });

  it("an update changes what lists filter on", () => {
    const db = openMemoryDb();
    const e = makeExecution({ name: "run", phase: WorkflowExecution_Phase.RUNNING });
    const id = insertExecution(db, e);
    expect(activeExecutionIds(db)).toEqual([id]);
    e.closure!.phase = WorkflowExecution_Phase.SUCCEEDED;
    updateExecution(db, id, e, Date.now());
    expect(activeExecutionIds(db)).toEqual([]);
    const q = { project: "flytesnacks", domain: "development", sort: undefined, limit: 10, token: "" };
    expect(listExecutions(db, { ...q, filters: "eq(phase,RUNNING)" }).executions).toHaveLength(0);
    expect(listExecutions(db, { ...q, filters: "eq(phase,SUCCEEDED)" }).executions).toHaveLength(1);
  });

  it("survives closing and reopening the file", async () => {
    const fs = await import("node:fs");
    const os = await import("node:os");
    const path = await import("node:path");
    const { openDb } = await import("./db");
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sandbox-store-"));
    const db = openDb(dir);
    insertExecution(db, makeExecution({ name: "kept" }));
    db.close();
    const again = openDb(dir);
    expect(getExecution(again, { project: "flytesnacks", domain: "development", name: "kept" })).toBeDefined();
    expect(again.pragma("journal_mode", { simple: true })).toBe("wal");
    again.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
