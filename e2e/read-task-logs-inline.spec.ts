// Reading a task's log inline: the sandbox's log server → the BFF (/api/logs) → the log viewer on
// its own page (/console/logs). The sandbox's logs are deterministic per attempt and echo the node
// id, so a node id with HTML in it puts that HTML into a log line.
import { readFile } from "node:fs/promises";
import { type Page } from "@playwright/test";
import { expect, test } from "./test";
import { DOMAIN, PROJECT, SANDBOX_HTTP } from "./helpers";

const XSS = "<script>window.__xss=1</script><img src=x onerror=window.__xss=2>";

function sandboxLogUri(node: string, execution = "e2elogs") {
  return `${SANDBOX_HTTP}/logs/${PROJECT}/${DOMAIN}/${execution}/${encodeURIComponent(node)}/0`;
}

function logPage(uri: string, extra: Record<string, string> = {}) {
  return `/console/logs?${new URLSearchParams({ uri, name: "Sandbox logs", ...extra }).toString()}`;
}

async function openLog(page: Page, uri: string, extra: Record<string, string> = {}) {
  await page.goto(logPage(uri, extra));
  const viewer = page.getByTestId("log-viewer");
  await expect(viewer).toHaveAttribute("data-state", "ready");
  await expect(viewer.getByTestId("log-line").first()).toBeVisible();
  return viewer;
}

test("a sandbox log shows inline with its ANSI colours as styled text", async ({ page }) => {
  const viewer = await openLog(page, sandboxLogUri("n0"));
  await expect(viewer.getByTestId("log-line").first()).toHaveAttribute("data-line", "1");
  const info = viewer.locator('[data-testid="log-line"] span[data-fg="green"]').first();
  await expect(info).toHaveText(/^INFO\s*$/);
  await expect(info).toHaveCSS("color", "rgb(35, 209, 139)");
  // The escape codes themselves are gone.
  await expect(viewer).not.toContainText("[32m");
  await expect(viewer).not.toContainText("\u001b");
});

test("a log line containing <script> or HTML shows as text and never runs", async ({ page }) => {
  const viewer = await openLog(page, sandboxLogUri(XSS));
  const line = viewer.getByTestId("log-line").filter({ hasText: XSS }).first();
  await expect(line).toBeAttached();
  await expect(viewer.locator("script, img")).toHaveCount(0);
  expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
});

test("search highlights matches and steps through them", async ({ page }) => {
  const viewer = await openLog(page, sandboxLogUri("n1"));
  await viewer.getByTestId("log-search").fill("flytekit");
  const count = viewer.getByTestId("log-search-count");
  await expect(count).toHaveText(/^1 of \d+$/);
  const marks = viewer.locator("mark[data-match]");
  expect(await marks.count()).toBeGreaterThan(0);
  await expect(viewer.locator('mark[data-match="active"]')).toHaveText(/^flytekit$/i);
  await viewer.getByRole("button", { name: "Next match" }).click();
  await expect(count).toHaveText(/^2 of \d+$/);
  await expect(viewer.locator('mark[data-match="active"]')).toHaveCount(1);
  await viewer.getByTestId("log-search").fill("no such text anywhere 42");
  await expect(count).toHaveText("no matches");
  await expect(marks).toHaveCount(0);
});

test("a line link opens the log at that line, and clicking a line number makes one", async ({ page }) => {
  const viewer = await openLog(page, sandboxLogUri("n2"), { line: "L60" });
  const linked = viewer.locator('[data-testid="log-line"][data-line="60"]');
  await expect(linked).toHaveAttribute("data-selected", "true");
  await expect(linked).toBeInViewport();

  await viewer.getByRole("link", { name: "Line 62", exact: true }).click();
  await expect(page).toHaveURL(/[?&]line=62(&|$)/);
  await expect(viewer.locator('[data-testid="log-line"][data-line="62"]')).toHaveAttribute("data-selected", "true");
  await expect(linked).not.toHaveAttribute("data-selected", "true");
});

test("wrap folds long lines; download saves the text", async ({ page }) => {
  const viewer = await openLog(page, sandboxLogUri("n3"));
  // Line 3 is pyflyte-execute's long command line.
  const long = viewer.locator('[data-testid="log-line"][data-line="3"]');
  const before = (await long.boundingBox())?.height ?? 0;
  const wrap = viewer.getByRole("button", { name: "Wrap" });
  await wrap.click();
  await expect(wrap).toHaveAttribute("aria-pressed", "true");
  await expect.poll(async () => (await long.boundingBox())?.height ?? 0).toBeGreaterThan(before * 1.5);

  const [download] = await Promise.all([page.waitForEvent("download"), viewer.getByRole("button", { name: "Download" }).click()]);
  expect(download.suggestedFilename()).toBe("Sandbox-logs.log");
  const text = await readFile((await download.path())!, "utf8");
  expect(text.startsWith("tar: Removing leading")).toBe(true);
});

test("a 50 MB log is cut at the size cap, says so, and the page stays responsive", async ({ page }) => {
  const uri = sandboxLogUri("huge-log-e2e");
  const viewer = await openLog(page, uri);
  const notice = viewer.getByTestId("log-truncated");
  await expect(notice).toContainText("Showing the first 10 MB of 50 MB");
  await expect(notice.getByRole("link", { name: "download the full log" })).toHaveAttribute("href", uri);
  await viewer.getByTestId("log-search").fill("checkpoint saved");
  await expect(viewer.getByTestId("log-search-count")).toHaveText(/^1 of \d+\+?$/, { timeout: 10_000 });
  // The main thread answers promptly while a 100k-line log is loaded and searched.
  const lag = await page.evaluate(
    () => new Promise<number>((resolve) => {
      const start = performance.now();
      setTimeout(() => resolve(performance.now() - start), 0);
    }),
  );
  expect(lag).toBeLessThan(500);
});

test("the BFF reads only allowed log origins: others get 403 and the viewer links out", async ({ page, request }) => {
  for (const uri of ["http://169.254.169.254/latest/meta-data", `${SANDBOX_HTTP}/_sandbox/faults`, `${SANDBOX_HTTP}/api/v1/projects`]) {
    const res = await request.get(`/console/api/logs?${new URLSearchParams({ uri }).toString()}`);
    expect(res.status(), uri).toBe(403);
    expect((await res.json()) as { error: string }).toHaveProperty("error");
  }
  const outside = "https://logs.example.com/some/pod.log";
  await page.goto(logPage(outside));
  const error = page.getByTestId("log-error");
  await expect(error).toContainText("does not show this log inline");
  const link = error.getByRole("link", { name: /Open the log where it is stored/ });
  await expect(link).toHaveAttribute("href", outside);
  await expect(link).toHaveAttribute("rel", "noopener noreferrer");
});
