// Cross-check with the sandbox's seed catalog, which registers a value of every literal type:
// each launch plan default and each seeded launch input must display without an "unknown" node
// and survive prefill → form → Literal unchanged, as a relaunch needs.
import { describe, expect, it } from "vitest";
import { equals, toJson } from "@bufbuild/protobuf";
import { LiteralSchema, type Literal } from "@/lib/gen/flyteidl/core/literals_pb";
import type { LiteralType } from "@/lib/gen/flyteidl/core/types_pb";
import { seedCatalog } from "@/lib/sandbox/seed/catalog";
import { literalToDisplay } from "./display";
import type { DisplayNode } from "./display-node";
import { formValueToLiteral, literalToFormValue } from "./form";

function unknownNodes(node: DisplayNode, path: string): string[] {
  switch (node.kind) {
    case "unknown":
      return [path];
    case "list":
      return node.items.flatMap((n, i) => unknownNodes(n, `${path}[${i}]`));
    case "map":
      return node.entries.flatMap((e) => unknownNodes(e.value, `${path}.${e.key}`));
    case "union":
      return unknownNodes(node.value, path);
    default:
      return [];
  }
}

describe("the sandbox's seeded values of every literal type", () => {
  const catalog = seedCatalog("flytesnacks", "development");
  const values: { where: string; type: LiteralType; literal: Literal }[] = [];
  for (const lp of catalog.launchPlans) {
    const wf = catalog.workflows.find((w) => w.id?.name === lp.spec?.workflowId?.name);
    const inputs = wf?.spec?.template?.interface?.inputs?.variables ?? {};
    for (const [name, p] of Object.entries(lp.spec?.defaultInputs?.parameters ?? {})) {
      const type = p.var?.type ?? inputs[name]?.type;
      if (p.behavior.case === "default" && type) values.push({ where: `${lp.id?.name}.${name}`, type, literal: p.behavior.value });
    }
    for (const launch of catalog.launches.filter((l) => l.spec?.launchPlan?.name === lp.id?.name)) {
      for (const [name, literal] of Object.entries(launch.inputs?.literals ?? {})) {
        const type = lp.spec?.defaultInputs?.parameters[name]?.var?.type ?? inputs[name]?.type;
        if (type) values.push({ where: `${launch.name}.${name}`, type, literal });
      }
    }
  }

  it("has values to check", () => {
    expect(values.length).toBeGreaterThan(10);
  });

  it("displays each without an unknown part", () => {
    for (const v of values) expect(unknownNodes(literalToDisplay(v.literal, v.type), v.where)).toEqual([]);
  });

  it("prefills each into the form and converts it back to the same Literal", () => {
    for (const v of values) {
      const prefilled = literalToFormValue(v.type, v.literal);
      expect(prefilled.ok ? "ok" : prefilled.message, v.where).toBe("ok");
      const back = formValueToLiteral(v.type, prefilled.value);
      expect(back.ok ? "ok" : JSON.stringify(back.errors), v.where).toBe("ok");
      if (!back.ok) continue;
      if (!equals(LiteralSchema, back.literal, v.literal)) {
        expect(toJson(LiteralSchema, back.literal), v.where).toEqual(toJson(LiteralSchema, v.literal));
      }
    }
  });
});
