import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { create, fromBinary } from "@bufbuild/protobuf";
import { durationFromMs } from "@bufbuild/protobuf/wkt";
import { LaunchPlanSchema, LaunchPlanState } from "@/lib/gen/flyteidl/admin/launch_plan_pb";
import { FixedRateUnit, ScheduleSchema } from "@/lib/gen/flyteidl/admin/schedule_pb";
import { TaskSchema } from "@/lib/gen/flyteidl/admin/task_pb";
import { Resources_ResourceName, TaskTemplateSchema } from "@/lib/gen/flyteidl/core/tasks_pb";
import { SimpleType } from "@/lib/gen/flyteidl/core/types_pb";
import { parseFilters } from "../filters";
import { ExecutionSchema } from "@/lib/gen/flyteidl/admin/execution_pb";
import {
  entityDashboardQuery,
  entityExecutionMatches,
  entityExecutionsExact,
  entityExecutionsFilter,
  isSystemGenerated,
  nameMatchesSearch,
  launchPlanOfWorkflow,
  namedEntityFilter,
  workflowLaunchPlansFilter,
} from "./entity-filters";
import { inputRows, outputRows } from "./interface";
import { describeSchedule, isLaunchPlanActive } from "./schedule";
import { resourceRows, summarizeTaskTemplate } from "./task-template";
import { FLYTE_FIXTURES_DIR } from "@/fixtures/flyte-fixtures";

const fixturesDir = FLYTE_FIXTURES_DIR;
const fixture = (rel: string) => readFileSync(path.join(fixturesDir, "flytekit-remote-responses", rel));

describe("filters for an entity's executions", () => {
  it("names the entity by the field FlyteAdmin joins on, and hides archived runs", () => {
    expect(entityExecutionsFilter("workflow", "wf.a")).toBe("eq(workflow.name,wf.a)+eq(state,0)");
    expect(entityExecutionsFilter("launch_plan", "lp", "v1")).toBe("eq(launch_plan.name,lp)+eq(launch_plan.version,v1)+eq(state,0)");
    expect(parseFilters(entityExecutionsFilter("task", "t.b", "v2")).map((e) => e.field)).toEqual(["task.name", "task.version", "state"]);
  });

  it("links to the dashboard only for kinds the dashboard filters by", () => {
    expect(entityDashboardQuery("workflow", "wf", "v1")).toEqual({ workflow: "wf", match: "exact", version: "v1" });
    expect(entityDashboardQuery("launch_plan", "lp")).toEqual({ launchPlan: "lp", match: "exact" });
    expect(entityDashboardQuery("task", "t")).toBeUndefined();
  });

  it("searches named entities by name, active ones only", () => {
    expect(namedEntityFilter()).toBe("eq(state,0)");
    expect(namedEntityFilter("  merge_sort ")).toBe("eq(state,0)+contains(name,merge_sort)");
    expect(namedEntityFilter("ab;c")).toBe("eq(state,0)+contains(name,ab)");
    // "Show archived": FlyteAdmin's NamedEntityState ARCHIVED is 1.
    expect(namedEntityFilter("", true)).toBe("eq(state,1)");
    expect(namedEntityFilter("merge", true)).toBe("eq(state,1)+contains(name,merge)");
  });

  it("asks for a version or name FlyteAdmin's syntax cannot carry as a wider contains, and says so", () => {
    expect(entityExecutionsFilter("workflow", "wf.a", "1.0+g123")).toBe("eq(workflow.name,wf.a)+contains(workflow.version,g123)+eq(state,0)");
    expect(entityExecutionsFilter("workflow", "a)+eq(state,1")).toBe("contains(workflow.name,eq(state)+eq(state,0)");
    expect(entityExecutionsExact("workflow", "wf.a", "1.0+g123")).toBe(false);
    expect(entityExecutionsExact("workflow", "wf.a", "v1")).toBe(true);
    expect(namedEntityFilter("a+b")).toBe("eq(state,0)+contains(name,a)");
  });

  it("keeps exactly the entity's rows of a wider answer", () => {
    const keep = entityExecutionMatches("workflow", "wf.a", "1.0+g123");
    const run = (name: string, version: string) => create(ExecutionSchema, { closure: { workflowId: { name, version } } });
    expect(keep(run("wf.a", "1.0+g123"))).toBe(true);
    expect(keep(run("wf.a", "2.0+g123"))).toBe(false);
    expect(nameMatchesSearch("a+b", "xa+by")).toBe(true);
    expect(nameMatchesSearch("a+b", "a-b")).toBe(false);
  });

  it("recognises flytekit's generated single-task workflows", () => {
    expect(isSystemGenerated(".flytegen.core.basic.t1")).toBe(true);
    expect(isSystemGenerated("core.basic.flytegen")).toBe(false);
  });
});

