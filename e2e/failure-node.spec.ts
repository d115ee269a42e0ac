import { expect, test } from "./test";
import { executionUrl, relaunchSeed } from "./helpers";

test("a failing run goes FAILING while its failure node cleans up, then FAILED; the graph and the Nodes tab show the failure node", async ({ page, request, baseURL }) => {
  const name = await relaunchSeed(request, baseURL!, "seed-fail-late");
  await page.goto(executionUrl(name));

  const failureNode = page.locator('[data-testid="dag-node"][data-node-id="fn0"]');
  await expect(failureNode).toHaveAttribute("data-failure-node", "true", { timeout: 30_000 });
  await expect(failureNode.getByTestId("failure-node-marker")).toHaveText(/on failure/i);
  await expect(page.locator(".failure-edge")).toHaveCount(1);

  // The clean-up task runs for seconds: the run is FAILING meanwhile, and the failure node runs.
  await expect(page.getByTestId("execution-phase")).toHaveAttribute("data-phase", "FAILING", { timeout: 30_000 });
  await expect(failureNode).toHaveAttribute("data-phase", /QUEUED|RUNNING/);

  await expect(page.getByTestId("execution-phase")).toHaveAttribute("data-phase", "FAILED", { timeout: 30_000 });
  await expect(failureNode).toHaveAttribute("data-phase", "SUCCEEDED");
  await expect(page.locator('[data-testid="dag-node"][data-node-id="n0"]')).toHaveAttribute("data-phase", "FAILED");

  await page.goto(executionUrl(name, "?tab=nodes"));
  await expect(page.locator('[data-testid="node-row"][data-node-id="fn0"]')).toHaveAttribute("data-phase", "SUCCEEDED", { timeout: 30_000 });
});
