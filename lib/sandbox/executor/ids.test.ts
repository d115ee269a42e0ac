import { describe, expect, it } from "vitest";
import { fixedLengthUniqueId, fixedLengthUniqueIdForParts, nodeUniqueId } from "./ids";

// The input/output pairs of FlytePropeller's own tests: flyteplugins pluginmachinery/encoding/encoder_test.go
// and flytepropeller pkg/controller/nodes/common/utils_test.go. Where Go also returns an error (the hash is
// longer than the limit) it still returns the hash, and so do we.
describe("fixedLengthUniqueId (FlytePropeller's encoder vectors)", () => {
  it.each([
    ["x", 5, "x"],
    ["xx", 1, "flfryc2i"],
    ["xxxxxx", 5, "fufiti6i"],
    ["xxxxx", 10, "xxxxx"],
    ["xxxxxxxxxxxxxxxxxxxxxxxx", 20, "fuaa3aji"],
  ] as const)("%s with limit %i → %s", (input, max, output) => {
    expect(fixedLengthUniqueId(input, max)).toBe(output);
  });

  it("compares the limit with the UTF-8 byte length, as Go's len does", () => {
    // 10 characters, 20 bytes: over a limit of 15 in Go.
    expect(fixedLengthUniqueId("éééééééééé", 15)).toMatch(/^f[a-z1-6]{7}$/);
  });
});

describe("fixedLengthUniqueIdForParts (FlytePropeller's encoder vectors)", () => {
  const long = ["x", "y", "z", "m", "n", "y", "z", "m", "n", "y", "z", "m", "n"];
  it.each([
    [["x", "y", "z"], 10, 32, "x-y-z"],
    [["x", "y"], 1, 32, "fz2jizji"],
    [["x"], 2, 32, "x"],
    [["x", "y", "z"], 4, 32, "fxzsoqrq"],
    [long, 15, 32, "fe63sz6y"],
    [long, 15, 64, "fwp4bky2kucex5"],
    [[...long, "z", "m", "n", "y", "z", "m", "n"], 30, 128, "fbmesl15enghpjepzjm5cp1zfqe"],
  ] as const)("%j with limit %i, fnv%i → %s", (parts, max, width, output) => {
    expect(fixedLengthUniqueIdForParts(max, parts, width)).toBe(output);
  });
});

describe("nodeUniqueId (FlytePropeller's GenerateUniqueID vectors)", () => {
  it("joins parent, attempt and node id while short", () => {
    expect(nodeUniqueId({ uniqueId: "u1", attempt: 2, inDynamicChain: false }, "n1")).toBe("u1-2-n1");
  });
  it("hashes past 20 characters", () => {
    expect(nodeUniqueId({ uniqueId: "u1111111111323131231asdadasd", attempt: 2, inDynamicChain: false }, "n1")).toBe("fraibbty");
  });
  it("is the node id itself at the top level", () => {
    expect(nodeUniqueId(undefined, "n1")).toBe("n1");
  });
});
