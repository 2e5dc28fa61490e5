import type { Page } from "playwright-core";
import {
  buildDeliveryFlow,
  canvasState,
  createDeliveryBlueprint,
  nameTransition,
  openFlowDesigner,
  saveFlow,
  sidePanel,
} from "./flows.steps.ts";
import type { JourneyContext } from "./harness.ts";
import { addMember } from "./members.steps.ts";
import { expectEqual, refused, rpc } from "./steps.ts";

/** Title of the journey, for runners and reports. */
export const title = "flows: design the delivery flow, save, reload, conflicts, run it through the API";

type Entity = { id: string; version: number; data: Record<string, unknown> };
type Available = {
  state: string;
  transitions: { key: string; available: boolean; reason: string | null; guard: string | null }[];
};

function expectRecent(value: unknown, what: string): void {
  const time = typeof value === "string" ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(time) || Math.abs(Date.now() - time) > 5 * 60_000) {
    throw new Error(`${what}: expected a date-time of now, got ${JSON.stringify(value)}`);
  }
}

async function noSidewaysScroll(page: Page, what: string): Promise<void> {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  if (overflow > 0) throw new Error(`${what} scrolls sideways by ${overflow}px`);
}

/**
 * An Admin designs seed 003's delivery flow for a "Delivery" blueprint through the
 * designer (canvas and list view), is stopped by a mistake at the control that has it,
 * saves, finds it after a reload, is warned before leaving unsaved work and before
 * overwriting a newer save; then, through the API, a new delivery runs both transitions
 * and gets its dates and recipient stamped.
 */
