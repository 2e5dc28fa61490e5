import type { Locator, Page } from "playwright-core";
import { heading } from "./steps.ts";

/**
 * Steps through the blueprint designer, versions and migration wizard, for the blueprints
 * journey and for longer journeys that build their record types on screen (the lead's
 * delivery journey). Each step acts as a person would (labels, buttons) and waits for what
 * the screen answers.
 */

/** The field types by the names the designer shows (English). */
export const TYPE_NAMES = {
  text: "Text",
  long_text: "Long text",
  number: "Number",
  integer: "Whole number",
  boolean: "Yes / no",
  date: "Date",
  datetime: "Date and time",
  single_select: "Single choice",
  multi_select: "Multiple choice",
  email: "Email",
  url: "Web address",
  phone: "Phone",
  currency: "Money",
  reference: "Reference",
  member: "Member",
  json: "JSON",
  status: "Status",
} as const;

export type DesignerFieldType = keyof typeof TYPE_NAMES;

/** One option of a select or status field: its label (the stored value follows it unless given). */
export type DesignerOption = { label: string; value?: string; color?: string };

export type DesignerFieldSpec = {
  label: string;
  type: DesignerFieldType;
  /** The key, when it should differ from the one suggested from the label. */
  key?: string;
  required?: boolean;
  options?: DesignerOption[];
  /** The label of the option a new entity starts with (select and status fields). */
  defaultOption?: string;
  /** Date and date-time fields: a new entity starts with the current time. */
  defaultNow?: boolean;
};

export type DesignerBlueprintSpec = {
  name: string;
  /** The blueprint key, when it should differ from the one suggested from the name. */
  key?: string;
  description?: string;
  /** The icon's name in the picker, e.g. "Truck". */
  icon?: string;
  fields: DesignerFieldSpec[];
};

/** The editor of the field that is open (one at a time). */
export function openFieldPanel(page: Page): Locator {
  return page.locator("section[id^='field-panel-']");
}

