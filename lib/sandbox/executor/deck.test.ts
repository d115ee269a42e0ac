// A task that writes a Flyte Deck: FlytePropeller names deck.html in the node's terminal event (deck_uri),
// next to the attempt's outputs; a task without one names none.
import { describe, expect, test } from "vitest";
import { NodeExecution_Phase as NP } from "@/lib/gen/flyteidl/core/execution_pb";
import { literalMap } from "./literals";
import { closure, task, taskNode, workflow } from "./testing-closures";
import { InMemoryExecution, drive, nodeEvents } from "./testing";

function run(generatesDeck: boolean | undefined, sandbox = {}, retries = 0) {
  const t = task("wf.report", { sandbox: { durationMs: 100, ...sandbox }, retries });
  t.metadata!.generatesDeck = generatesDeck;
  const ex = new InMemoryExecution({ closure: closure(workflow("wf", [taskNode("n0", t)]), [t]), inputs: literalMap(), name: "deckexec" });
  drive(ex);
  return nodeEvents(ex, "n0");
}

describe("decks", () => {
  test("a task with generates_deck reports its deck.html on the node's SUCCEEDED event only", () => {
    const events = run(true);
    const withDeck = events.filter((e) => e.deckUri);
    expect(withDeck.map((e) => NP[e.phase])).toEqual(["SUCCEEDED"]);
    expect(withDeck[0].deckUri).toBe("s3://flyte-sandbox/metadata/propeller/flytesnacks-development-deckexec/n0/data/0/deck.html");
  });

  test("after a retry, the deck is the succeeding attempt's; a node that fails reports none", () => {
    expect(run(true, { failAttempts: 1 }, 1).find((e) => e.deckUri)?.deckUri).toMatch(/\/n0\/data\/1\/deck\.html$/);
    expect(run(true, { failAttempts: 1 }).some((e) => e.deckUri)).toBe(false);
  });

  test("a task without generates_deck reports no deck", () => {
    expect(run(undefined).some((e) => e.deckUri)).toBe(false);
    expect(run(false).some((e) => e.deckUri)).toBe(false);
  });
});
