// FlyteAdmin's page token is an offset it reads with Go's strconv.Atoi (validation.ValidateToken): a number
// past int64 is InvalidArgument, one within int64 but past every row is an empty last page.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Code, ConnectError } from "@connectrpc/connect";
import { insertExecution } from "../store/executions";
import { makeExecution } from "./testing/builders";
import { startTestSandbox, type TestSandbox } from "./testing/server";

let sb: TestSandbox;
beforeAll(async () => {
  sb = await startTestSandbox();
  insertExecution(sb.ctx.db, makeExecution({ name: "a1" }));
});
afterAll(() => sb.close());

const id = { project: "flytesnacks", domain: "development" };
const failure = (p: Promise<unknown>) => p.then(() => undefined, (e) => ConnectError.from(e));

describe("page tokens", () => {
  it("answers InvalidArgument, not an internal error, for a token past int64", async () => {
    const huge = "99999999999999999999";
    const calls = [
      sb.admin.listExecutions({ id, limit: 10, token: huge }),
      sb.admin.listNodeExecutions({ workflowExecutionId: { ...id, name: "a1" }, limit: 10, token: huge }),
      sb.admin.listTasks({ id: { ...id, name: "t" }, limit: 10, token: huge }),
      sb.admin.listNamedEntities({ ...id, resourceType: 2, limit: 10, token: huge }),
      sb.admin.listProjects({ limit: 10, token: huge }),
    ];
    for (const err of await Promise.all(calls.map(failure))) {
      expect(err?.code).toBe(Code.InvalidArgument);
      expect(err?.rawMessage).toMatch(/invalid pagination token '?99999999999999999999/);
    }
  });

  it("answers an empty last page for a token within int64 but past every row", async () => {
    for (const token of ["9223372036854775807", "9007199254740993", "1000000"]) {
      const page = await sb.admin.listExecutions({ id, limit: 10, token });
      expect(page.executions, token).toEqual([]);
      expect(page.token, token).toBe("");
    }
  });
});