/** The row of a field in the designer's list, by its label. */
export function fieldRow(page: Page, label: string): Locator {
  return page
    .getByRole("list", { name: "Fields" })
    .getByRole("listitem")
    .filter({ has: page.getByRole("button", { name: new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\b`) }) })
    .first();
}

/** Opens a field's editor (if it is not open yet) and returns it. */
export async function openField(page: Page, label: string): Promise<Locator> {
  const toggle = fieldRow(page, label).locator("button[aria-expanded]");
  if ((await toggle.getAttribute("aria-expanded")) !== "true") await toggle.click();
  const panel = openFieldPanel(page);
  await panel.waitFor();
  return panel;
}

/** Fills the options of the open select or status field. */
async function fillOptions(panel: Locator, field: DesignerFieldSpec): Promise<void> {
  const options = field.options ?? [];
  for (const [index, option] of options.entries()) {
    const n = index + 1;
    const label = panel.getByLabel(`Label of option ${n} of ${field.label}`, { exact: true });
    if ((await label.count()) === 0) {
      await panel.getByRole("button", { name: "Add option" }).click();
    }
    await label.fill(option.label);
    if (option.value !== undefined)
      await panel.getByLabel(`Stored value of option ${n} of ${field.label}`, { exact: true }).fill(option.value);
    if (option.color)
      await panel.getByLabel(`Colour of option ${n} of ${field.label}`, { exact: true }).selectOption({ label: option.color });
  }
}

/** Adds a field through "Add field" and fills its editor. */
export async function addFieldThroughDesigner(page: Page, field: DesignerFieldSpec): Promise<void> {
  await page.getByRole("button", { name: "Add field" }).click();
  await page
    .getByRole("menuitem")
    .filter({ has: page.getByText(TYPE_NAMES[field.type], { exact: true }) })
    .click();
  const panel = openFieldPanel(page);
  const label = panel.getByLabel("Label", { exact: true });
  await label.waitFor();
  await label.fill(field.label);
  if (field.key) await panel.getByLabel("Key", { exact: true }).fill(field.key);
  if (field.required) await panel.getByRole("checkbox", { name: "Required" }).click();
  if (field.options) await fillOptions(panel, field);
  if (field.defaultOption) await panel.getByLabel("Default", { exact: true }).selectOption({ label: field.defaultOption });
  if (field.defaultNow) await panel.getByLabel("Default", { exact: true }).selectOption({ label: "The current date and time" });
}

/**
 * Creates a blueprint on screen: from the Blueprints list ("New blueprint"), its details,
 * each field through "Add field", then "Create blueprint". Resolves with the new blueprint's
 * id once its designer shows it. `beforeCreate` runs with everything filled in (e.g. a
 * checkpoint of the designer and its preview).
 */
export async function createBlueprintThroughDesigner(
  page: Page,
  spec: DesignerBlueprintSpec,
  options: { beforeCreate?: () => Promise<void> } = {},
): Promise<{ id: string }> {
  await page.getByRole("link", { name: "New blueprint" }).first().click();
  await heading(page, "New blueprint");
  await page.getByLabel("Name", { exact: true }).fill(spec.name);
  if (spec.key) await page.getByRole("region", { name: "Details" }).getByLabel("Key", { exact: true }).fill(spec.key);
  if (spec.description) await page.getByLabel("Description", { exact: true }).fill(spec.description);
  if (spec.icon) await page.getByLabel("Icon", { exact: true }).selectOption({ label: spec.icon });
  for (const field of spec.fields) await addFieldThroughDesigner(page, field);
  await options.beforeCreate?.();
  await page.getByRole("button", { name: "Create blueprint" }).click();
  await page.waitForURL((url) => /\/blueprints\/[0-9a-f-]{36}$/.test(url.pathname));
  await heading(page, spec.name);
  return { id: new URL(page.url()).pathname.split("/").pop() ?? "" };
}

/** Saves the designer and waits for the new version's confirmation. */
export async function saveBlueprint(page: Page, expectVersion: number): Promise<void> {
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await page.getByText(`Saved as version ${expectVersion}.`).first().waitFor();
  await page.getByText(`Version ${expectVersion} · key`).waitFor();
}

/**
 * From the migration wizard: checks what migrating to the chosen version would do (or, with
 * `alreadyStarted`, waits for the check under way) and resolves with the numbers it shows.
 */
export async function checkMigration(
  page: Page,
  options: { alreadyStarted?: boolean } = {},
): Promise<{ total: number; wouldMigrate: number; wouldFail: number }> {
  if (!options.alreadyStarted) await page.getByRole("button", { name: /^Check (what would happen|again)$/ }).click();
  const step = page.getByRole("region", { name: "2. Check" });
  // More than 500 entities run as a background job: the worker picks it up within a minute.
  await step.getByText("Would migrate").waitFor({ timeout: 150_000 });
  const number = async (label: string) =>
    Number(
      await step
        .locator("dl > div")
        .filter({ has: page.getByText(label, { exact: true }) })
        .locator("dd")
        .innerText(),
    );
  return {
    total: await number("Entities to migrate"),
    wouldMigrate: await number("Would migrate"),
    wouldFail: await number("Would fail"),
  };
}

/** Runs the migration after a check and resolves once step 3 shows the outcome. */
export async function runMigration(page: Page): Promise<{ migrated: number; failed: number }> {
  await page
    .getByRole("region", { name: "2. Check" })
    .getByRole("button", { name: /^Migrate / })
    .click();
  const step = page.getByRole("region", { name: "3. Migrate" });
  await step.getByRole("link", { name: "Open records" }).waitFor({ timeout: 150_000 });
  const number = async (label: string) =>
    Number(
      await step
        .locator("dl > div")
        .filter({ has: page.getByText(label, { exact: true }) })
        .locator("dd")
        .innerText(),
    );
  return { migrated: await number("Migrated"), failed: await number("Failed") };
}
