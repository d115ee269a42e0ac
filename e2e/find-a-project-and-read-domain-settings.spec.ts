import { expect, test } from "./test";
import { callBff, DOMAIN, failOnPageErrors, PROJECT } from "./helpers";

// An unset setting is an answer (GetDomainSettings), not a 404 the browser logs: any console error fails.
failOnPageErrors(test);

test("the projects page finds a project by name or description, and says when none matches", async ({ page }) => {
  await page.goto("/console/?all=1");
  const cards = page.getByTestId("project-card");
  await expect(cards.first()).toBeVisible();
  expect(await cards.count()).toBeGreaterThanOrEqual(2);

  const search = page.getByRole("searchbox", { name: "Search projects" });
  await search.fill("SNACKS");
  await expect(cards).toHaveCount(1);
  await expect(cards.first()).toHaveAttribute("data-project-id", PROJECT);
  await expect(page).toHaveURL(/[?&]q=SNACKS/);

  await search.fill("second project");
  await expect(cards).toHaveCount(1);
  await expect(cards.first()).toHaveAttribute("data-project-id", "sandbox-demo");

  await search.fill("no-such-project");
  await expect(page.getByTestId("projects-no-match")).toBeVisible();
  await page.getByRole("button", { name: "Clear the search" }).click();
  expect(await cards.count()).toBeGreaterThanOrEqual(2);

  // A shared link with a search opens the filtered list, not the last project.
  await page.goto("/console/?q=demo");
  await expect(cards).toHaveCount(1);
});

test("a domain's settings show what FlyteAdmin holds for each matchable resource, read-only", async ({ page, request }) => {
  await page.goto(`/console/projects/${PROJECT}/domains/${DOMAIN}/executions`);
  await page.getByTestId("section-settings").click();
  await expect(page).toHaveURL(new RegExp(`/projects/${PROJECT}/domains/${DOMAIN}/settings$`));
  const setting = (label: string) => page.locator(`[data-testid="domain-setting"][data-resource="${label}"]`);
  await expect(page.getByTestId("domain-setting")).toHaveCount(8);

  await expect(setting("Task resources")).toHaveAttribute("data-state", "set");
  await expect(setting("Task resources")).toContainText("CPU 500m, memory 1Gi");
  await expect(setting("Execution queue")).toContainText("gpu-pool, critical");
  await expect(setting("Workflow execution config")).toContainText("s3://my-bucket/flytesnacks/development");
  await expect(setting("Quality of service")).toContainText("high");
  // Set for the whole project, not this domain alone.
  await expect(setting("Cluster resources").getByTestId("setting-scope")).toHaveText("set for the whole project");
  // NotFound from FlyteAdmin: nothing set.
  await expect(setting("Plugin overrides")).toHaveAttribute("data-state", "unset");
  await expect(setting("Plugin overrides")).toContainText("Not set");
  await expect(page.getByRole("button", { name: /save|edit/i })).toHaveCount(0);

  // Another domain has its own: production's cluster label, and no task resources.
  await page.getByRole("navigation", { name: "Domains" }).getByRole("link", { name: "production" }).click();
  await expect(page).toHaveURL(/domains\/production\/settings$/);
  await expect(setting("Execution cluster label")).toContainText("prod-us-east");
  await expect(setting("Task resources")).toHaveAttribute("data-state", "unset");

  // One request for every card, not one per resource.
  const asked: string[] = [];
  page.on("request", (r) => r.url().includes("/api/connect/") && asked.push(r.url().replace(/^.*\/api\/connect\//, "")));
  await page.reload();
  await expect(setting("Execution cluster label")).toContainText("prod-us-east");
  expect(asked.filter((m) => /DomainSettings|DomainAttributes/.test(m))).toEqual(["flyteconsole.v1.ConsoleService/GetDomainSettings"]);

  // Reading goes through the BFF; changing them does not.
  const read = await callBff(request, "flyteidl.service.AdminService/GetProjectDomainAttributes", { project: PROJECT, domain: DOMAIN, resourceType: "EXECUTION_QUEUE" });
  expect(read.ok(), await read.text()).toBeTruthy();
  const write = await callBff(request, "flyteidl.service.AdminService/UpdateProjectDomainAttributes", { attributes: { project: PROJECT, domain: DOMAIN } });
  expect(write.status()).toBe(403);
});