describe("a real task and launch plan (flytekit's captured responses)", () => {
  it("summarises the task template a person checks before launching", () => {
    const task = fromBinary(TaskSchema, fixture("admin.task_pb2.Task.pb"));
    const s = summarizeTaskTemplate(task.closure!.compiledTask!.template!);
    expect(s).toMatchObject({
      type: "python-task",
      runtime: "flytekit 0.0.0+develop (python)",
      image: "ghcr.io/flyteorg/flytekit:py3.9-latest",
      retries: 0,
      timeout: undefined,
      cache: { enabled: false, serializable: false },
      target: "container",
    });
    expect(s.args.slice(-4)).toEqual(["task-module", "core.control_flow.merge_sort", "task-name", "merge_sort_remotely"]);
  });

  it("lists typed inputs and outputs in a stable order", () => {
    const task = fromBinary(TaskSchema, fixture("admin.task_pb2.Task.pb"));
    const iface = task.closure!.compiledTask!.template!.interface;
    expect(inputRows(iface)).toEqual([
      { name: "numbers", type: "List<int>", description: "numbers" },
      { name: "run_local_at_count", type: "int", description: "run_local_at_count" },
    ]);
    expect(outputRows(iface)).toEqual([{ name: "o0", type: "List<int>", description: "o0" }]);
  });

  it("shows a launch plan's defaults", () => {
    const lp = fromBinary(LaunchPlanSchema, fixture("admin.launch_plan_pb2.LaunchPlan_core.control_flow.subworkflows.leaf_subwf.pb"));
    expect(inputRows(undefined, lp.closure?.expectedInputs?.parameters)).toEqual([
      { name: "a", type: "int", description: "a", required: false, defaultText: "42" },
    ]);
    expect(isLaunchPlanActive(lp)).toBe(false);
    expect(describeSchedule(lp.spec?.entityMetadata?.schedule)).toBeUndefined();
  });
});

describe("interfaces with required, fixed and string defaults", () => {
  it("marks required inputs and quotes string defaults", () => {
    const lp = create(LaunchPlanSchema, {
      closure: {
        state: LaunchPlanState.ACTIVE,
        expectedInputs: {
          parameters: {
            name: { var: { type: { type: { case: "simple", value: SimpleType.STRING } } }, behavior: { case: "default", value: { value: { case: "scalar", value: { value: { case: "primitive", value: { value: { case: "stringValue", value: "world" } } } } } } } },
            count: { var: { type: { type: { case: "simple", value: SimpleType.INTEGER } } }, behavior: { case: "required", value: true } },
          },
        },
      },
      spec: { fixedInputs: { literals: { region: { value: { case: "scalar", value: { value: { case: "primitive", value: { value: { case: "stringValue", value: "eu" } } } } } } } } },
    });
    const rows = inputRows(undefined, lp.closure?.expectedInputs?.parameters, lp.spec?.fixedInputs?.literals);
    expect(rows.map((r) => [r.name, r.required, r.defaultText, r.fixed])).toEqual([
      ["count", true, undefined, undefined],
      ["name", false, '"world"', undefined],
    ]);
    expect(isLaunchPlanActive(lp)).toBe(true);
  });
});

