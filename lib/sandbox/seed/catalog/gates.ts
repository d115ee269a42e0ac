// Human-in-the-loop: an approval gate, a typed signal and a sleep (flytesnacks'
// waiting_for_external_inputs).
import type { CatalogBuilder } from "./builder";
import { L, T } from "./literals";
import { approveGate, out, signalGate, sleepGate, taskNode, wfInput } from "./nodes";

export function gates(c: CatalogBuilder): void {
  const createReport = c.task({
    name: "core.control_flow.waiting_for_external_inputs.create_report",
    description: "Builds a report for review.",
    inputs: { data: T.list(T.float), title: T.str },
    outputs: { o0: T.json },
  });
  const publish = c.task({
    name: "core.control_flow.waiting_for_external_inputs.publish_report",
    description: "Publishes the approved report.",
    inputs: { report: T.json },
    outputs: { o0: T.str },
  });
  const approval = c.workflow({
    name: "core.control_flow.waiting_for_external_inputs.reporting_wf",
    description: "Waits for someone to approve the report before publishing it.",
    inputs: { data: T.list(T.float) },
    outputs: { o0: T.str },
    defaults: { data: L.list(L.float(1.5), L.float(2.5), L.float(4)) },
    nodes: [
      taskNode("n0", createReport, { data: wfInput("data"), title: L.str("Weekly metrics") }),
      approveGate("n1", "review-passes", { report: out("n0") }),
      taskNode("n2", publish, { report: out("n1", "report") }),
    ],
    returns: { o0: out("n2") },
  });
  c.launch("seed-gate-approve", approval);

  const signalled = c.workflow({
    name: "core.control_flow.waiting_for_external_inputs.titled_report_wf",
    description: "Sleeps, then waits for a title (a typed string signal) and for a go-ahead flag.",
    inputs: { data: T.list(T.float) },
    outputs: { o0: T.str },
    defaults: { data: L.list(L.float(0.5), L.float(0.75)) },
    nodes: [
      sleepGate("n0", 10),
      signalGate("n1", "title-input", T.str, { after: ["n0"] }),
      taskNode("n2", createReport, { data: wfInput("data"), title: out("n1") }),
      signalGate("n3", "publish", T.bool, { after: ["n2"] }),
      taskNode("n4", publish, { report: out("n2") }, { after: ["n3"] }),
    ],
    returns: { o0: out("n4") },
  });
  c.launch("seed-gate-signal", signalled);

  const wakeUp = c.task({ name: "core.control_flow.waiting_for_external_inputs.wake_up", description: "Runs after the pause.", outputs: { o0: T.str } });
  const sleeper = c.workflow({
    name: "core.control_flow.waiting_for_external_inputs.sleep_wf",
    description: "Pauses for thirty seconds.",
    outputs: { o0: T.str },
    nodes: [sleepGate("n0", 30), taskNode("n1", wakeUp, {}, { after: ["n0"] })],
    returns: { o0: out("n1") },
  });
  c.launch("seed-gate-sleep", sleeper);
}