export async function flowsJourney(ctx: JourneyContext): Promise<void> {
  const { page, baseUrl, fixtures } = ctx;
  const admin = await fixtures.createUser("flows-admin");
  const api = await fixtures.clientFor(admin);
  const slug = `flows-${fixtures.tag}`;
  const tenant = await rpc<{ id: string }>(api, "create_tenant", {
    p_name: `Couriers ${fixtures.tag}`,
    p_slug: slug,
    p_timezone: "Europe/Berlin",
    p_language: "en",
  });
  const blueprint = await createDeliveryBlueprint(api, tenant.id);

  ctx.step("the Admin finds the Delivery blueprint under Flows");
  await fixtures.signIn(page, baseUrl, admin);
  await page.waitForURL((url) => url.pathname === `/t/${slug}`);
  await page.getByRole("navigation", { name: "Workspace" }).getByRole("link", { name: "Flows" }).click();
  await page.getByRole("heading", { name: "Flows", level: 1 }).waitFor();
  const row = page.getByRole("row").filter({ hasText: "Delivery" });
  await row.getByText("Not saved yet").waitFor();
  await ctx.checkpoint("flows-list");

  ctx.step("the designer shows the one state the status field has");
  await page.goto(`${baseUrl}/t/${slug}`);
  await openFlowDesigner(page, "Delivery");
  await canvasState(page, "New").waitFor();
  await page.getByText("Drives the field “Status”").waitFor();
  await ctx.checkpoint("designer-new");

  ctx.step("states, a transition drawn on the canvas and one added from the list");
  await buildDeliveryFlow(page, (name) => ctx.checkpoint(name));

  ctx.step("a mistake is shown at the control that has it, and saving waits for it");
  const panel = sidePanel(page);
  await panel.getByLabel("Name", { exact: true }).fill("");
  await page.getByRole("button", { name: "Save flow" }).click();
  await page.getByText("Fix 1 problem before saving").waitFor();
  const nameField = panel.getByLabel("Name", { exact: true });
  await panel.getByText("Enter a name of 1 to 100 characters.").waitFor();
  if ((await nameField.getAttribute("aria-invalid")) !== "true") throw new Error("the empty name is not marked invalid");
  await ctx.checkpoint("validation");
  await nameTransition(page, "Delivered");

  ctx.step("saving stores the states on the status field and the flow");
  await saveFlow(page);
  await page.getByText("The states are saved as the options of “Status” in blueprint version 2").waitFor();
  await ctx.checkpoint("saved");

  ctx.step("after a reload the flow is there, in the list view too");
  await page.reload();
  await page.getByRole("heading", { name: "Flow of Delivery", level: 1 }).waitFor();
  for (const name of ["New", "In delivery", "Delivered"]) await canvasState(page, name).waitFor();
  if (!(await page.getByRole("button", { name: "Save flow" }).isDisabled()))
    throw new Error("a freshly loaded flow offers to save");
  await page.getByRole("tab", { name: "List" }).click();
  const transitions = page.getByRole("table", { name: "Transitions" });
  const started = transitions.getByRole("row").filter({ hasText: "Delivery started" });
  await started.getByText("Started at = now").waitFor();
  const delivered = transitions.getByRole("row").filter({ has: page.getByText("delivered", { exact: true }) });
  await delivered.getByText("Delivered at = now").waitFor();
  await delivered.getByText("Recipient = input “Recipient name”").waitFor();
  await delivered.getByText("asks for 1 input").waitFor();
  await delivered.getByText(/only when/).waitFor();
  const states = page.getByRole("table", { name: "States" });
  await states.getByRole("row").filter({ hasText: "IN_DELIVERY" }).waitFor();
  await ctx.checkpoint("list-view");

  ctx.step("the keyboard path: Edit in the list moves focus into the side panel");
  await page.getByRole("button", { name: "Edit transition Delivery started" }).press("Enter");
  await panel.getByRole("heading", { name: "Transition: Delivery started" }).waitFor();
  const focused = await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.value ?? "");
  if (focused !== "Delivery started") throw new Error(`focus did not land on the name field (it holds "${focused}")`);

  ctx.step("leaving with unsaved changes asks first");
  await page.keyboard.press("End");
  await page.keyboard.type(" now");
  await page.getByText("Unsaved changes").waitFor();
  await page.getByRole("navigation", { name: "Workspace" }).getByRole("link", { name: "Overview" }).click();
  const leave = page.getByRole("alertdialog", { name: "Leave without saving?" });
  await leave.waitFor();
  await ctx.checkpoint("leave-warning");
  await leave.getByRole("button", { name: "Stay" }).click();
  await page.getByRole("heading", { name: "Flow of Delivery", level: 1 }).waitFor();

  ctx.step("a newer save by someone else is not overwritten: the designer offers to reload");
  const { data: saved } = await api
    .from("flows")
    .select("version, state_field, states, transitions")
    .eq("blueprint_id", blueprint.id)
    .single();
  if (!saved) throw new Error("the flow was not saved");
  await rpc(api, "save_flow", {
    p_blueprint_id: blueprint.id,
    p_expected_version: saved.version,
    p_flow: { state_field: saved.state_field, states: saved.states, transitions: saved.transitions },
  });
  ctx.expectConsoleError(/status of 409/);
  await page.getByRole("button", { name: "Save flow" }).click();
  const stale = page.getByRole("alertdialog", { name: "Someone else saved this flow" });
  await stale.waitFor();
  await ctx.checkpoint("stale");
  await stale.getByRole("button", { name: "Reload the flow" }).click();
  await stale.waitFor({ state: "hidden" });
  await page.getByText("Unsaved changes").waitFor({ state: "hidden" });
  await page.getByRole("tab", { name: "List" }).click();
  await page.getByRole("table", { name: "Transitions" }).getByText("Delivery started", { exact: true }).waitFor();

  ctx.step("through the API, a new delivery runs both transitions");
  const entity = await rpc<Entity>(api, "create_entity", { p_blueprint_id: blueprint.id, p_data: { cargo: "Office chairs" } });
  expectEqual(entity.data.status, "NEW", "a new delivery's state");
  const before = await rpc<Available>(api, "entity_transitions", { p_entity_id: entity.id });
  expectEqual(
    before.transitions.map((t) => [t.key, t.available, t.reason]),
    [
      ["delivery_started", true, null],
      ["delivered", false, "from_state"],
    ],
    "what a new delivery can run",
  );
  const inDelivery = await rpc<Entity>(api, "transition_entity", {
    p_entity_id: entity.id,
    p_transition: "delivery_started",
    p_expected_version: entity.version,
  });
  expectEqual(inDelivery.data.status, "IN_DELIVERY", "the state after Delivery started");
  expectRecent(inDelivery.data.started_at, "started_at after Delivery started");
  const missing = await refused(api, "transition_entity", {
    p_entity_id: entity.id,
    p_transition: "delivered",
    p_expected_version: inDelivery.version,
  });
  expectEqual(missing.code, "FOVAL", "Delivered without the recipient's name");
  if (!String(missing.details).includes("input.recipient_name")) {
    throw new Error(`the refusal does not name the input: ${missing.details}`);
  }
  const done = await rpc<Entity>(api, "transition_entity", {
    p_entity_id: entity.id,
    p_transition: "delivered",
    p_input: { recipient_name: "Ada Lovelace" },
    p_expected_version: inDelivery.version,
  });
  expectEqual([done.data.status, done.data.recipient], ["DELIVERED", "Ada Lovelace"], "the delivered delivery");
  expectRecent(done.data.delivered_at, "delivered_at after Delivered");

  ctx.step("the canvas follows the dark theme");
  await page.getByRole("tab", { name: "Canvas" }).click();
  await page.getByRole("button", { name: "Appearance and language" }).click();
  await page.getByRole("menuitemradio", { name: "Dark" }).click();
  await page.waitForFunction(() => document.documentElement.classList.contains("dark"));
  await canvasState(page, "Delivered").click();
  await sidePanel(page).getByRole("heading", { name: "State: Delivered" }).waitFor();
  await ctx.checkpoint("designer-dark");

  ctx.step("deleting a state from the canvas says what goes with it, including the records in it");
  await page.keyboard.press("Delete");
  const remove = page.getByRole("alertdialog", { name: "Delete the state “Delivered”?" });
  await remove.getByText("1 transition that leads into it or only starts from it is deleted with it.").waitFor();
  await remove.getByText("1 record is in this state now.", { exact: false }).waitFor();
  await ctx.checkpoint("delete-state");
  await remove.getByRole("button", { name: "Cancel" }).click();
  await canvasState(page, "Delivered").waitFor();
  if (await page.getByText("Unsaved changes").isVisible()) throw new Error("cancelling the deletion changed the flow");
  await page.getByRole("button", { name: "Appearance and language" }).click();
  await page.getByRole("menuitemradio", { name: "Light" }).click();

  ctx.step("the designer fits a tablet in portrait");
  await page.setViewportSize({ width: 768, height: 1024 });
  await canvasState(page, "Delivered").waitFor();
  await noSidewaysScroll(page, "the flow designer at 768px");
  await ctx.checkpoint("designer-tablet");

  ctx.step("a Viewer is not offered the designer, and the database refuses their save");
  await page.setViewportSize({ width: 1280, height: 800 });
  const viewer = await fixtures.createUser("flows-viewer");
  const viewerApi = await addMember(ctx, api, tenant.id, viewer, "viewer");
  const { data: current } = await api
    .from("flows")
    .select("version, state_field, states, transitions")
    .eq("blueprint_id", blueprint.id)
    .single();
  if (!current) throw new Error("the flow is gone");
  const forced = await refused(viewerApi, "save_flow", {
    p_blueprint_id: blueprint.id,
    p_expected_version: current.version,
    p_flow: { state_field: current.state_field, states: current.states, transitions: [] },
  });
  expectEqual(forced.code, "FODEN", "save_flow by a Viewer");
  await page.getByRole("button", { name: `Account menu for ${admin.email}` }).click();
  await page.getByRole("menuitem", { name: "Sign out" }).click();
  await page.waitForURL((url) => url.pathname === "/sign-in");
  await fixtures.signIn(page, baseUrl, viewer);
  await page.goto(`${baseUrl}/t/${slug}`);
  const viewerNav = page.getByRole("navigation", { name: "Workspace" });
  await viewerNav.getByRole("link", { name: "Overview" }).waitFor();
  if ((await viewerNav.getByRole("link", { name: "Flows" }).count()) > 0) throw new Error("a Viewer is offered Flows");
  await page.goto(`${baseUrl}/t/${slug}/flows/${blueprint.id}`);
  await page.getByText("You can't design flows here").waitFor();
  await ctx.checkpoint("viewer-refused");
}
