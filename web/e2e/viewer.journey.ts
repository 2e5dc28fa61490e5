import type { Page } from "playwright-core";
import type { JourneyContext } from "./harness.ts";
import { acceptInvitationAsNewUser, invitationLink, inviteMember, openSection, signOutFromMenu } from "./members.steps.ts";
import { createDeliveryBlueprint } from "./records.steps.ts";
import { expectRefused, heading, rpc } from "./steps.ts";

/** Title of the journey, for runners and reports. */
export const title = "viewer: invited as a Viewer, reads the deliveries, finds no way to edit, and the API refuses forced writes";

async function absent(page: Page, what: string, count: Promise<number>): Promise<void> {
  const n = await count;
  if (n !== 0) throw new Error(`a Viewer is offered ${what} (${n} on ${page.url()})`);
}

/**
 * Issue 6, journey 2: an Admin invites a Viewer, who reads the workspace's deliveries in the
 * grid, on a record page and on the board, and finds no control that changes anything; the
 * same writes forced through the API (supabase-js with the Viewer's session) are refused
 * by the database and change nothing.
 */
export async function viewerJourney(ctx: JourneyContext): Promise<void> {
  const { page, baseUrl, inbox, fixtures } = ctx;

  ctx.step("fixtures: an Admin, a workspace, the Delivery blueprint with its flow and 3 deliveries");
  const admin = await fixtures.createUser("viewer-admin");
  const adminApi = await fixtures.clientFor(admin);
  const tenant = await rpc<{ id: string; slug: string }>(adminApi, "create_tenant", { p_name: `Viewer ${fixtures.tag}` });
  const blueprint = await createDeliveryBlueprint(adminApi, tenant.id);
  const created = await rpc<{ entities: { id: string; version: number }[] }>(adminApi, "create_entities", {
    p_blueprint_id: blueprint.id,
    p_rows: ["Chairs", "Paper", "Laptops"].map((title, i) => ({ title, recipient: `r${i}@example.test` })),
  });
  const first = created.entities[0];
  if (!first) throw new Error("no delivery was created");

  ctx.step("the Admin invites a new address as Viewer");
  await fixtures.signIn(page, baseUrl, admin);
  await page.goto(`${baseUrl}/t/${tenant.slug}`);
  await openSection(page, "Members");
  const viewerEmail = `viewer-${fixtures.tag}@example.test`;
  const viewerPassword = `Viewer-${fixtures.tag}`;
  await inviteMember(page, viewerEmail, "Viewer");
  const link = invitationLink(await inbox.waitForMail(viewerEmail), baseUrl);
  await signOutFromMenu(page, admin.email);

  ctx.step("the Viewer accepts and opens the deliveries");
  await acceptInvitationAsNewUser(page, link, viewerPassword);
  await page.getByRole("navigation", { name: "Workspace" }).getByRole("link", { name: "Records", exact: true }).click();
  await heading(page, "Records");
  await page.getByRole("link", { name: "Open Delivery" }).click();
  await heading(page, "Delivery");
  const grid = page.getByRole("grid", { name: "Delivery records" });
  await grid.and(page.locator('[data-ready="true"]')).waitFor();
  const rows = grid.locator("[data-row-id]");
  if ((await rows.count()) !== 3) throw new Error(`the Viewer sees ${await rows.count()} deliveries, expected 3`);
  await absent(page, "“New record”", page.getByRole("link", { name: "New record" }).count());
  await absent(page, "row selection for bulk actions", grid.getByRole("checkbox").count());
  await rows.first().locator('[data-column="title"]').dblclick();
  await absent(page, "an inline editor", page.getByRole("group", { name: /^New value for / }).count());
  await ctx.checkpoint("viewer-grid");

  ctx.step("a record page offers no edit, delete or transition");
  await page.goto(`${baseUrl}/t/${tenant.slug}/records/${blueprint.key}/${first.id}`);
  await heading(page, "Chairs");
  await page.locator('dd[data-field="recipient"]').getByText("r0@example.test").waitFor();
  await absent(
    page,
    "“Edit”",
    page
      .getByRole("button", { name: "Edit" })
      .or(page.getByRole("link", { name: "Edit" }))
      .count(),
  );
  await absent(page, "“Move to trash”", page.getByRole("button", { name: "Move to trash" }).count());
  await absent(page, "a transition", page.getByRole("button", { name: "Delivery started" }).count());
  await ctx.checkpoint("viewer-record");

  ctx.step("the create form's address explains instead of offering a form");
  await page.goto(`${baseUrl}/t/${tenant.slug}/records/${blueprint.key}/new`);
  await page.getByRole("heading", { level: 1 }).first().waitFor();
  await absent(page, "“Create record”", page.getByRole("button", { name: "Create record" }).count());
  await ctx.checkpoint("viewer-new-refused");

  ctx.step("forced writes through the API are refused and change nothing");
  const viewerApi = await fixtures.clientFor({ email: viewerEmail, password: viewerPassword });
  await expectRefused(
    viewerApi,
    "create_entity",
    { p_blueprint_id: blueprint.id, p_data: { title: "Forged", recipient: "x@example.test" } },
    "FODEN",
  );
  await expectRefused(
    viewerApi,
    "update_entity",
    { p_entity_id: first.id, p_expected_version: first.version, p_changes: { title: "Forged" } },
    "FODEN",
  );
  await expectRefused(
    viewerApi,
    "transition_entity",
    { p_entity_id: first.id, p_transition: "start_delivery", p_expected_version: first.version },
    "FODEN",
  );
  await expectRefused(viewerApi, "delete_entity", { p_entity_id: first.id }, "FODEN");
  const { error: direct } = await viewerApi
    .from("entities")
    .update({ data: { title: "Forged" } })
    .eq("id", first.id);
  if (!direct) throw new Error("a direct table write by the Viewer was not refused");
  const after = await rpc<{ version: number; data: { title: string; status: string } }>(adminApi, "get_entity", {
    p_entity_id: first.id,
  });
  if (after.version !== first.version || after.data.title !== "Chairs" || after.data.status !== "NEW") {
    throw new Error(`the delivery changed: ${JSON.stringify(after)}`);
  }
}
