import { type APIRequestContext } from "@playwright/test";
import { expect, test } from "./test";
import { callBff, DOMAIN, PROJECT, relaunchSeed } from "./helpers";

const dashboard = (query = "") => `/console/projects/${PROJECT}/domains/${DOMAIN}/executions${query}`;

async function waitForPhase(request: APIRequestContext, name: string, phase: string) {
  await expect
    .poll(
      async () => {
        const res = await callBff(request, "flyteidl.service.AdminService/GetExecution", { id: { project: PROJECT, domain: DOMAIN, name } });
        return ((await res.json()) as { closure?: { phase?: string } }).closure?.phase;
      },
      { timeout: 45_000 },
    )
    .toBe(phase);
}

test("a failed run's row shows the exception line, and the whole error on request", async ({ page, request, baseURL }) => {
  const name = await relaunchSeed(request, baseURL!, "seed-fail-late");
  await waitForPhase(request, name, "FAILED");
  await page.goto(dashboard());
  const row = page.locator(`[data-testid="execution-row"][data-execution-name="${name}"]`);
  await expect(row).toHaveAttribute("data-phase", "FAILED");
  // The traceback's last line, not FlytePropeller's "[1/1] currentAttempt done…" lead.
  await expect(row.getByTestId("execution-error-line")).toHaveText(/^RuntimeError: simulated failure/);
  await expect(row.getByTestId("execution-error-full")).toHaveCount(0);

  await row.getByRole("button", { name: "more" }).click();
  await expect(row.getByTestId("execution-error-full")).toContainText("Traceback (most recent call last):");
  await expect(row.getByRole("button", { name: "less" })).toHaveAttribute("aria-expanded", "true");
  await row.getByRole("button", { name: "less" }).click();
  await expect(row.getByTestId("execution-error-full")).toHaveCount(0);
});

test("a row opens its inputs and outputs, relaunches, and archives and unarchives its run", async ({ page, request, baseURL }) => {
  const name = await relaunchSeed(request, baseURL!, "seed-hello-world");
  await waitForPhase(request, name, "SUCCEEDED");
  await page.goto(dashboard());
  const row = page.locator(`[data-testid="execution-row"][data-execution-name="${name}"]`);
  await expect(row).toHaveAttribute("data-phase", "SUCCEEDED");

  await row.getByRole("button", { name: "Inputs and outputs" }).click();
  const dialog = page.getByTestId("execution-data-dialog");
  await expect(dialog.getByRole("heading", { name: `Inputs and outputs of ${name}` })).toBeVisible();
  await expect(dialog.getByTestId("execution-outputs").getByTestId("literal-row").first()).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(dialog).toHaveCount(0);

  await expect(row.getByRole("link", { name: "Relaunch" })).toHaveAttribute("href", new RegExp(`/launch\\?relaunch=${name}$`));

  // Archived runs leave the default list; "Archived: only" lists them, and the row unarchives it.
  await row.getByRole("button", { name: "Archive", exact: true }).click();
  await expect(row).toHaveCount(0);
  await page.goto(dashboard("?archived=only"));
  const archived = page.locator(`[data-testid="execution-row"][data-execution-name="${name}"]`);
  await archived.getByRole("button", { name: "Unarchive" }).click();
  await expect(archived).toHaveCount(0);
  await page.goto(dashboard());
  await expect(page.locator(`[data-testid="execution-row"][data-execution-name="${name}"]`).getByRole("button", { name: "Archive", exact: true })).toBeVisible();

  // The relaunch link opens the relaunch form of this run.
  await page.locator(`[data-testid="execution-row"][data-execution-name="${name}"]`).getByRole("link", { name: "Relaunch" }).click();
  await expect(page.getByRole("heading", { name: `Relaunch ${name}` })).toBeVisible();
});
