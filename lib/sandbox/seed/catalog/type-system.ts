// Every literal type Flyte has, as task inputs and outputs, workflow inputs with launch-plan
// defaults, and workflow outputs: primitives, datetime, duration, enum, files and directories,
// structured datasets, dataclasses (STRUCT with a JSON schema) and plain dicts, lists, maps, unions
// and None.
import type { CatalogBuilder } from "./builder";
import { L, T } from "./literals";
import { out, taskNode, wfInput } from "./nodes";
import { IMAGES } from "./tasks";

const Color = T.enum("RED", "GREEN", "BLUE");
const Datum = T.dataclass("Datum", { x: T.int, y: T.str, z: T.dict(T.str) });
const IntOrStr = T.union(["int", T.int], ["str", T.str]);
const MaybeFloat = T.optional(T.float, "float");
const MaybeStr = T.optional(T.str, "str");
const Sales = T.dataframe("parquet", { region: T.str, units: T.int, revenue: T.float });

export function typeSystem(c: CatalogBuilder): void {
  const primitives = c.task({
    name: "core.type_system.primitives.summarize_run",
    description: "Takes and returns every primitive type.",
    inputs: { count: T.int, ratio: T.float, label: T.str, dry_run: T.bool, started: T.datetime, budget: T.duration },
    outputs: { doubled: T.int, scaled: T.float, summary: T.str, ok: T.bool, next_run: T.datetime, elapsed: T.duration },
  });
  const enums = c.task({
    name: "core.type_system.enums.complementary_color",
    description: "Enum in, enum out.",
    inputs: { color: Color },
    outputs: { o0: Color },
  });
  const files = c.task({
    name: "core.type_system.files.normalize_columns",
    description: "Reads a CSV file and a folder of images; writes a CSV file and a folder.",
    inputs: { csv_file: T.file("csv"), images: T.directory() },
    outputs: { normalized: T.file("csv"), thumbnails: T.directory() },
    image: IMAGES.pandas,
    deck: true,
  });
  const datasets = c.task({
    name: "core.type_system.structured_dataset.aggregate_sales",
    description: "Structured dataset with typed columns in and out.",
    inputs: { sales: Sales, min_units: T.int },
    outputs: { by_region: T.dataframe("parquet", { region: T.str, revenue: T.float }), rows: T.int },
    image: IMAGES.pandas,
    requests: { cpu: "1", memory: "2Gi" },
    deck: true,
  });
  const dataclasses = c.task({
    name: "core.type_system.custom_objects.add",
    description: "Dataclasses (a STRUCT with its JSON schema) and a plain dict.",
    inputs: { x: Datum, y: Datum, extra: T.json },
    outputs: { o0: Datum, debug: T.json },
  });
  const collections = c.task({
    name: "core.type_system.collections.weighted_stats",
    description: "Lists and maps, nested.",
    inputs: { values: T.list(T.float), weights: T.dict(T.float), groups: T.dict(T.list(T.int)) },
    outputs: { sorted: T.list(T.float), means: T.dict(T.float), buckets: T.list(T.list(T.int)) },
  });
  const unions = c.task({
    name: "core.type_system.unions.describe_value",
    description: "Unions, Optional inputs (None bound) and Optional outputs (None returned).",
    inputs: { value: IntOrStr, threshold: MaybeFloat },
    outputs: { kind: T.str, echoed: IntOrStr, warning: MaybeStr },
  });

  const wf = c.workflow({
    name: "core.type_system.all_types.wf",
    description: "One workflow touching every literal type, with a default for each input.",
    inputs: {
      count: T.int,
      ratio: T.float,
      label: T.str,
      dry_run: T.bool,
      started: T.datetime,
      budget: T.duration,
      color: Color,
      csv_file: T.file("csv"),
      images: T.directory(),
      sales: Sales,
      point: Datum,
      settings: T.json,
      values: T.list(T.float),
      weights: T.dict(T.float),
      groups: T.dict(T.list(T.int)),
      value: IntOrStr,
      threshold: MaybeFloat,
    },
    outputs: {
      summary: T.str,
      next_run: T.datetime,
      elapsed: T.duration,
      ok: T.bool,
      color: Color,
      normalized: T.file("csv"),
      thumbnails: T.directory(),
      by_region: T.dataframe("parquet", { region: T.str, revenue: T.float }),
      point: Datum,
      sorted: T.list(T.float),
      means: T.dict(T.float),
      echoed: IntOrStr,
      warning: MaybeStr,
    },
    defaults: {
      count: L.int(3),
      ratio: L.float(0.75),
      label: L.str("nightly"),
      dry_run: L.bool(false),
      started: L.datetime("2024-06-01T09:30:00Z"),
      budget: L.duration(5400),
      color: L.enum("GREEN"),
      csv_file: L.file("s3://my-s3-bucket/data/iris.csv", "csv"),
      images: L.directory("s3://my-s3-bucket/data/images/"),
      sales: L.dataframe("s3://my-s3-bucket/data/sales/2024-05.parquet"),
      point: L.json({ x: 1, y: "one", z: { a: "alpha" } }),
      settings: L.json({ verbose: true, retries: 2, tags: ["nightly", "eu"] }),
      values: L.list(L.float(3.5), L.float(1.25), L.float(2)),
      weights: L.dict({ a: L.float(0.5), b: L.float(0.25), c: L.float(0.25) }),
      groups: L.dict({ even: L.list(L.int(2), L.int(4)), odd: L.list(L.int(1), L.int(3), L.int(5)) }),
      value: L.union(L.int(42), IntOrStr, "int"),
      threshold: L.union(L.none(), MaybeFloat, "none"),
    },
    nodes: [
      taskNode("n0", primitives, {
        count: wfInput("count"),
        ratio: wfInput("ratio"),
        label: wfInput("label"),
        dry_run: wfInput("dry_run"),
        started: wfInput("started"),
        budget: wfInput("budget"),
      }),
      taskNode("n1", enums, { color: wfInput("color") }),
      taskNode("n2", files, { csv_file: wfInput("csv_file"), images: wfInput("images") }),
      taskNode("n3", datasets, { sales: wfInput("sales"), min_units: out("n0", "doubled") }),
      taskNode("n4", dataclasses, { x: wfInput("point"), y: L.json({ x: 2, y: "two", z: {} }), extra: wfInput("settings") }),
      taskNode("n5", collections, { values: wfInput("values"), weights: wfInput("weights"), groups: wfInput("groups") }),
      taskNode("n6", unions, { value: wfInput("value"), threshold: wfInput("threshold") }),
    ],
    returns: {
      summary: out("n0", "summary"),
      next_run: out("n0", "next_run"),
      elapsed: out("n0", "elapsed"),
      ok: out("n0", "ok"),
      color: out("n1"),
      normalized: out("n2", "normalized"),
      thumbnails: out("n2", "thumbnails"),
      by_region: out("n3", "by_region"),
      point: out("n4"),
      sorted: out("n5", "sorted"),
      means: out("n5", "means"),
      echoed: out("n6", "echoed"),
      warning: out("n6", "warning"),
    },
  });
  c.launch("seed-all-types", wf);

  // Outputs past FlyteAdmin's remoteData.maxSizeInBytes (2 MiB): GetNodeExecutionData answers only their URL.
  const report = c.task({
    name: "core.type_system.large_data.write_report",
    description: "Returns a report of about 2.3 MB, more than FlyteAdmin inlines.",
    inputs: { rows: T.int },
    outputs: { report: T.str, lines: T.int },
    sandbox: { outputBytes: { report: 2_300_000 }, outputs: { lines: 39_656 } },
  });
  const large = c.workflow({
    name: "core.type_system.large_data.wf",
    description: "A task whose output FlyteAdmin offloads.",
    inputs: { rows: T.int },
    outputs: { lines: T.int },
    defaults: { rows: L.int(39_656) },
    nodes: [taskNode("n0", report, { rows: wfInput("rows") })],
    returns: { lines: out("n0", "lines") },
  });
  c.launch("seed-large-data", large);
  c.launch("seed-all-types-str", wf, { value: L.union(L.str("forty-two"), IntOrStr, "str"), threshold: L.union(L.float(0.5), MaybeFloat, "float") });
}
