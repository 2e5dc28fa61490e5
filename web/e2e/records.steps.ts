import type { SupabaseClient } from "@supabase/supabase-js";
import type { Page } from "playwright-core";
import { heading, rpc } from "./steps.ts";

/**
 * Steps through the record screens (form, record page, transitions, board), for the records
 * journey and for longer journeys that pass through records (the lead's delivery journey).
 * Each step acts as a person would (labels, buttons) and waits for what the screen answers.
 */

/** A value to put into a field of the record form: text is typed, `{ option }` is chosen from a select. */
export type FieldEntry = string | { option: string };

/** The Delivery record type used by the records journeys: its fields and its flow. */
export const DELIVERY_FIELDS = [
  { key: "title", label: "Title", type: "text", required: true },
  { key: "recipient", label: "Recipient", type: "email", required: true },
  { key: "tracking_code", label: "Tracking code", type: "text", unique: true, pattern: "^TRK-[0-9]{4}$" },
  {
    key: "status",
    label: "Status",
    type: "status",
    required: true,
    default: { kind: "literal", value: "NEW" },
    options: [
      { value: "NEW", label: "New", color: "gray" },
      { value: "IN_DELIVERY", label: "In delivery", color: "blue" },
      { value: "DELIVERED", label: "Delivered", color: "green" },
    ],
  },
  { key: "started_at", label: "Started at", type: "datetime" },
  { key: "delivered_at", label: "Delivered at", type: "datetime" },
];

export const DELIVERY_FLOW = {
  state_field: "status",
  states: [{ key: "NEW" }, { key: "IN_DELIVERY" }, { key: "DELIVERED" }],
  transitions: [
    {
      key: "start_delivery",
      name: "Delivery started",
      from: ["NEW"],
      to: "IN_DELIVERY",
      updates: [{ field: "started_at", kind: "now" }],
    },
    {
      key: "deliver",
      name: "Delivered",
      from: ["IN_DELIVERY"],
      to: "DELIVERED",
      inputs: [{ key: "received_by", label: "Received by", type: "text", required: true }],
      updates: [{ field: "delivered_at", kind: "now" }],
    },
  ],
};

/** Creates the Delivery blueprint (key "deliveries") and its flow as an Admin, through the API. */
export async function createDeliveryBlueprint(api: SupabaseClient, tenantId: string): Promise<{ id: string; key: string }> {
  const blueprint = await rpc<{ id: string; key: string }>(api, "create_blueprint", {
    p_tenant_id: tenantId,
    p_name: "Delivery",
    p_key: "deliveries",
    p_fields: DELIVERY_FIELDS,
  });
  await rpc(api, "save_flow", { p_blueprint_id: blueprint.id, p_expected_version: 0, p_flow: DELIVERY_FLOW });
  return blueprint;
}

/** The value shown for a field on the record page (its `<dd>`), as text. */
export function fieldValue(page: Page, label: string) {
  return page
    .locator("dl > div")
    .filter({ has: page.getByText(label, { exact: true }) })
    .locator("dd")
    .first();
}

/** Fills the record form's fields by their labels. */
export async function fillRecordForm(page: Page, values: Record<string, FieldEntry>): Promise<void> {
  for (const [label, value] of Object.entries(values)) {
    const control = page.getByLabel(label, { exact: false }).first();
    if (typeof value === "string") await control.fill(value);
    else await control.selectOption({ label: value.option });
  }
}

/**
 * Opens /t/:slug/records/:blueprintKey/new, fills the form and creates the record; resolves
 * with the new record's id once its page shows `expectTitle` as its heading.
 */
export async function createRecordThroughForm(
  page: Page,
  options: { baseUrl: string; slug: string; blueprintKey: string; values: Record<string, FieldEntry>; expectTitle: string },
): Promise<string> {
  const formPath = `/t/${options.slug}/records/${options.blueprintKey}/new`;
  if (new URL(page.url()).pathname !== formPath) await page.goto(`${options.baseUrl}${formPath}`);
  await page.getByRole("button", { name: "Create record" }).waitFor();
  await fillRecordForm(page, options.values);
  await page.getByRole("button", { name: "Create record" }).click();
  await page.waitForURL(
    (url) => url.pathname.startsWith(`/t/${options.slug}/records/${options.blueprintKey}/`) && url.pathname !== formPath,
  );
  await heading(page, options.expectTitle);
  const id = new URL(page.url()).pathname.split("/").pop() ?? "";
  return id;
}

/**
 * Runs a transition from the record page by its button; with `inputs`, fills the dialog it
 * opens (fields by label) and runs it there. Resolves when the app confirms it ran.
 */
export async function runTransition(page: Page, name: string, inputs?: Record<string, FieldEntry>): Promise<void> {
  await page.getByRole("button", { name, exact: true }).click();
  if (inputs) {
    const dialog = page.getByRole("dialog", { name: `Run “${name}”` });
    await dialog.waitFor();
    for (const [label, value] of Object.entries(inputs)) {
      const control = dialog.getByLabel(label, { exact: false }).first();
      if (typeof value === "string") await control.fill(value);
      else await control.selectOption({ label: value.option });
    }
    await dialog.getByRole("button", { name: `Run “${name}”` }).click();
    await dialog.waitFor({ state: "hidden" });
  }
  await page.getByText(`“${name}” done.`).first().waitFor();
}

/** A column of the board by its state's label. */
export function boardColumn(page: Page, label: string) {
  return page.getByRole("region", { name: label, exact: true });
}

/**
 * Moves a card on the board with the keyboard (as a screen reader or keyboard user would):
 * focus its handle, Space to pick up, `steps` arrow presses (positive: right), Space to drop.
 */
export async function moveCardWithKeyboard(page: Page, title: string, steps: number): Promise<void> {
  const handle = page.getByRole("button", { name: `Move “${title}”` });
  await handle.focus();
  await page.keyboard.press("Space");
  // Each key waits for the board to settle (it asks the database which moves are allowed), so a busy machine keeps up.
  await page.waitForTimeout(400);
  for (let i = 0; i < Math.abs(steps); i += 1) {
    await page.keyboard.press(steps > 0 ? "ArrowRight" : "ArrowLeft");
    await page.waitForTimeout(400);
  }
  await page.keyboard.press("Space");
}
