// Reading one execution as a whole: its inputs and outputs (typed, copied as JSON or as a FlyteRemote snippet)
// in a tab of its own, the run it came from as a link, and how it ran (service account, labels, …) as the
// sandbox resolved its spec the way FlyteAdmin does.
import { type Page } from "@playwright/test";
import { expect, test } from "./test";
import { DOMAIN, PROJECT, SANDBOX_HTTP, executionUrl, failOnPageErrors, relaunchSeed, waitUntilEnded } from "./helpers";

test.use({ permissions: ["clipboard-read", "clipboard-write"] });

failOnPageErrors(test);

const clipboard = (page: Page) => page.evaluate(() => navigator.clipboard.readText());
const row = (section: ReturnType<Page["getByTestId"]>, name: string) => section.locator(`[data-testid="literal-row"][data-name="${name}"]`);

test("an execution's inputs and outputs: typed, in a tab of their own, copied as JSON and as a FlyteRemote snippet", async ({ page, request }) => {
  await waitUntilEnded(request, "seed-basic-wf");
  await page.goto(executionUrl("seed-basic-wf"));
  const tab = page.getByRole("tab", { name: "Inputs & outputs" });
  await tab.focus();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/[?&]tab=io$/);
  await expect(tab).toHaveAttribute("aria-selected", "true");

  const inputs = page.getByTestId("execution-inputs");
  await expect(row(inputs, "a").getByTestId("literal-type")).toHaveText("int");
  await expect(row(inputs, "a").locator('[data-primitive="integer"]')).toHaveText("7");
  await expect(row(inputs, "b").getByTestId("literal-type")).toHaveText("str");
  await expect(row(inputs, "b")).toContainText("flyte");
  await inputs.getByRole("button", { name: "Copy inputs as JSON" }).click();
  await expect(inputs.getByRole("button", { name: "Copy inputs as JSON" })).toHaveText("Copied");
  expect(JSON.parse(await clipboard(page))).toEqual({ a: 7, b: "flyte" });

  const outputs = page.getByTestId("execution-outputs");
  await expect(row(outputs, "o0").getByTestId("literal-type")).toHaveText("int");
  await expect(row(outputs, "o1").getByTestId("literal-type")).toHaveText("str");
  await outputs.getByRole("button", { name: "Copy outputs as JSON" }).click();
  const copied = JSON.parse(await clipboard(page)) as Record<string, unknown>;
  expect(Object.keys(copied)).toEqual(["o0", "o1"]);
  expect(typeof copied.o0).toBe("number");
  expect(typeof copied.o1).toBe("string");

  await page.getByRole("button", { name: "Copy FlyteRemote snippet" }).click();
  const snippet = await clipboard(page);
  expect(snippet).toContain("from flytekit.remote import FlyteRemote");
  expect(snippet).toContain(`execution = remote.fetch_execution(project="${PROJECT}", domain="${DOMAIN}", name="seed-basic-wf")`);
  expect(snippet).toMatch(/^outputs = execution\.outputs/m);

  // The tab is a deep link.
  await page.goto(executionUrl("seed-basic-wf", "?tab=io"));
  await expect(row(page.getByTestId("execution-inputs"), "a")).toBeVisible();
});

test("a relaunched run links to the run it repeats, and its details show how the sandbox resolved its spec", async ({ page, request, baseURL }) => {
  const name = await relaunchSeed(request, baseURL!, "seed-basic-wf");
  await page.goto(executionUrl(name));
  const header = page.getByTestId("execution-header");
  const lineage = header.getByTestId("execution-lineage");
  await expect(lineage).toHaveAttribute("data-relation", "relaunched");
  await expect(lineage).toHaveText("Relaunch of seed-basic-wf");

  const details = header.getByTestId("execution-details");
  await expect(details).not.toHaveAttribute("open");
  await details.locator("summary").focus();
  await page.keyboard.press("Enter");
  await expect(details).toHaveAttribute("open", "");
  // flytesnacks/development's workflow execution config (the seed's attributes) and the project's label.
  await expect(details.getByTestId("execution-fact-serviceAccount")).toHaveText(/Service account\s*flytesnacks-runner/);
  await expect(details.getByTestId("execution-fact-maxParallelism")).toHaveText(/25/);
  await expect(details.getByTestId("execution-fact-rawOutputPrefix")).toHaveText(/s3:\/\/my-bucket\/flytesnacks\/development/);
  await expect(details.getByTestId("execution-fact-interruptible")).toHaveText(/yes/);
  await expect(details.getByTestId("execution-fact-cluster")).toHaveText(/sandbox/);
  await expect(details.getByTestId("execution-labels").getByRole("listitem")).toHaveText(["flyte.org/sandbox=true", "team=ml-platform"]);
  await expect(details.getByTestId("execution-annotations")).toContainText("cost-center=1234");
  await expect(details.getByTestId("execution-envs")).toContainText("FLYTE_SDK_LOGGING_LEVEL=20");
  await expect(details.getByTestId("execution-launch-plan-version")).toHaveAttribute("href", /\/launchPlans\/core\.flyte_basics\.basic_workflow\.my_wf\/version\//);

  await lineage.getByRole("link", { name: "seed-basic-wf" }).click();
  await expect(page).toHaveURL(/\/executions\/seed-basic-wf$/);
  await expect(page.getByTestId("execution-header").getByRole("heading", { level: 1 })).toHaveText("seed-basic-wf");
  await expect(page.getByTestId("execution-lineage")).toHaveCount(0);
});

test("a child run links to its parent execution with the node that started it selected", async ({ page, request }) => {
  // seed-parent-wf's n2 runs leaf_subwf's launch plan as a child execution.
  let child = "";
  await expect
    .poll(
      async () => {
        const res = await request.get(`${SANDBOX_HTTP}/api/v1/node_executions/${PROJECT}/${DOMAIN}/seed-parent-wf/n2`);
        if (!res.ok()) return "";
        child = ((await res.json()) as { closure?: { workflowNodeMetadata?: { executionId?: { name?: string } } } }).closure?.workflowNodeMetadata?.executionId?.name ?? "";
        return child;
      },
      { timeout: 45_000 },
    )
    .not.toBe("");
  await page.goto(executionUrl(child));
  const lineage = page.getByTestId("execution-lineage");
  await expect(lineage).toHaveAttribute("data-relation", "child");
  await expect(lineage).toHaveText("Child run of seed-parent-wf, started by its node n2");
  await lineage.getByRole("link", { name: "seed-parent-wf" }).click();
  await expect(page.getByTestId("node-panel")).toHaveAttribute("data-node-id", "n2");
  await expect(page).toHaveURL(/\/executions\/seed-parent-wf\?node=n2$/);
});
