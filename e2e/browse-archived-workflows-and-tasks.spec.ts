import { type APIRequestContext } from "@playwright/test";
import { expect, test } from "./test";
import { callBff, DOMAIN, PROJECT } from "./helpers";

// NamedEntityState: 0 active, 1 archived. The BFF lets the browser change it (UpdateNamedEntity).
async function setArchived(request: APIRequestContext, baseURL: string, resourceType: string, name: string, archived: boolean) {
  const res = await callBff(
    request,
    "flyteidl.service.AdminService/UpdateNamedEntity",
    { resourceType, id: { project: PROJECT, domain: DOMAIN, name }, metadata: { state: archived ? "NAMED_ENTITY_ARCHIVED" : "NAMED_ENTITY_ACTIVE" } },
    { origin: baseURL },
  );
  expect(res.ok(), await res.text()).toBeTruthy();
}

const cases = [
  { resourceType: "WORKFLOW", segment: "workflows", name: "core.flyte_basics.hello_world.my_wf" },
  { resourceType: "TASK", segment: "tasks", name: "core.flyte_basics.hello_world.say_hello" },
];

for (const c of cases) {
  test(`"Show archived" lists archived ${c.segment} only, and they leave the default list`, async ({ page, request, baseURL }) => {
    await setArchived(request, baseURL!, c.resourceType, c.name, true);
    try {
      await page.goto(`/console/projects/${PROJECT}/domains/${DOMAIN}/${c.segment}`);
      const row = page.locator(`[data-testid="entity-row"][data-entity-name="${c.name}"]`);
      await expect(page.getByTestId("entity-row").first()).toBeVisible();
      await expect(row).toHaveCount(0);

      await page.getByTestId("show-archived").check();
      await expect(page).toHaveURL(/archived=1/);
      await expect(row).toBeVisible();
      await expect(row).toHaveAttribute("data-archived", "true");
      await expect(row).toContainText("Archived");
      // Only archived ones: every row shown is marked.
      expect(await page.locator('[data-testid="entity-row"]:not([data-archived])').count()).toBe(0);

      // The choice is in the URL: a reload keeps it.
      await page.reload();
      await expect(page.getByTestId("show-archived")).toBeChecked();
      await expect(row).toBeVisible();
    } finally {
      await setArchived(request, baseURL!, c.resourceType, c.name, false);
    }
  });
}
