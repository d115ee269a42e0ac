import { expect, test } from "./test";
import { callBff, DOMAIN, executionUrl, PROJECT, relaunchSeed } from "./helpers";

test("archive a finished execution, see it marked, and unarchive it", async ({ page, request, baseURL }) => {
  const name = await relaunchSeed(request, baseURL!, "seed-hello-world");
  await page.goto(executionUrl(name));
  await expect(page.getByTestId("execution-phase")).toHaveAttribute("data-phase", "SUCCEEDED", { timeout: 30_000 });
  const header = page.getByTestId("execution-header");
  await expect(page.getByTestId("archived-badge")).toHaveCount(0);

  await header.getByRole("button", { name: "Archive", exact: true }).click();
  await expect(page.getByTestId("archived-badge")).toHaveText("Archived");
  await expect(header.getByRole("button", { name: "Unarchive" })).toBeVisible();

  // FlyteAdmin has it archived: the state survives a reload.
  const state = async () => {
    const res = await callBff(request, "flyteidl.service.AdminService/GetExecution", { id: { project: PROJECT, domain: DOMAIN, name } });
    return ((await res.json()) as { closure?: { stateChangeDetails?: { state?: string } } }).closure?.stateChangeDetails?.state;
  };
  expect(await state()).toBe("EXECUTION_ARCHIVED");
  await page.reload();
  await expect(page.getByTestId("archived-badge")).toBeVisible();

  await header.getByRole("button", { name: "Unarchive" }).click();
  await expect(page.getByTestId("archived-badge")).toHaveCount(0);
  await expect(header.getByRole("button", { name: "Archive", exact: true })).toBeVisible();
  // EXECUTION_ACTIVE is the enum's zero value: proto3 JSON leaves it out.
  expect((await state()) ?? "EXECUTION_ACTIVE").toBe("EXECUTION_ACTIVE");
});
