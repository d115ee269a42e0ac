// A node's Flyte Deck, its files and its offloaded outputs, opened the ways FlyteAdmin offers: DataProxy's
// signed links (CreateDownloadLink for the deck, CreateDownloadLocation for a file), read through the
// console's allowlisted reader where the console shows them itself. The deck runs sandboxed: its script
// runs, in an opaque origin that can neither reach the console nor navigate its tab.
import { expect, test } from "./test";
import { executionUrl, failOnPageErrors, waitUntilEnded } from "./helpers";

failOnPageErrors(test);

test("a task's deck renders in a sandboxed frame, and opens full page under the same sandbox", async ({ page, request }) => {
  await waitUntilEnded(request, "seed-all-types");
  await page.goto(executionUrl("seed-all-types", "?node=n0"));
  const panel = page.getByTestId("node-panel");
  await expect(panel).toHaveAttribute("data-node-id", "n0");
  // A task without a deck has no Deck tab.
  await expect(panel.getByRole("tab", { name: "attempts" })).toBeVisible();
  await expect(panel.getByRole("tab", { name: "deck" })).toHaveCount(0);

  await page.goto(executionUrl("seed-all-types", "?node=n2&panel=deck"));
  await expect(panel.getByRole("tab", { name: "deck" })).toHaveAttribute("aria-selected", "true");
  await expect(panel.getByTestId("deck-uri")).toHaveText(/^s3:\/\/\S+\/n2\/data\/0\/deck\.html$/);
  const frameElement = panel.getByTestId("deck-frame");
  await expect(frameElement).toHaveAttribute("sandbox", "allow-scripts");
  const deck = page.frameLocator('[data-testid="deck-frame"]');
  await expect(deck.getByRole("heading", { name: "Outputs" })).toBeVisible();
  await expect(deck.locator("pre").last()).toContainText("normalized");
  // The deck's own script ran…
  await expect(deck.locator("#deck-script")).toHaveText("Rendered by the deck's own script.");
  // …in an opaque origin: no cookies, no storage, no reach into the console or its tab.
  const frame = await (await frameElement.elementHandle())!.contentFrame();
  const reach = await frame!.evaluate(() => {
    const tryIt = (f: () => unknown) => {
      try {
        f();
        return "allowed";
      } catch {
        return "blocked";
      }
    };
    return { origin: window.origin, cookies: tryIt(() => document.cookie), parent: tryIt(() => window.parent.document.title) };
  });
  expect(reach).toEqual({ origin: "null", cookies: "blocked", parent: "blocked" });

  const [full] = await Promise.all([page.waitForEvent("popup"), panel.getByRole("link", { name: "Open full page" }).click()]);
  await expect(full.getByRole("heading", { name: "Outputs" })).toBeVisible();
  await expect(full.locator("#deck-script")).toHaveText("Rendered by the deck's own script.");
  expect(await full.evaluate(() => window.origin)).toBe("null");
  const served = await request.get(full.url());
  expect(served.headers()["content-security-policy"]).toBe("sandbox allow-scripts; frame-ancestors 'self'");
  await full.close();
});

test("a file a task wrote opens through DataProxy's signed link", async ({ page, request }) => {
  await waitUntilEnded(request, "seed-all-types");
  await page.goto(executionUrl("seed-all-types", "?node=n2&panel=outputs"));
  const row = page.getByTestId("node-outputs").locator('[data-testid="literal-row"][data-name="normalized"]');
  await expect(row.getByTestId("literal-uri")).toHaveText(/^s3:\/\/flyte-sandbox\/data\/\S+\.csv$/);
  await row.getByRole("button", { name: "Get a download link for normalized" }).click();
  const open = row.getByRole("link", { name: "Open normalized" });
  await expect(open).toHaveAttribute("href", /\/dataproxy\/v1\//);
  const [file] = await Promise.all([page.waitForEvent("popup"), open.click()]);
  await expect(file.locator("body")).toContainText("id,name,value");
  await file.close();
  // A directory is no one object: nothing to download.
  const dir = page.getByTestId("node-outputs").locator('[data-testid="literal-row"][data-name="thumbnails"]');
  await expect(dir.getByTestId("literal-uri")).toBeVisible();
  await expect(dir.getByRole("button", { name: /download link/ })).toHaveCount(0);
});

test("outputs FlyteAdmin offloaded for their size load on request through the console", async ({ page, request }) => {
  await waitUntilEnded(request, "seed-large-data");
  await page.goto(executionUrl("seed-large-data", "?node=n0&panel=outputs"));
  const offloaded = page.getByTestId("node-outputs-offloaded");
  await expect(offloaded).toContainText("FlyteAdmin did not include these outputs in its answer: they are 2.2 MB");
  await expect(offloaded.getByTestId("offloaded-url")).toHaveText(/\/dataproxy\/v1\//);
  await offloaded.getByRole("button", { name: "Load offloaded outputs" }).click();
  const outputs = page.getByTestId("node-outputs");
  await expect(outputs).toHaveAttribute("data-offloaded", "loaded");
  const report = outputs.locator('[data-testid="literal-row"][data-name="report"]');
  await expect(report).toContainText("line 0000001: the quick brown fox jumps over the lazy dog");
  await expect(report.getByRole("button", { name: "Show all (2,300,000 characters)" })).toBeVisible();
  await expect(outputs.locator('[data-testid="literal-row"][data-name="lines"]')).toContainText("39656");
  // Its inputs are small: inline as ever.
  await page.getByTestId("node-panel").getByRole("tab", { name: "inputs" }).click();
  await expect(page.getByTestId("node-inputs").locator('[data-testid="literal-row"][data-name="rows"]')).toBeVisible();
});
