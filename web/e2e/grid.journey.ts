import type { Locator, Page } from "playwright-core";
import type { JourneyContext } from "./harness.ts";
import { addMember } from "./members.steps.ts";
import { expect, rpc } from "./steps.ts";

/** Title of the journey, for runners and reports. */
export const title = "grid: 300 records, sort, filter, search, columns, saved view, inline edit, bulk delete, live change";

type Entity = { id: string; version: number; data: Record<string, unknown> };

const STATUSES = ["OPEN", "PACKED", "SHIPPED"] as const;
const CITIES = ["Berlin", "Hamburg", "Munich", "Cologne"] as const;

const SHIPMENT_FIELDS = [
  { key: "title", label: "Title", type: "text", required: true },
  {
    key: "status",
    label: "Status",
    type: "single_select",
    options: [
      { value: "OPEN", label: "Open", color: "gray" },
      { value: "PACKED", label: "Packed", color: "blue" },
      { value: "SHIPPED", label: "Shipped", color: "green" },
    ],
  },
  { key: "weight", label: "Weight", type: "number", scale: 1 },
  {
    key: "destination",
    label: "Destination",
    type: "single_select",
    options: CITIES.map((city) => ({ value: city, label: city })),
  },
  { key: "notes", label: "Notes", type: "long_text" },
];

/** The 300 shipments, numbered from 1: fixed values, so what each screen must show can be worked out here. */
function shipment(n: number) {
  return {
    title: `Shipment ${String(n).padStart(3, "0")}`,
    status: STATUSES[n % 3] ?? "OPEN",
    weight: ((n * 37) % 400) + 0.5,
    destination: CITIES[n % 4] ?? "Berlin",
    ...(n % 50 === 0 ? { notes: "Urgent: fragile handling" } : {}),
  };
}
type Shipment = ReturnType<typeof shipment>;

function grid(page: Page): Locator {
  return page.getByRole("grid", { name: "Shipments records" });
}

/** The data rows on screen, in order. */
function dataRows(page: Page): Locator {
  return grid(page).locator("[data-row-id]");
}

/** The text of one cell of a row (by column key). */
async function cellText(row: Locator, column: string): Promise<string> {
  return ((await row.locator(`[data-column="${column}"]`).textContent()) ?? "").trim();
}

async function waitForCount(page: Page, text: string): Promise<void> {
  await page
    .getByTestId("grid-count")
    .filter({ hasText: new RegExp(`^${text}$`) })
    .waitFor();
  // With nothing to show, the empty state takes the grid's place.
  if (text === "0 records") await page.getByText("No records match").waitFor();
  else await grid(page).and(page.locator('[data-ready="true"]')).waitFor();
}

async function firstTitles(page: Page, n: number): Promise<string[]> {
  const rows = dataRows(page);
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(await cellText(rows.nth(i), "title"));
  return out;
}

/**
 * An Admin works with 300 shipments in the grid: sorts by two columns (Shift-click), filters
 * with the builder, searches, hides and widens columns, saves the result as a view and opens
 * it again (also from its address), edits cells in place (and meets a change someone made
 * meanwhile), deletes two rows at once, and sees an Editor's change arrive live. The data and
 * the Editor's changes come through the API.
 */
