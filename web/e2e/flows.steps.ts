import type { SupabaseClient } from "@supabase/supabase-js";
import type { Locator, Page } from "playwright-core";

/**
 * Steps of the flow designer that other journeys reuse (the lead's end-to-end delivery
 * journey builds the same flow): the "Delivery" blueprint through the API, opening the
 * designer from the sidebar, and building seed 003's delivery flow through the screens.
 */

/** The fields of the journeys' "Delivery" blueprint: a status field with one state, and what the flow stamps. */
export const DELIVERY_FIELDS = [
  { key: "cargo", label: "Cargo", type: "text", required: true },
  {
    key: "status",
    label: "Status",
    type: "status",
    options: [{ value: "NEW", label: "New", color: "gray" }],
    default: { kind: "literal", value: "NEW" },
  },
  { key: "started_at", label: "Started at", type: "datetime" },
  { key: "delivered_at", label: "Delivered at", type: "datetime" },
  { key: "recipient", label: "Recipient", type: "text" },
];

/** Creates the "Delivery" blueprint as `api`'s user (an Admin of the tenant). */
export async function createDeliveryBlueprint(api: SupabaseClient, tenantId: string, name = "Delivery"): Promise<{ id: string }> {
  const { data, error } = await api.rpc("create_blueprint", { p_tenant_id: tenantId, p_name: name, p_fields: DELIVERY_FIELDS });
  if (error) throw new Error(`create_blueprint failed: ${error.code} ${error.message}`);
  return data as { id: string };
}

/** The side panel (the editor of the selected state or transition). */
export function sidePanel(page: Page): Locator {
  return page.getByRole("complementary");
}

/** From the workspace: the sidebar's "Flows", then the blueprint's "Design flow". */
export async function openFlowDesigner(page: Page, blueprintName: string): Promise<void> {
  await page.getByRole("navigation", { name: "Workspace" }).getByRole("link", { name: "Flows" }).click();
  await page.getByRole("heading", { name: "Flows", level: 1 }).waitFor();
  await page.getByRole("link", { name: `Design flow: ${blueprintName}` }).click();
  await page.getByRole("heading", { name: `Flow of ${blueprintName}`, level: 1 }).waitFor();
}

/** "Add state", then its name typed into the side panel (the name field takes focus). */
export async function addState(page: Page, name: string): Promise<void> {
  await page.getByRole("button", { name: "Add state" }).click();
  const field = sidePanel(page).getByLabel("Name", { exact: true });
  await field.waitFor();
  await field.fill(name);
  await sidePanel(page)
    .getByRole("heading", { name: `State: ${name}` })
    .waitFor();
}

/** A state on the canvas, by its name. */
export function canvasState(page: Page, name: string): Locator {
  return page.locator(".react-flow__node").filter({ has: page.getByText(name, { exact: true }) });
}

/** Drags from a state's outgoing handle to another state's incoming handle: a new transition, selected. */
export async function connectOnCanvas(page: Page, from: string, to: string): Promise<void> {
  const source = canvasState(page, from).locator(".react-flow__handle.source");
  const target = canvasState(page, to).locator(".react-flow__handle.target");
  const start = await source.boundingBox();
  const end = await target.boundingBox();
  if (!start || !end) throw new Error(`the states ${from} and ${to} are not both on the canvas`);
  await page.mouse.move(start.x + start.width / 2, start.y + start.height / 2);
  await page.mouse.down();
  await page.mouse.move(end.x + end.width / 2, end.y + end.height / 2, { steps: 12 });
  await page.mouse.up();
  await sidePanel(page)
    .getByRole("heading", { name: `Transition: To ${to}` })
    .waitFor();
}

/** The transition being edited gets its name (its key follows). */
export async function nameTransition(page: Page, name: string): Promise<void> {
  await sidePanel(page).getByLabel("Name", { exact: true }).fill(name);
  await sidePanel(page)
    .getByRole("heading", { name: `Transition: ${name}` })
    .waitFor();
}

/** Adds an update to the transition being edited: the field and how it is set ("the current date and time", "an input"). */
export async function addUpdate(page: Page, field: string, kind: string, input?: string): Promise<void> {
  const panel = sidePanel(page);
  const count = await panel.getByRole("group", { name: /^Update \d+$/ }).count();
  await panel.getByRole("button", { name: "Add update" }).click();
  const row = panel.getByRole("group", { name: `Update ${count + 1}` });
  await row.getByLabel("Field", { exact: true }).selectOption({ label: field });
  await row.getByLabel("Set to").selectOption({ label: kind });
  if (input) await row.getByLabel("Input", { exact: true }).selectOption({ label: input });
}

/** Adds an input the person running the transition fills in (required by default). */
export async function addInput(page: Page, label: string): Promise<void> {
  const panel = sidePanel(page);
  const count = await panel.getByRole("group", { name: /^Input \d+$/ }).count();
  await panel.getByRole("button", { name: "Add input" }).click();
  const row = panel.getByRole("group", { name: `Input ${count + 1}` });
  await row.getByLabel("Label").fill(label);
}

/** "Save flow", then the confirmation toast. */
export async function saveFlow(page: Page): Promise<void> {
  await page.getByRole("button", { name: "Save flow" }).click();
  await page.getByText("Flow saved.").first().waitFor();
}

/**
 * Seed 003's delivery flow, built through the designer from a blueprint whose status field
 * holds "New": states "In delivery" and "Delivered"; "Delivery started" (New → In delivery,
 * stamps started_at) drawn on the canvas; "Delivered" (In delivery → Delivered, only once
 * started, stamps delivered_at, asks for the recipient's name and stores it) added from the
 * list view with the keyboard-friendly controls. Leaves the flow unsaved.
 * `checkpoint` is called at the screens worth a picture.
 */
export async function buildDeliveryFlow(page: Page, checkpoint: (name: string) => Promise<void> = async () => {}): Promise<void> {
  await addState(page, "In delivery");
  await addState(page, "Delivered");
  await canvasState(page, "Delivered").waitFor();

  await connectOnCanvas(page, "New", "In delivery");
  await nameTransition(page, "Delivery started");
  await addUpdate(page, "Started at", "the current date and time");
  await checkpoint("transition-on-canvas");

  await page.getByRole("tab", { name: "List" }).click();
  await page.getByRole("button", { name: "Add transition" }).click();
  await nameTransition(page, "Delivered");
  const panel = sidePanel(page);
  const from = panel.getByRole("group", { name: "From" });
  await from.getByRole("checkbox", { name: "In delivery" }).click();
  await from.getByRole("checkbox", { name: "New" }).click();
  await panel.getByLabel("To", { exact: true }).selectOption({ label: "Delivered" });

  await panel.getByRole("button", { name: "Add condition" }).click();
  await panel.getByLabel("Field of condition 1").selectOption({ label: "Started at" });
  await panel.getByLabel("Comparison of condition 1").selectOption({ label: "is not empty" });

  await addInput(page, "Recipient name");
  await addUpdate(page, "Delivered at", "the current date and time");
  await addUpdate(page, "Recipient", "an input", "Recipient name");
  await checkpoint("transition-in-list");
}
