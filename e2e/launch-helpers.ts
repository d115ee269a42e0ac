import { expect, type APIRequestContext, type Page } from "@playwright/test";
import { callBff, DOMAIN, PROJECT } from "./helpers";

export const ALL_TYPES_WF = "core.type_system.all_types.wf";
export const launchUrl = (query: string) => `/console/projects/${PROJECT}/domains/${DOMAIN}/launch?${query}`;

/** Names of the newest executions in the project/domain, through the BFF as the browser sees them. */
export async function executionNames(request: APIRequestContext): Promise<string[]> {
  const res = await callBff(request, "flyteidl.service.AdminService/ListExecutions", {
    id: { project: PROJECT, domain: DOMAIN },
    limit: 500,
    sortBy: { key: "created_at", direction: "DESCENDING" },
  });
  expect(res.ok(), await res.text()).toBeTruthy();
  const body = (await res.json()) as { executions?: { id: { name: string } }[] };
  return (body.executions ?? []).map((e) => e.id.name);
}

export async function getExecutionJson(request: APIRequestContext, name: string) {
  const res = await callBff(request, "flyteidl.service.AdminService/GetExecution", { id: { project: PROJECT, domain: DOMAIN, name } });
  expect(res.ok(), await res.text()).toBeTruthy();
  return (await res.json()) as {
    spec?: { metadata?: { mode?: string; referenceExecution?: { name?: string } }; labels?: { values?: Record<string, string> } };
  };
}

/** The execution page URL the form navigated to, and that execution's name. */
export async function launchedName(page: Page): Promise<string> {
  await expect(page).toHaveURL(/\/executions\/[a-z][a-z0-9-]*$/, { timeout: 30_000 });
  return new URL(page.url()).pathname.split("/").pop()!;
}

/** The value a node received for one input, as its panel shows it. */
export function nodeInput(page: Page, input: string) {
  return page.getByTestId("node-panel").getByTestId("node-inputs").locator(`[data-testid="literal-row"][data-name="${input}"]`);
}