describe("schedules in words", () => {
  it("reads fixed rates and common crons", () => {
    const rate = create(ScheduleSchema, { ScheduleExpression: { case: "rate", value: { value: 5, unit: FixedRateUnit.MINUTE } }, kickoffTimeInputArg: "kickoff_time" });
    expect(describeSchedule(rate)).toEqual({ text: "Every 5 minutes", kickoffTimeInputArg: "kickoff_time" });
    // Said once, in the largest whole unit: not "Every 60 minutes (60 minutes)".
    const hourly = create(ScheduleSchema, { ScheduleExpression: { case: "rate", value: { value: 60, unit: FixedRateUnit.MINUTE } } });
    expect(describeSchedule(hourly)).toEqual({ text: "Every hour" });
    const twoDays = create(ScheduleSchema, { ScheduleExpression: { case: "rate", value: { value: 48, unit: FixedRateUnit.HOUR } } });
    expect(describeSchedule(twoDays)?.text).toBe("Every 2 days");
    const ninety = create(ScheduleSchema, { ScheduleExpression: { case: "rate", value: { value: 90, unit: FixedRateUnit.MINUTE } } });
    expect(describeSchedule(ninety)?.text).toBe("Every 90 minutes");
    const daily = create(ScheduleSchema, { ScheduleExpression: { case: "cronSchedule", value: { schedule: "30 2 * * *", offset: "PT1H" } } });
    expect(describeSchedule(daily)).toMatchObject({ text: "At 02:30 UTC", offset: "PT1H" });
    const weekdays = create(ScheduleSchema, { ScheduleExpression: { case: "cronSchedule", value: { schedule: "0 9 * * 1-5" } } });
    expect(describeSchedule(weekdays)?.text).toBe("At 09:00 UTC, Monday through Friday");
    const macro = create(ScheduleSchema, { ScheduleExpression: { case: "cronSchedule", value: { schedule: "@hourly" } } });
    expect(describeSchedule(macro)?.text).toBe("Every hour");
  });

  it("reads cron_expression in FlyteAdmin's AWS form (with a year) and in the five-field form", () => {
    const aws = create(ScheduleSchema, { ScheduleExpression: { case: "cronExpression", value: "0 9 ? * MON-FRI *" } });
    expect(describeSchedule(aws)).toMatchObject({ text: "At 09:00 UTC, Monday through Friday", expression: "0 9 ? * MON-FRI *" });
    const every15 = create(ScheduleSchema, { ScheduleExpression: { case: "cronExpression", value: "0/15 * * * ? *" } });
    expect(describeSchedule(every15)?.text).toBe("Every 15 minutes");
    const five = create(ScheduleSchema, { ScheduleExpression: { case: "cronExpression", value: "*/5 * * * *" } });
    expect(describeSchedule(five)?.text).toBe("Every 5 minutes");
  });

  it("shows an expression it cannot read as it is", () => {
    const bad = create(ScheduleSchema, { ScheduleExpression: { case: "cronSchedule", value: { schedule: "every tuesday" } } });
    expect(describeSchedule(bad)?.text).toBe("Cron every tuesday");
  });
});

describe("task templates", () => {
  it("pairs resource requests with limits and reads cache, retries and timeout", () => {
    const t = create(TaskTemplateSchema, {
      type: "python-task",
      metadata: { discoverable: true, discoveryVersion: "1.0", cacheSerializable: true, retries: { retries: 3 }, timeout: durationFromMs(3_600_000), interruptibleValue: { case: "interruptible", value: true } },
      target: {
        case: "container",
        value: {
          image: "img:1",
          resources: {
            requests: [{ name: Resources_ResourceName.MEMORY, value: "1Gi" }, { name: Resources_ResourceName.CPU, value: "500m" }],
            limits: [{ name: Resources_ResourceName.MEMORY, value: "2Gi" }],
          },
        },
      },
    });
    const s = summarizeTaskTemplate(t);
    expect(s.resources).toEqual([
      { name: "CPU", request: "500m" },
      { name: "Memory", request: "1Gi", limit: "2Gi" },
    ]);
    expect(s).toMatchObject({ retries: 3, timeout: "1h 00m", cache: { enabled: true, version: "1.0", serializable: true }, interruptible: true });
    expect(resourceRows(undefined)).toEqual([]);
  });

  it("shows the statement of a SQL task", () => {
    const t = create(TaskTemplateSchema, { type: "sql", target: { case: "sql", value: { statement: "select 1" } } });
    expect(summarizeTaskTemplate(t)).toMatchObject({ target: "sql", sqlStatement: "select 1", image: undefined });
  });
});

describe("a workflow's launch plans", () => {
  it("asks for the launch plans of one workflow version, and keeps only those of a wider answer that run it", () => {
    expect(workflowLaunchPlansFilter("core.wf", "v1")).toBe("eq(workflow.name,core.wf)+eq(workflow.version,v1)");
    const keep = launchPlanOfWorkflow("core.wf", "v1+g1");
    expect(keep({ spec: { workflowId: { name: "core.wf", version: "v1+g1" } } })).toBe(true);
    expect(keep({ spec: { workflowId: { name: "core.wf", version: "v1" } } })).toBe(false);
    expect(keep({})).toBe(false);
  });
});
