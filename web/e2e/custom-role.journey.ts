import type { JourneyContext } from "./harness.ts";
import {
  acceptInvitationAsNewUser,
  createRoleWithRule,
  invitationLink,
  inviteMember,
  openSection,
  signOutFromMenu,
} from "./members.steps.ts";

import { heading, rpc } from "./steps.ts";

/** Title of the journey, for runners and reports. */
export const title = "custom role: a Driver role with a row rule and a hidden field sees only its runs, never the cost";

const RUN_FIELDS = [
  { key: "title", label: "Title", type: "text", required: true },
  { key: "driver", label: "Driver", type: "email" },
  { key: "cost", label: "Cost", type: "number", scale: 2 },
];

type Page_ = { entities: { id: string; data: Record<string, unknown> }[] };

/**
 * Issue 6, journey 3: an Admin makes a custom role "Driver" in the permission editor (read
 * runs whose Driver is the member's own email; the Cost field hidden), invites a driver with
 * it; the driver sees exactly their runs in the grid and on the record page, never a Cost,
 * and the API answers the same (other runs are not found, filtering by Cost is refused).
 */
export async function customRoleJourney(ctx: JourneyContext): Promise<void> {
  const { page, baseUrl, inbox, fixtures } = ctx;
  const driverEmail = `driver-${fixtures.tag}@example.test`;
  const driverPassword = `Driver-${fixtures.tag}`;

  ctx.step("fixtures: an Admin, a workspace, Runs with 5 runs (2 for the driver)");
  const admin = await fixtures.createUser("role-admin");
  const adminApi = await fixtures.clientFor(admin);
  const tenant = await rpc<{ id: string; slug: string }>(adminApi, "create_tenant", { p_name: `Role ${fixtures.tag}` });
  const blueprint = await rpc<{ id: string; key: string }>(adminApi, "create_blueprint", {
    p_tenant_id: tenant.id,
    p_name: "Runs",
    p_key: "runs",
    p_fields: RUN_FIELDS,
  });
  const drivers = [driverEmail, "someone@example.test", driverEmail, "other@example.test", "someone@example.test"];
  const created = await rpc<{ entities: { id: string }[] }>(adminApi, "create_entities", {
    p_blueprint_id: blueprint.id,
    p_rows: drivers.map((driver, i) => ({ title: `Run ${i + 1}`, driver, cost: 100 + i })),
  });
  const othersRun = created.entities[1];
  if (!othersRun) throw new Error("no runs were created");

  ctx.step("the Admin creates the Driver role in the permission editor");
  await fixtures.signIn(page, baseUrl, admin);
  await page.goto(`${baseUrl}/t/${tenant.slug}`);
  await openSection(page, "Roles");
  await createRoleWithRule(
    page,
    {
      name: "Driver",
      description: "Drives runs; sees only their own, without costs.",
      blueprint: "Runs",
      rule: { field: "Driver", comparison: "is", variable: "The member's email" },
      hiddenFields: ["Cost"],
    },
    () => ctx.checkpoint("driver-role-editor"),
  );

  ctx.step("the Admin invites the driver with the Driver role");
  await openSection(page, "Members");
  await inviteMember(page, driverEmail, "Driver");
  const link = invitationLink(await inbox.waitForMail(driverEmail), baseUrl);
  await signOutFromMenu(page, admin.email);

  ctx.step("the driver sees exactly their two runs, and no Cost column");
  await acceptInvitationAsNewUser(page, link, driverPassword);
  await page.goto(`${baseUrl}/t/${tenant.slug}/records/${blueprint.key}`);
  await heading(page, "Runs");
  const grid = page.getByRole("grid", { name: "Runs records" });
  await grid.and(page.locator('[data-ready="true"]')).waitFor();
  const titles = (await grid.locator('[data-row-id] [data-column="title"]').allTextContents()).map((t) => t.trim()).sort();
  if (JSON.stringify(titles) !== JSON.stringify(["Run 1", "Run 3"])) throw new Error(`the driver sees ${titles.join(", ")}`);
  if ((await grid.locator('[data-column="cost"]').count()) > 0) throw new Error("the grid shows a Cost column to the driver");
  if ((await grid.getByRole("columnheader", { name: /Cost/ }).count()) > 0) throw new Error("the grid has a Cost header");
  await ctx.checkpoint("driver-grid");

  ctx.step("a run's page shows no Cost either");
  await page.getByRole("link", { name: "Open Run 1", exact: true }).click();
  await heading(page, "Run 1");
  await page.locator('dd[data-field="driver"]').getByText(driverEmail).waitFor();
  if ((await page.locator('dd[data-field="cost"]').count()) > 0) throw new Error("the record page shows the Cost");
  if ((await page.getByText("Cost", { exact: true }).count()) > 0) throw new Error("the record page names the Cost field");
  await ctx.checkpoint("driver-record");

  ctx.step("the API answers the same: two runs without cost, others not found, no filtering by cost");
  const driverApi = await fixtures.clientFor({ email: driverEmail, password: driverPassword });
  const answer = await rpc<Page_>(driverApi, "query_entities", { p_blueprint_id: blueprint.id });
  if (answer.entities.length !== 2) throw new Error(`query_entities gave the driver ${answer.entities.length} runs`);
  if (answer.entities.some((entity) => "cost" in entity.data)) throw new Error("query_entities revealed a cost");
  const other = await driverApi.rpc("get_entity", { p_entity_id: othersRun.id });
  if (other.error?.code !== "FONF0") throw new Error(`another driver's run: ${other.error?.code ?? "visible"}`);
  const byCost = await driverApi.rpc("query_entities", {
    p_blueprint_id: blueprint.id,
    p_filter: { field: "cost", op: "gt", value: 0 },
  });
  if (byCost.error?.code !== "FODEN") throw new Error(`filtering by the hidden cost: ${byCost.error?.code ?? "allowed"}`);
}
