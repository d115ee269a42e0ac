import { expect, test } from "./test";
import { callBff, DOMAIN, PROJECT } from "./helpers";

test("an event write is refused with PermissionDenied", async ({ request, baseURL }) => {
  const res = await callBff(request, "flyteidl.service.AdminService/CreateWorkflowEvent", {}, { origin: baseURL! });
  expect(res.status()).toBe(403);
  expect(await res.json()).toMatchObject({
    code: "permission_denied",
    message: expect.stringContaining("CreateWorkflowEvent is not available"),
  });
});

test("a malformed body is refused with InvalidArgument", async ({ request }) => {
  const res = await callBff(request, "flyteidl.service.AdminService/ListExecutions", "{not json");
  expect(res.status()).toBe(400);
  expect(await res.json()).toMatchObject({ code: "invalid_argument" });
});

test("a cross-origin mutation is refused before it reaches FlyteAdmin", async ({ request }) => {
  const res = await callBff(
    request,
    "flyteidl.service.AdminService/TerminateExecution",
    { id: { project: PROJECT, domain: DOMAIN, name: "anything" }, cause: "csrf" },
    { origin: "http://evil.example" },
  );
  expect(res.status()).toBe(403);
  expect((await res.json()).message).toContain("cross-origin");
});

test("reads pass through and health reports FlyteAdmin reachable", async ({ request }) => {
  const res = await callBff(request, "flyteidl.service.AdminService/ListProjects", {});
  expect(res.ok()).toBeTruthy();
  const body = await res.json();
  expect(body.projects.map((p: { id: string }) => p.id)).toContain(PROJECT);
  const health = await request.get("/console/healthz");
  expect(health.status()).toBe(200);
  expect(await health.json()).toMatchObject({ adminReachable: true, backendKind: "sandbox" });
});
