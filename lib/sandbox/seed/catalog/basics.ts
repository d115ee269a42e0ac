// flytesnacks' basics: hello world, a two-task workflow, a cached task, raw containers, schedules.
import type { CatalogBuilder } from "./builder";
import { L, T } from "./literals";
import { out, taskNode, wfInput } from "./nodes";
import { IMAGES } from "./tasks";

export function basics(c: CatalogBuilder): void {
  const sayHello = c.task({
    name: "core.flyte_basics.hello_world.say_hello",
    description: "Returns the classic greeting.",
    outputs: { o0: T.str },
    requests: { cpu: "100m", memory: "128Mi" },
    sandbox: { outputs: { o0: "hello world" } },
  });
  const hello = c.workflow({
    name: "core.flyte_basics.hello_world.my_wf",
    description: "The smallest workflow: one task that says hello.",
    outputs: { o0: T.str },
    nodes: [taskNode("n0", sayHello)],
    returns: { o0: out("n0") },
  });
  c.launch("seed-hello-world", hello);

  const t1 = c.task({
    name: "core.flyte_basics.basic_workflow.t1",
    description: "Adds two to a number and says hello.",
    inputs: { a: T.int },
    outputs: { t1_int_output: T.int, c: T.str },
  });
  const t2 = c.task({
    name: "core.flyte_basics.basic_workflow.t2",
    description: "Joins two strings.",
    inputs: { a: T.str, b: T.str },
    outputs: { o0: T.str },
  });
  const basic = c.workflow({
    name: "core.flyte_basics.basic_workflow.my_wf",
    description: "Two tasks chained through a string output.",
    inputs: { a: T.int, b: T.str },
    outputs: { o0: T.int, o1: T.str },
    defaults: { a: L.int(5), b: L.str("hello") },
    nodes: [taskNode("n0", t1, { a: wfInput("a") }), taskNode("n1", t2, { a: wfInput("b"), b: out("n0", "c") })],
    returns: { o0: out("n0", "t1_int_output"), o1: out("n1") },
  });
  c.launchPlan({
    name: "core.flyte_basics.lp.go_greet",
    workflow: basic,
    defaults: { a: L.int(42) },
    fixed: { b: L.str("Good morning") },
    labels: { team: "docs" },
  });
  c.launch("seed-basic-wf", basic, { a: L.int(7), b: L.str("flyte") });

  const square = c.task({
    name: "core.flyte_basics.task_cache.square",
    description: "Squares a number; cached, so a second run with the same input is a cache hit.",
    inputs: { n: T.int },
    outputs: { o0: T.int },
    cacheVersion: "1.0",
    cacheSerialize: true,
  });
  const cached = c.workflow({
    name: "core.flyte_basics.task_cache.cached_wf",
    description: "Calls a cached task twice with the same input.",
    inputs: { n: T.int },
    outputs: { o0: T.int },
    defaults: { n: L.int(12) },
    nodes: [taskNode("n0", square, { n: wfInput("n") }), taskNode("n1", square, { n: wfInput("n") }, { after: ["n0"] })],
    returns: { o0: out("n1") },
  });
  c.launch("seed-cache-first", cached, { n: L.int(12) });
  c.launch("seed-cache-again", cached, { n: L.int(12) });

  const languages = ["shell", "python", "r", "haskell", "julia"];
  const areaTasks = languages.map((lang) =>
    c.task({
      name: `ellipse-area-metadata-${lang}`,
      description: `Computes an ellipse's area in ${lang} inside a raw container.`,
      inputs: { a: T.float, b: T.float },
      outputs: { area: T.float, metadata: T.str },
      image: `ghcr.io/flyteorg/rawcontainers-${lang}:v2`,
      shell: `calculate-ellipse-area /var/inputs /var/outputs # ${lang}`,
      requests: { cpu: "250m", memory: "256Mi" },
    }),
  );
  const report = c.task({
    name: "core.containerization.raw_container.report_all_calculated_areas",
    description: "Prints every language's result.",
    inputs: Object.fromEntries(languages.flatMap((l) => [[`area_${l}`, T.float], [`metadata_${l}`, T.str]])),
  });
  const rawWf = c.workflow({
    name: "core.containerization.raw_container.wf",
    description: "Five raw containers fanning in to a Python task.",
    inputs: { a: T.float, b: T.float },
    defaults: { a: L.float(2.0), b: L.float(3.0) },
    nodes: [
      ...areaTasks.map((t, i) => taskNode(`n${i}`, t, { a: wfInput("a"), b: wfInput("b") })),
      taskNode(
        "n5",
        report,
        Object.fromEntries(languages.flatMap((l, i) => [[`area_${l}`, out(`n${i}`, "area")], [`metadata_${l}`, out(`n${i}`, "metadata")]])),
      ),
    ],
  });
  c.launch("seed-raw-container", rawWf);

  const formatDate = c.task({
    name: "core.scheduled_workflows.lp_schedules.format_date",
    description: "Formats the time the schedule fired.",
    inputs: { run_date: T.datetime },
    outputs: { o0: T.str },
    image: IMAGES.cookbook,
  });
  const dateFormatter = c.workflow({
    name: "core.scheduled_workflows.lp_schedules.date_formatter_wf",
    description: "Runs on a schedule; the kickoff time is its input.",
    inputs: { kickoff_time: T.datetime },
    outputs: { o0: T.str },
    nodes: [taskNode("n0", formatDate, { run_date: wfInput("kickoff_time") })],
    returns: { o0: out("n0") },
  });
  c.launchPlan({
    name: "core.scheduled_workflows.lp_schedules.my_cron_scheduled_lp",
    workflow: dateFormatter,
    cron: { schedule: "0 9 * * 1-5", kickoffInput: "kickoff_time" },
  });
  c.launchPlan({
    name: "core.scheduled_workflows.lp_schedules.my_fixed_rate_lp",
    workflow: dateFormatter,
    defaults: { kickoff_time: L.datetime("2024-01-01T00:00:00Z") },
    everyMinutes: 60,
  });
}
