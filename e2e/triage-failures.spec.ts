// Failure triage: the sandbox's seeded recurring failures (lib/sandbox/seed/catalog/triage.ts) grouped by
// error signature with the right counts, the dashboard's filters narrowing them on the server, and each
// group's newest example opening the failed run (its failing node selected when the error names it).
import { expect, test } from "./test";
import { DOMAIN, PROJECT, failOnPageErrors, waitUntilEnded } from "./helpers";

failOnPageErrors(test);

const SEEDS = ["seed-triage-ingest-1", "seed-triage-ingest-2", "seed-triage-backfill", "seed-triage-score-1", "seed-triage-score-2"];
const TRIAGE = "core.flyte_basics.triage.";
const failuresUrl = (query = "") => `/console/projects/${PROJECT}/domains/${DOMAIN}/failures${query}`;

test.beforeAll(async ({ request }) => {
  // A fresh sandbox runs its seeds while the first specs start.
  test.setTimeout(180_000);
  for (const name of SEEDS) await waitUntilEnded(request, name);
});

test("the Failures section groups the seeded failures by signature, with their counts, workflows and nodes", async ({ page }) => {
  await page.goto(`/console/projects/${PROJECT}/domains/${DOMAIN}/executions`);
  await page.getByTestId("section-failures").click();
  await expect(page).toHaveURL(/\/failures$/);
  await expect(page.getByTestId("section-failures")).toHaveAttribute("aria-current", "page");
  // Only what the view uses: no phase, duration or sort controls.
  await expect(page.getByTestId("duration-filter")).toHaveCount(0);
  await expect(page.getByTestId("sort")).toHaveCount(0);

  await page.getByTestId("workflow-filter").fill(TRIAGE);
  await page.getByTestId("workflow-filter").press("Enter");
  await expect(page).toHaveURL(/workflow=core\.flyte_basics\.triage\./);

  const groups = page.getByTestId("failure-group");
  await expect(groups).toHaveCount(2);
  await expect(page.getByTestId("failures-summary")).toHaveAttribute("data-failures", "5");

  const missing = groups.nth(0);
  await expect(missing).toHaveAttribute("data-count", "3");
  await expect(missing).toHaveAttribute("data-kind", "USER");
  await expect(missing).toHaveAttribute("data-exception", "FileNotFoundError");
  await expect(missing.getByTestId("failure-message")).toHaveText("<uri> not found (request id <uuid>)");
  await expect(missing.getByRole("list", { name: "Workflows" }).getByRole("listitem")).toHaveText([
    `${TRIAGE}ingest_wf ×2`,
    `${TRIAGE}backfill_wf ×1`,
  ]);
  await expect(missing.getByTestId("failure-nodes")).toHaveText("not named in the errors");

  const oom = groups.nth(1);
  await expect(oom).toHaveAttribute("data-count", "2");
  await expect(oom).toHaveAttribute("data-kind", "SYSTEM");
  await expect(oom).toHaveAttribute("data-code", "RetriesExhausted|OOMKilled");
  await expect(oom.getByRole("list", { name: "Nodes" }).getByRole("listitem")).toHaveText(["n1 ×2"]);

  // Expanded, a group lists its runs: each of the three seeded ones, once.
  await missing.getByRole("button", { name: "Show all 3 runs" }).click();
  const examples = missing.getByTestId("failure-example");
  await expect(examples).toHaveCount(3);
  expect((await examples.evaluateAll((els) => els.map((e) => e.getAttribute("data-execution-name")))).sort()).toEqual([
    "seed-triage-backfill",
    "seed-triage-ingest-1",
    "seed-triage-ingest-2",
  ]);
});

test("the workflow and time filters narrow the groups", async ({ page }) => {
  await page.goto(failuresUrl(`?workflow=${TRIAGE}`));
  const groups = page.getByTestId("failure-group");
  await expect(groups).toHaveCount(2);

  // A group's workflow picks that workflow exactly: the other workflow's runs and the other group go.
  await groups.nth(0).getByRole("button", { name: `${TRIAGE}ingest_wf` }).click();
  await expect(page).toHaveURL(/workflow=core\.flyte_basics\.triage\.ingest_wf&match=exact/);
  await expect(groups).toHaveCount(1);
  await expect(groups.nth(0)).toHaveAttribute("data-count", "2");
  await expect(groups.nth(0)).toHaveAttribute("data-exception", "FileNotFoundError");
  await expect(page.getByTestId("failures-summary")).toHaveAttribute("data-failures", "2");

  // A window before any of them: nothing failed then.
  await page.goto(failuresUrl(`?workflow=${TRIAGE}&from=2020-01-01T00:00:00.000Z&to=2020-01-02T00:00:00.000Z`));
  await expect(page.getByTestId("time-filter")).toHaveValue("custom");
  await expect(page.getByTestId("failures-empty")).toBeVisible();
  await expect(groups).toHaveCount(0);
});

test("a group's newest example opens the failed run, with the failing node selected when the error names it", async ({ page }) => {
  await page.goto(failuresUrl(`?workflow=${TRIAGE}`));
  const oom = page.locator('[data-testid="failure-group"][data-code="RetriesExhausted|OOMKilled"]');
  const newest = oom.getByTestId("failure-newest");
  const name = await newest.getAttribute("data-execution-name");
  expect(["seed-triage-score-1", "seed-triage-score-2"]).toContain(name);
  await newest.click();
  await expect(page).toHaveURL(new RegExp(`/executions/${name}\\?node=n1$`));
  await expect(page.getByTestId("execution-phase")).toHaveAttribute("data-phase", "FAILED");
  await expect(page.getByTestId("node-panel")).toHaveAttribute("data-node-id", "n1");
  await expect(page.getByTestId("node-panel")).toHaveAttribute("data-phase", "FAILED");

  await page.goBack();
  const missing = page.locator('[data-testid="failure-group"][data-exception="FileNotFoundError"]');
  const other = missing.getByTestId("failure-newest");
  const otherName = await other.getAttribute("data-execution-name");
  expect(["seed-triage-ingest-1", "seed-triage-ingest-2", "seed-triage-backfill"]).toContain(otherName);
  await other.click();
  await expect(page).toHaveURL(new RegExp(`/executions/${otherName}$`));
  await expect(page.getByTestId("execution-phase")).toHaveAttribute("data-phase", "FAILED");
});