export async function gridJourney(ctx: JourneyContext): Promise<void> {
  const { page, baseUrl, fixtures } = ctx;

  ctx.step("fixtures: an Admin, a workspace, Shipments with 300 records, an Editor");
  const admin = await fixtures.createUser("grid-admin");
  const api = await fixtures.clientFor(admin);
  const slug = `grid-${fixtures.tag}`;
  const tenant = await rpc<{ id: string }>(api, "create_tenant", {
    p_name: `Grid ${fixtures.tag}`,
    p_slug: slug,
    p_timezone: "Europe/Berlin",
    p_language: "en",
  });
  const blueprint = await rpc<{ id: string; key: string }>(api, "create_blueprint", {
    p_tenant_id: tenant.id,
    p_name: "Shipments",
    p_key: "shipments",
    p_fields: SHIPMENT_FIELDS,
  });
  const all: Shipment[] = Array.from({ length: 300 }, (_, i) => shipment(i + 1));
  for (let start = 0; start < all.length; start += 100) {
    await rpc(api, "create_entities", { p_blueprint_id: blueprint.id, p_rows: all.slice(start, start + 100) });
  }
  const editor = await fixtures.createUser("grid-editor");
  const editorApi = await addMember(ctx, api, tenant.id, editor, "editor");
  const byTitle = async (titleText: string) =>
    (
      await rpc<{ entities: Entity[] }>(editorApi, "query_entities", {
        p_blueprint_id: blueprint.id,
        p_filter: { field: "title", op: "eq", value: titleText },
      })
    ).entities[0] as Entity;

  ctx.step("the Admin opens Records, then the Shipments grid");
  await fixtures.signIn(page, baseUrl, admin);
  await page.goto(`${baseUrl}/t/${slug}`);
  await page.getByRole("navigation", { name: "Workspace" }).getByRole("link", { name: "Records" }).click();
  await page.getByRole("heading", { name: "Records", level: 1 }).waitFor();
  await ctx.checkpoint("records-index");
  await page.getByRole("link", { name: "Open Shipments" }).click();
  await page.getByRole("heading", { name: "Shipments", level: 1 }).waitFor();
  await waitForCount(page, "300 records");
  await page.getByText("Live", { exact: true }).waitFor();
  await ctx.checkpoint("grid");

  ctx.step("scrolling to the end loads every page of the virtualized grid");
  expect((await dataRows(page).count()) < 80, "only the rows in view are in the page");
  for (let i = 0; i < 12 && !(await page.getByText("Showing all 300 records").isVisible()); i++) {
    await grid(page).evaluate((element) => element.scrollBy(0, element.scrollHeight));
    await page.waitForTimeout(250);
  }
  await page.getByText("Showing all 300 records").waitFor();
  await grid(page).evaluate((element) => element.scrollTo(0, 0));

  ctx.step("sorts by status, then by weight descending (Shift-click adds the second key)");
  await grid(page)
    .getByRole("button", { name: /^Status/ })
    .click();
  await grid(page)
    .getByRole("button", { name: /^Weight/ })
    .click({ modifiers: ["Shift"] });
  await grid(page)
    .getByRole("button", { name: /^Weight/ })
    .click({ modifiers: ["Shift"] });
  await grid(page)
    .getByRole("columnheader", { name: /Status/ })
    .and(page.locator('[aria-sort="ascending"]'))
    .waitFor();
  await page.getByRole("button", { name: "Sort · 2" }).waitFor();
  const sorted = [...all].sort((a, b) => (a.status === b.status ? b.weight - a.weight : a.status < b.status ? -1 : 1));
  await grid(page).and(page.locator('[data-ready="true"]')).waitFor();
  await dataRows(page)
    .first()
    .locator('[data-column="title"]')
    .filter({ hasText: sorted[0]?.title ?? "" })
    .waitFor();
  const shown = await firstTitles(page, 3);
  expect(
    JSON.stringify(shown) === JSON.stringify(sorted.slice(0, 3).map((s) => s.title)),
    `sorted by status then weight desc: got ${shown.join(", ")}`,
  );
  await ctx.checkpoint("sorted");

  ctx.step("filters with the shared builder: destination is Berlin");
  await page.getByRole("button", { name: "Filter", exact: true }).click();
  const panel = page.getByRole("dialog");
  await panel.getByRole("button", { name: "Add condition" }).click();
  await panel.getByLabel("Field of condition 1").selectOption({ label: "Destination" });
  await panel.getByLabel("Comparison of condition 1").selectOption({ label: "is" });
  await panel.getByLabel("Value of condition 1").selectOption({ label: "Berlin" });
  await waitForCount(page, "75 records");
  await ctx.checkpoint("filter-builder");
  await page.keyboard.press("Escape");
  await page.getByText("Filtered by: Destination is Berlin").waitFor();

  ctx.step("searches the filtered records for “urgent”");
  await page.getByRole("searchbox", { name: "Search records" }).fill("urgent");
  const urgentBerlin = all.filter((s) => s.destination === "Berlin" && s.notes);
  await waitForCount(page, `${urgentBerlin.length} records`);
  expect(urgentBerlin.length === 3, "the fixture has three urgent shipments to Berlin");
  await ctx.checkpoint("searched");

  ctx.step("hides Notes and widens Title (by dragging, then with Alt+Right)");
  await page.getByRole("button", { name: "Columns", exact: true }).click();
  await page.getByRole("checkbox", { name: "Show Notes" }).click();
  await page.keyboard.press("Escape");
  await grid(page).getByRole("columnheader", { name: "Notes" }).waitFor({ state: "detached" });
  const titleHeader = grid(page).getByRole("columnheader", { name: /^Title/ });
  const before = (await titleHeader.boundingBox())?.width ?? 0;
  const box = await titleHeader.boundingBox();
  if (!box) throw new Error("the Title header is not on screen");
  await page.mouse.move(box.x + box.width - 1, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width + 60, box.y + box.height / 2, { steps: 6 });
  await page.mouse.up();
  await grid(page)
    .getByRole("button", { name: /^Title/ })
    .press("Alt+ArrowRight");
  const widened = (await titleHeader.boundingBox())?.width ?? 0;
  expect(widened >= before + 60, `Title is wider (${before} → ${widened})`);
  await page.getByRole("button", { name: "Columns · 1 hidden" }).waitFor();
  await page.getByText("Unsaved changes").waitFor();
  await ctx.checkpoint("columns");

  ctx.step("saves it as a shared view, switches away and opens it again");
  await page.getByRole("button", { name: "Save view" }).click();
  const dialog = page.getByRole("dialog", { name: "Save as a new view" });
  await dialog.getByLabel("Name").fill("Urgent to Berlin");
  await dialog.getByRole("checkbox", { name: "Share with everyone who can read these records" }).click();
  await ctx.checkpoint("save-view-dialog");
  await dialog.getByRole("button", { name: "Save view" }).click();
  await page.getByText("View “Urgent to Berlin” saved.").first().waitFor();
  await page.waitForURL((url) => url.searchParams.has("view"));
  const viewUrl = page.url();
  await page.getByRole("button", { name: "Saved view, current: Urgent to Berlin" }).click();
  await page.getByRole("menuitemradio", { name: "All records" }).click();
  await waitForCount(page, "300 records");
  await grid(page).getByRole("columnheader", { name: "Notes" }).waitFor();
  await page.getByRole("button", { name: "Saved view, current: All records" }).click();
  await page.getByRole("menuitemradio", { name: /Urgent to Berlin/ }).click();
  await waitForCount(page, "3 records");
  await grid(page).getByRole("columnheader", { name: "Notes" }).waitFor({ state: "detached" });
  const reopened = (await titleHeader.boundingBox())?.width ?? 0;
  expect(Math.abs(reopened - widened) <= 1, `the view keeps the Title width (${widened} → ${reopened})`);
  await page.goto(viewUrl);
  await waitForCount(page, "3 records");
  expect(
    (await page.getByRole("searchbox", { name: "Search records" }).inputValue()) === "urgent",
    "the address reopens the view with its search",
  );
  const { data: views } = await editorApi.from("saved_views").select("name, shared");
  expect(
    JSON.stringify(views) === JSON.stringify([{ name: "Urgent to Berlin", shared: true }]),
    "the Editor sees the shared view",
  );
  await ctx.checkpoint("saved-view");

  ctx.step("edits a weight in place (double-click, type, Enter)");
  const firstRow = dataRows(page).first();
  const firstTitle = await cellText(firstRow, "title");
  await firstRow.locator('[data-column="weight"]').dblclick();
  const weightEditor = page.getByRole("group", { name: "New value for Weight" });
  await weightEditor.getByLabel("Weight").fill("123.4");
  await ctx.checkpoint("inline-editor");
  await weightEditor.getByLabel("Weight").press("Enter");
  await weightEditor.waitFor({ state: "detached" });
  await firstRow.locator('[data-column="weight"]').filter({ hasText: "123.4" }).waitFor();
  expect((await byTitle(firstTitle)).data.weight === 123.4, "the database has the new weight");

  ctx.step("keyboard: arrows move between cells, Enter edits, Escape cancels");
  await firstRow.locator('[data-column="weight"]').click();
  await page.keyboard.press("ArrowLeft");
  await page.keyboard.press("ArrowLeft");
  const focused = await page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.column ?? "");
  expect(focused === "title", `ArrowLeft reaches the Title cell (focus on ${focused})`);
  await page.keyboard.press("Enter");
  const titleEditor = page.getByRole("group", { name: "New value for Title" });
  await titleEditor.getByLabel("Title").fill("Not saved");
  await page.keyboard.press("Escape");
  await titleEditor.waitFor({ state: "detached" });
  expect((await cellText(firstRow, "title")) === firstTitle, "Escape keeps the old title");

  ctx.step("an edit based on an older version is refused, and the grid shows the newer one");
  await firstRow.locator('[data-column="title"]').dblclick();
  await titleEditor.getByLabel("Title").fill(`${firstTitle} (Admin)`);
  const current = await byTitle(firstTitle);
  await rpc(editorApi, "update_entity", {
    p_entity_id: current.id,
    p_expected_version: current.version,
    p_changes: { title: `${firstTitle} (Editor)` },
  });
  await firstRow
    .locator('[data-column="title"]')
    .filter({ hasText: `${firstTitle} (Editor)` })
    .waitFor();
  ctx.expectConsoleError(/409/);
  await titleEditor.getByLabel("Title").press("Enter");
  await page.getByText("Someone else changed this record meanwhile.", { exact: false }).first().waitFor();
  expect((await cellText(firstRow, "title")) === `${firstTitle} (Editor)`, "the Editor's title stays");
  await ctx.checkpoint("stale-edit");

  ctx.step("selects two rows, sets their status at once, then deletes them in one go");
  const rows = dataRows(page);
  const doomed = [await cellText(rows.nth(0), "title"), await cellText(rows.nth(1), "title")];
  await rows.nth(0).getByRole("checkbox").click();
  await rows
    .nth(1)
    .getByRole("checkbox", { name: `Select ${doomed[1]}` })
    .click();
  await page.getByText("2 records selected").waitFor();
  await page.getByRole("button", { name: "Edit a field…" }).click();
  const bulkEdit = page.getByRole("dialog", { name: "Edit 2 records" });
  await bulkEdit.getByLabel("Field").selectOption({ label: "Status" });
  await bulkEdit.getByLabel("New value").selectOption({ label: "Packed" });
  await ctx.checkpoint("bulk-edit");
  await bulkEdit.getByRole("button", { name: "Apply" }).click();
  await page.getByText("Status set on 2 records.").first().waitFor();
  for (const titleText of doomed) expect((await byTitle(titleText)).data.status === "PACKED", `${titleText} is packed`);
  await rows.nth(1).locator('[data-column="status"]').filter({ hasText: "Packed" }).waitFor();
  await page.getByRole("button", { name: "Delete…" }).click();
  const confirm = page.getByRole("alertdialog", { name: "Delete 2 records?" });
  await ctx.checkpoint("bulk-delete-confirm");
  await confirm.getByRole("button", { name: "Delete 2 records" }).click();
  await page.getByText("2 records moved to the trash.").first().waitFor();
  await waitForCount(page, "1 record");
  const left = await rpc<{ entities: Entity[] }>(api, "query_entities", {
    p_blueprint_id: blueprint.id,
    p_filter: { field: "title", op: "in", value: doomed },
  });
  expect(left.entities.length === 0, "the two records are gone from the list");

  ctx.step("the Editor changes the last record through the API: it shows up live, without a reload");
  const lastTitle = await cellText(dataRows(page).first(), "title");
  const last = await byTitle(lastTitle);
  await rpc(editorApi, "update_entity", {
    p_entity_id: last.id,
    p_expected_version: last.version,
    p_changes: { notes: "Rerouted via Potsdam", weight: 9.5 },
  });
  await page.getByText("Updated just now").waitFor();
  await dataRows(page).first().locator('[data-column="weight"]').filter({ hasText: "9.5" }).waitFor();
  await grid(page).locator(`[data-row-id="${last.id}"][data-live-updated="true"]`).waitFor();
  await ctx.checkpoint("live-update");

  ctx.step("at 768 px the grid scrolls sideways inside its frame, the page does not");
  await page.setViewportSize({ width: 768, height: 900 });
  await page.getByRole("button", { name: "Saved view, current: Urgent to Berlin" }).click();
  await page.getByRole("menuitemradio", { name: "All records" }).click();
  await waitForCount(page, "298 records");
  const widths = await page.evaluate(() => {
    const element = document.querySelector('[role="grid"]') as HTMLElement;
    return {
      page: document.documentElement.scrollWidth,
      viewport: window.innerWidth,
      grid: element.scrollWidth,
      frame: element.clientWidth,
    };
  });
  expect(widths.page <= widths.viewport, `the page does not scroll sideways (${widths.page} > ${widths.viewport})`);
  expect(widths.grid > widths.frame, "the grid scrolls inside its frame");
  await ctx.checkpoint("tablet");

  ctx.step("renames the view, then deletes it");
  await page.getByRole("button", { name: "Saved view, current: All records" }).click();
  await page.getByRole("menuitemradio", { name: /Urgent to Berlin/ }).click();
  // The Editor's new notes no longer say "urgent": the view now matches nothing.
  await waitForCount(page, "0 records");
  await page.getByText("No records match").waitFor();
  await ctx.checkpoint("no-matches");
  // An unsaved change survives renaming the view (the rename saves the view as it was).
  await page.getByRole("searchbox", { name: "Search records" }).fill("Berlin");
  await page.getByText("Unsaved changes").waitFor();
  await page.getByRole("button", { name: "Saved view, current: Urgent to Berlin" }).click();
  await page.getByRole("menuitem", { name: "Rename or share…" }).click();
  const rename = page.getByRole("dialog", { name: "Rename or share “Urgent to Berlin”" });
  await rename.getByLabel("Name").fill("Berlin, urgent");
  await rename.getByRole("button", { name: "Save" }).click();
  await page.getByText("View “Berlin, urgent” updated.").first().waitFor();
  await page.getByText("Unsaved changes").waitFor();
  expect(
    (await page.getByRole("searchbox", { name: "Search records" }).inputValue()) === "Berlin",
    "the unsaved search is kept after renaming the view",
  );
  await page.getByRole("button", { name: "Saved view, current: Berlin, urgent" }).click();
  await page.getByRole("menuitem", { name: "Delete view…" }).click();
  const remove = page.getByRole("alertdialog", { name: "Delete the view “Berlin, urgent”?" });
  await ctx.checkpoint("delete-view");
  await remove.getByRole("button", { name: "Delete view" }).click();
  await page.getByText("View “Berlin, urgent” deleted.").first().waitFor();
  await waitForCount(page, "298 records");
  expect(!new URL(page.url()).searchParams.has("view"), "the address no longer names the view");
}
