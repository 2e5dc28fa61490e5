import type { JourneyContext } from "./harness.ts";
import { expectEqual, heading, refused, rpc } from "./steps.ts";

/** Title of the journey, for runners and reports. */
export const title = "workspace admin: settings, trash, audit log";

type Entity = { id: string; version: number; deleted_at: string | null };

/** An RPC through the API client that must succeed. */

/**
 * A workspace Admin's housekeeping, through the screens: the settings (a refused value on
 * its field, then a save), the trash (restore one, restore a selection, purge one) and the
 * audit log (search an entity's changes, open an entry, verify the chain). Data the journey
 * is not about comes through the API as the same Admin.
 */
export async function workspaceAdminJourney(ctx: JourneyContext): Promise<void> {
  const { page, baseUrl, fixtures } = ctx;
  const admin = await fixtures.createUser("ws-admin");
  const api = await fixtures.clientFor(admin);
  const slug = `acme-${fixtures.tag}`;
  const tenant = await rpc<{ id: string }>(api, "create_tenant", {
    p_name: `Acme ${fixtures.tag}`,
    p_slug: slug,
    p_timezone: "UTC",
    p_language: "en",
  });
  const blueprint = await rpc<{ id: string }>(api, "create_blueprint", {
    p_tenant_id: tenant.id,
    p_name: "Customers",
    p_fields: [
      { key: "name", label: "Name", type: "text", required: true },
      { key: "city", label: "City", type: "text" },
    ],
  });
  const names = ["Ada Lovelace Ltd", "Babbage & Co", "Curie Labs", "Dirac Systems"];
  const entities: Entity[] = [];
  for (const [i, name] of names.entries()) {
    entities.push(await rpc<Entity>(api, "create_entity", { p_blueprint_id: blueprint.id, p_data: { name, city: `City ${i}` } }));
  }
  const [ada, babbage, curie] = entities as [Entity, Entity, Entity, Entity];

  ctx.step("the Admin opens the workspace settings from the sidebar");
  await fixtures.signIn(page, baseUrl, admin);
  await page.waitForURL((url) => url.pathname === `/t/${slug}`);
  const nav = page.getByRole("navigation", { name: "Workspace" });
  await nav.getByRole("link", { name: "Settings" }).click();
  await heading(page, "Workspace settings");
  await page.getByLabel("Workspace name").waitFor();
  await ctx.checkpoint("settings");

  ctx.step("an audit retention under a year is explained on its field");
  const auditRetention = page.getByLabel("Keep audit log entries for (days)");
  await auditRetention.fill("100");
  await page.getByRole("button", { name: "Save changes" }).click();
  await page.getByText("Keep audit entries at least 365 days").waitFor();
  if ((await auditRetention.getAttribute("aria-invalid")) !== "true")
    throw new Error("the retention field is not marked invalid");
  await ctx.checkpoint("settings-invalid-retention");

  ctx.step("the database holds the same rule: forcing it through the API is refused");
  const forced = await refused(api, "update_tenant", { p_tenant_id: tenant.id, p_changes: { audit_retention_days: 100 } });
  expectEqual([forced.code, JSON.parse(forced.details ?? "{}").field], ["FOVAL", "audit_retention_days"], "the forced retention");

  ctx.step("a reserved web address is refused by the database, on the address field, with a warning about links");
  await auditRetention.fill("400");
  const slugField = page.getByLabel("Web address");
  await slugField.fill("admin");
  await page.getByText("bookmarks and shared links to").waitFor();
  ctx.expectConsoleError(/status of 422/);
  await page.getByRole("button", { name: "Save changes" }).click();
  await page.getByText('The slug "admin" is reserved; choose another.').waitFor();
  if ((await slugField.getAttribute("aria-invalid")) !== "true") throw new Error("the address field is not marked invalid");
  await ctx.checkpoint("settings-reserved-slug");

  ctx.step("a valid save: name, address, time zone, inactivity timeout and both retentions");
  const newSlug = `${slug}-hq`;
  await slugField.fill(newSlug);
  await page.getByLabel("Workspace name").fill(`Acme Trading ${fixtures.tag}`);
  await page.getByLabel("Time zone").selectOption("Europe/Berlin");
  await page.getByLabel("Sign members out after a period of inactivity").check();
  await page.getByLabel("Inactivity timeout in minutes").fill("120");
  await page.getByLabel("Keep deleted items in the trash for (days)").fill("14");
  await page.getByRole("button", { name: "Save changes" }).click();
  await page.getByText("Settings saved.").waitFor();
  await page.waitForURL((url) => url.pathname === `/t/${newSlug}/settings`);
  await page.getByText(`The workspace's address is now /t/${newSlug}.`).waitFor();
  const { data: saved } = await api.from("tenants").select("*").eq("id", tenant.id).single();
  expectEqual(
    [
      saved?.name,
      saved?.slug,
      saved?.timezone,
      saved?.session_timeout_minutes,
      saved?.audit_retention_days,
      saved?.trash_retention_days,
    ],
    [`Acme Trading ${fixtures.tag}`, newSlug, "Europe/Berlin", 120, 400, 14],
    "the saved settings",
  );

  ctx.step("a module switches on at once");
  await page.getByRole("switch", { name: "CRM" }).click();
  await page.getByText("CRM is switched on.").waitFor();
  const { data: withModule } = await api.from("tenants").select("modules").eq("id", tenant.id).single();
  expectEqual(withModule?.modules, ["crm"], "the modules");
  await ctx.checkpoint("settings-saved");

  ctx.step("records changed and deleted through the API wait in the trash");
  await rpc(api, "update_entity", {
    p_entity_id: ada.id,
    p_expected_version: ada.version,
    p_changes: { name: "Ada Lovelace Limited" },
  });
  for (const entity of [ada, babbage, curie]) await rpc(api, "delete_entity", { p_entity_id: entity.id });
  const suppliers = await rpc<{ id: string }>(api, "create_blueprint", {
    p_tenant_id: tenant.id,
    p_name: "Suppliers",
    p_fields: [{ key: "name", label: "Name", type: "text", required: true }],
  });
  const dalton = await rpc<Entity>(api, "create_entity", { p_blueprint_id: suppliers.id, p_data: { name: "Dalton Parts" } });
  await rpc(api, "delete_entity", { p_entity_id: dalton.id });
  await nav.getByRole("link", { name: "Trash" }).click();
  await heading(page, "Trash");
  const table = page.getByRole("table");
  await table.getByText("Ada Lovelace Limited").waitFor();
  await table.getByText("Curie Labs").waitFor();
  await table.getByText("Dalton Parts").waitFor();
  if ((await table.getByText("14 days").count()) !== 4) throw new Error("each item should show 14 days before it is purged");
  await table.getByText(admin.email).first().waitFor();
  await ctx.checkpoint("trash");

  ctx.step("the kind filter narrows the list and leads back");
  await page.getByLabel("Show", { exact: true }).selectOption("blueprint");
  await page.getByText("Nothing matches these filters").waitFor();
  await page.getByRole("button", { name: "Show everything" }).click();
  await table.getByText("Babbage & Co").waitFor();

  ctx.step("the blueprint filter asks the database for one blueprint's records; restore one there");
  await page.getByLabel("Blueprint", { exact: true }).selectOption({ label: "Suppliers" });
  await table.getByText("Curie Labs").waitFor({ state: "detached" });
  await table.getByText("Dalton Parts").waitFor();
  await page.getByRole("button", { name: "Restore Dalton Parts" }).click();
  await page.getByText("“Dalton Parts” is back.").waitFor();
  // Nothing of Suppliers is left: the filters stay, so the way back is there.
  await page.getByText("Nothing matches these filters").waitFor();
  await page.getByLabel("Blueprint", { exact: true }).selectOption({ label: "All blueprints" });
  await table.getByText("Curie Labs").waitFor();

  ctx.step("restore one record from its row");
  await page.getByRole("button", { name: "Restore Ada Lovelace Limited" }).click();
  await page.getByText("“Ada Lovelace Limited” is back.").waitFor();
  await table.getByText("Ada Lovelace Limited").waitFor({ state: "detached" });
  const restored = await rpc<Entity>(api, "get_entity", { p_entity_id: ada.id });
  expectEqual(restored.deleted_at, null, "the restored record's deleted_at");

  ctx.step("restore a selection");
  await page.getByRole("checkbox", { name: "Select Babbage & Co" }).click();
  await page.getByText("1 item selected").waitFor();
  await page.getByRole("button", { name: "Restore selected" }).click();
  await page.getByText("“Babbage & Co” is back.").waitFor();
  await table.getByText("Babbage & Co").waitFor({ state: "detached" });

  ctx.step("delete the last one for good, after confirming");
  await page.getByRole("button", { name: "Delete for good: Curie Labs" }).click();
  const confirm = page.getByRole("alertdialog", { name: "Delete “Curie Labs” for good?" });
  await confirm.waitFor();
  await ctx.checkpoint("trash-purge-confirm");
  await confirm.getByRole("button", { name: "Delete for good" }).click();
  await page.getByText("The trash is empty").waitFor();
  const gone = await refused(api, "get_entity", { p_entity_id: curie.id });
  expectEqual(gone.code, "FONF0", "the purged record");
  await ctx.checkpoint("trash-empty");

  ctx.step("the audit log finds every change of the restored record");
  await nav.getByRole("link", { name: "Audit log" }).click();
  await heading(page, "Audit log");
  await page.getByText("Times are in Europe/Berlin.").waitFor();
  await page.getByLabel("Search", { exact: true }).fill(ada.id);
  await page.getByRole("button", { name: "Search", exact: true }).click();
  const results = page.getByRole("table");
  // The unfiltered page stays on screen until the search answers: wait for the search's count first.
  await page.getByText("4 entries shown").waitFor();
  for (const action of ["Created a record", "Changed a record", "Moved a record to the trash", "Restored a record"]) {
    await results.getByText(action, { exact: true }).waitFor();
  }
  await ctx.checkpoint("audit-search");

  ctx.step("refused attempts are one filter away");
  await page.getByLabel("Search", { exact: true }).fill("");
  await page.getByLabel("Outcome").selectOption("denied");
  await page.getByRole("button", { name: "Search", exact: true }).click();
  await page.getByText("No entries match").waitFor();
  await page.getByRole("button", { name: "Clear filters" }).click();
  // The form resets from the address once it changed; typing before that would be undone.
  for (let wait = 0; (await page.getByLabel("Outcome").inputValue()) !== ""; wait += 1) {
    if (wait === 100) throw new Error("Clear filters left the outcome filter set");
    await page.waitForTimeout(100);
  }
  await page.getByLabel("Search", { exact: true }).fill(ada.id);
  await page.getByRole("button", { name: "Search", exact: true }).click();
  await page.getByText("4 entries shown").waitFor();

  ctx.step("an entry opens with its before and after values");
  await results
    .getByRole("row")
    .filter({ hasText: "Changed a record" })
    .getByRole("button", { name: /^Open entry/ })
    .click();
  const entry = page.getByRole("dialog");
  await entry.getByRole("heading", { name: /^Entry \d+$/ }).waitFor();
  const nameRow = entry.getByRole("row").filter({ hasText: "Ada Lovelace Limited" });
  await nameRow.getByText("Ada Lovelace Ltd", { exact: true }).waitFor();
  await ctx.checkpoint("audit-entry");
  await entry.getByRole("button", { name: "Close" }).click();
  await entry.waitFor({ state: "detached" });

  ctx.step("verifying the chain says it is intact");
  await page.getByRole("button", { name: "Verify chain" }).click();
  await page.getByText("The audit log is intact").waitFor();
  await ctx.checkpoint("audit-verified");

  ctx.step("the audit log fits a tablet in portrait");
  const desktop = page.viewportSize();
  await page.setViewportSize({ width: 768, height: 1024 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  if (overflow > 0) throw new Error(`the audit log scrolls sideways by ${overflow}px at 768px wide`);
  await ctx.checkpoint("audit-tablet");
  if (desktop) await page.setViewportSize(desktop);

  ctx.step("the danger zone deletes the workspace once its address is typed back");
  await nav.getByRole("link", { name: "Settings" }).click();
  await heading(page, "Workspace settings");
  await page.getByRole("button", { name: "Delete workspace" }).click();
  const name = `Acme Trading ${fixtures.tag}`;
  const dialog = page.getByRole("alertdialog", { name: `Delete “${name}” for good?` });
  await dialog.waitFor();
  const confirmDelete = dialog.getByRole("button", { name: "Delete workspace" });
  if (await confirmDelete.isEnabled()) throw new Error("the deletion can be confirmed before the address is typed");
  await dialog.getByLabel(`Type ${newSlug} to confirm`).fill(newSlug);
  await ctx.checkpoint("settings-delete-confirm");
  await confirmDelete.click();
  await page.getByText(`Workspace “${name}” was deleted.`).waitFor();
  await page.waitForURL((url) => !url.pathname.startsWith(`/t/${newSlug}`));
  const { data: remaining } = await api.from("tenants").select("id").eq("id", tenant.id);
  expectEqual(remaining, [], "the deleted workspace");
}
