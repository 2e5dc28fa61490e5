import {
  addFieldThroughDesigner,
  checkMigration,
  createBlueprintThroughDesigner,
  type DesignerBlueprintSpec,
  fieldRow,
  openField,
  openFieldPanel,
  runMigration,
  saveBlueprint,
} from "./blueprints.steps.ts";
import type { JourneyContext } from "./harness.ts";
import { addMember } from "./members.steps.ts";
import { expect, expectRefused, heading, rpc } from "./steps.ts";

/** Title of the journey, for runners and reports. */
export const title = "blueprints: designer with preview, versions and diff, migration wizard, delete to trash";

/** The Delivery blueprint as the journey builds it on screen. */
export const DELIVERY_SPEC: DesignerBlueprintSpec = {
  name: "Delivery",
  description: "Parcels on their way to customers.",
  icon: "Truck",
  fields: [
    { label: "Title", type: "text", required: true },
    {
      label: "Status",
      type: "status",
      options: [
        { label: "Pending", color: "Gray" },
        { label: "In transit", color: "Blue" },
        { label: "Delivered", color: "Green" },
      ],
      defaultOption: "Pending",
    },
    { label: "Started at", type: "datetime" },
    { label: "Delivered at", type: "datetime" },
    { label: "Weight", type: "number" },
  ],
};

/**
 * An Admin designs the Delivery blueprint on screen (checking the preview, and the designer
 * refusing an unfinished field), gets a dozen deliveries through the API, makes Weight
 * required and saves version 3 after meeting a version someone else saved meanwhile, reads
 * the diff, checks the migration (the deliveries without a weight are listed), fixes one,
 * migrates the rest, sends more than 500 back to version 2 as a background job (progress
 * polled until done), and moves the blueprint with its deliveries to the trash. A Viewer
 * then finds no Blueprints section, and the database refuses their forced calls.
 */
export async function blueprintsJourney(ctx: JourneyContext): Promise<void> {
  const { page, baseUrl, fixtures } = ctx;
  const admin = await fixtures.createUser("blueprints-admin");
  const api = await fixtures.clientFor(admin);
  const slug = `design-${fixtures.tag}`;
  const tenant = await rpc<{ id: string }>(api, "create_tenant", {
    p_name: `Design ${fixtures.tag}`,
    p_slug: slug,
    p_timezone: "Europe/Berlin",
    p_language: "en",
  });
  await api.auth.refreshSession();

  ctx.step("the sidebar leads an Admin to the (empty) blueprints list");
  await fixtures.signIn(page, baseUrl, admin);
  await page.goto(`${baseUrl}/t/${slug}`);
  await page.getByRole("navigation", { name: "Workspace" }).getByRole("link", { name: "Blueprints" }).click();
  await heading(page, "Blueprints");
  await page.getByText("No blueprints yet").waitFor();
  await ctx.checkpoint("blueprints-empty");

  ctx.step("the designer builds Delivery; the preview shows its form and answers its rules");
  const { id: blueprintId } = await createBlueprintThroughDesigner(page, DELIVERY_SPEC, {
    beforeCreate: async () => {
      const preview = page.getByRole("form", { name: "Preview of the entity form" });
      await preview.getByLabel("Started at").fill("2026-11-21T14:30");
      await preview
        .getByText(/Time in Europe\/Berlin/)
        .first()
        .waitFor();
      await preview.getByRole("button", { name: "Check the values" }).click();
      await preview.getByText("Enter a value.").waitFor();
      expect((await preview.getByLabel("Status").inputValue()) === "PENDING", "the preview starts with the default status");
      await ctx.checkpoint("designer-new-with-preview");

      // An unfinished field keeps the blueprint from being created, and says where.
      await addFieldThroughDesigner(page, { label: "", type: "single_select" });
      await page.getByRole("button", { name: "Create blueprint" }).click();
      await page.getByText("1 field needs attention: it is marked in the list.").waitFor();
      await openFieldPanel(page).getByText("Each option needs a stored value").waitFor();
      await ctx.checkpoint("designer-refuses-unfinished-field");
      await fieldRow(page, "Untitled field").getByRole("button", { name: "Remove Untitled field" }).click();
      await page.getByText("“Untitled field” removed").first().waitFor();

      // What only the database can judge (a PostgreSQL pattern) comes back at the field it names.
      const titlePanel = await openField(page, "Title");
      await titlePanel.getByLabel("Pattern").fill("([");
      ctx.expectConsoleError(/status of 422/);
      await page.getByRole("button", { name: "Create blueprint" }).click();
      await titlePanel.getByText(/The pattern of "title" is not a valid regular expression/).waitFor();
      expect(
        (await titlePanel.getByLabel("Pattern").getAttribute("aria-invalid")) === "true",
        "the pattern box is marked invalid",
      );
      await ctx.checkpoint("designer-server-refusal-at-field");
      await titlePanel.getByLabel("Pattern").fill("");
    },
  });
  await page.getByText("“Delivery” is ready.").first().waitFor();
  await page.getByText("Version 1 · key delivery").waitFor();

  ctx.step("a dozen deliveries arrive through the API, three without a weight");
  const rows = Array.from({ length: 12 }, (_, i) => ({
    title: `Parcel ${i + 1}`,
    status: i % 3 === 0 ? "IN_TRANSIT" : "PENDING",
    started_at: `2026-11-2${i % 9}T08:00:00+01:00`,
    ...(i < 3 ? {} : { weight: 1.5 + i }),
  }));
  const created = await rpc<{ entities: { id: string }[] }>(api, "create_entities", {
    p_blueprint_id: blueprintId,
    p_rows: rows,
  });
  const ids = created.entities.map((entity) => entity.id);
  expect(ids.length === 12, "twelve deliveries were created");

  ctx.step("meanwhile someone else saves version 2; saving on top of it asks to load it");
  await openField(page, "Weight");
  await openFieldPanel(page).getByRole("checkbox", { name: "Required" }).click();
  await rpc(api, "update_blueprint", {
    p_blueprint_id: blueprintId,
    p_expected_version: 1,
    p_changes: [{ op: "set_details", description: "Parcels on their way to customers, by courier." }],
  });
  ctx.expectConsoleError(/status of 409/);
  await page.getByRole("button", { name: "Save", exact: true }).click();
  const stale = page.getByRole("alertdialog", { name: "Someone saved a newer version" });
  await stale.waitFor();
  await ctx.checkpoint("stale-version-prompt");
  await stale.getByRole("button", { name: "Load the newest version" }).click();
  await page.getByText("Version 2 · key delivery").waitFor();

  ctx.step("Weight becomes required in version 3, and the designer offers the migration");
  await openField(page, "Weight");
  await openFieldPanel(page).getByRole("checkbox", { name: "Required" }).click();
  await page.getByText("1 unsaved change").waitFor();
  await saveBlueprint(page, 3);
  const notice = page.getByRole("status").filter({ hasText: "Version 3 is saved" });
  await notice.waitFor();
  await ctx.checkpoint("saved-version-3");
  await page.setViewportSize({ width: 768, height: 1024 });
  await page.emulateMedia({ colorScheme: "dark" });
  await openField(page, "Status");
  await ctx.checkpoint("designer-tablet-dark");
  await page.emulateMedia({ colorScheme: "light" });
  await page.setViewportSize({ width: 1280, height: 800 });

  ctx.step("the versions page shows what version 3 changed, and version 2 before it");
  await page.getByRole("link", { name: "Versions", exact: true }).click();
  await heading(page, "Versions of Delivery");
  const diff = page.getByRole("region", { name: "Version 3 compared with version 2" });
  await diff.getByText("Weight", { exact: true }).waitFor();
  await diff.getByText("Required", { exact: true }).waitFor();
  await ctx.checkpoint("versions-diff-3");
  await page.getByRole("link", { name: /^Version 2/ }).click();
  await page
    .getByRole("region", { name: "Version 2 compared with version 1" })
    .getByText("by courier", { exact: false })
    .waitFor();

  ctx.step("the migration check lists the deliveries without a weight");
  await page.getByRole("link", { name: /^Version 3/ }).click();
  await page.getByRole("link", { name: "Migrate entities to version 3" }).click();
  await heading(page, "Migrate entities of Delivery");
  const first = await checkMigration(page);
  expect(first.total === 12 && first.wouldMigrate === 9 && first.wouldFail === 3, `check: ${JSON.stringify(first)}`);
  const failures = page.getByRole("table", { name: "Entities that can't be converted" });
  expect((await failures.getByText("Weight is required.").count()) === 3, "each failure names Weight and the rule");
  await ctx.checkpoint("migration-check");

  ctx.step("one is fixed; the others migrate and the rest stay as they were");
  const [fixId] = ids;
  await rpc(api, "update_entity", { p_entity_id: fixId, p_expected_version: 1, p_changes: { weight: 4.2 } });
  const second = await checkMigration(page);
  expect(second.wouldMigrate === 10 && second.wouldFail === 2, `check again: ${JSON.stringify(second)}`);
  const outcome = await runMigration(page);
  expect(outcome.migrated === 10 && outcome.failed === 2, `run: ${JSON.stringify(outcome)}`);
  await page.getByText("10 entities now use version 3.").waitFor();
  await ctx.checkpoint("migration-done");
  const fixed = await rpc<{ blueprint_version: number }>(api, "get_entity", { p_entity_id: fixId });
  expect(fixed.blueprint_version === 3, `the fixed delivery is at version 3 (got ${fixed.blueprint_version})`);

  ctx.step("more than 500 go back to version 2 as a background job, its progress shown until done");
  const more = Array.from({ length: 490 }, (_, i) => ({ title: `Crate ${i + 1}`, weight: 10 + (i % 7) }));
  // In calls of 100: a call is one statement, and the API's statement timeout is short on a busy machine.
  for (let start = 0; start < more.length; start += 100) {
    await rpc(api, "create_entities", { p_blueprint_id: blueprintId, p_rows: more.slice(start, start + 100) });
  }
  await page.getByLabel("Migrate to").selectOption({ label: "Version 2" });
  await page.getByRole("button", { name: "Check what would happen" }).click();
  await page.getByRole("progressbar", { name: "Migration progress" }).waitFor();
  await page.getByText("502 entities are queued.", { exact: false }).waitFor();
  await ctx.checkpoint("background-check-queued");
  const large = await checkMigration(page, { alreadyStarted: true });
  expect(large.total === 502 && large.wouldMigrate === 502 && large.wouldFail === 0, `large check: ${JSON.stringify(large)}`);
  const back = await runMigration(page);
  expect(back.migrated === 502 && back.failed === 0, `large run: ${JSON.stringify(back)}`);
  await page.getByText("502 entities now use version 2.").waitFor();
  await ctx.checkpoint("background-migration-done");

  ctx.step("deleting the blueprint says its deliveries go too, and both land in the trash");
  await page.getByRole("link", { name: "Back to the blueprint" }).click();
  await heading(page, "Delivery");
  await page.getByRole("button", { name: "Delete" }).click();
  const confirm = page.getByRole("alertdialog", { name: "Move “Delivery” to the trash?" });
  await confirm.getByText("its 502 entities", { exact: false }).waitFor();
  await ctx.checkpoint("delete-confirmation");
  await confirm.getByRole("button", { name: "Move to trash" }).click();
  await heading(page, "Blueprints");
  await page.getByText("“Delivery” and 502 entities moved to the trash.").first().waitFor();
  await page.getByText("No blueprints yet").waitFor();
  await ctx.checkpoint("deleted");
  const trash = await rpc<unknown>(api, "list_trash", { p_tenant_id: tenant.id });
  expect(JSON.stringify(trash).includes(blueprintId), "the blueprint is in the trash");

  ctx.step("a Viewer sees no Blueprints section, and the database refuses blueprint changes from them");
  const viewer = await fixtures.createUser("blueprints-viewer");
  const viewerApi = await addMember(ctx, api, tenant.id, viewer, "viewer");
  await page.getByRole("button", { name: `Account menu for ${admin.email}` }).click();
  await page.getByRole("menuitem", { name: "Sign out", exact: true }).click();
  await page.waitForURL((url) => url.pathname === "/sign-in");
  await fixtures.signIn(page, baseUrl, viewer);
  await page.goto(`${baseUrl}/t/${slug}`);
  const nav = page.getByRole("navigation", { name: "Workspace" });
  await nav.getByRole("link", { name: "Records" }).waitFor();
  expect((await nav.getByRole("link", { name: "Blueprints" }).count()) === 0, "the Viewer has no Blueprints entry");
  await page.goto(`${baseUrl}/t/${slug}/blueprints`);
  await page.getByText("Designing blueprints needs the “Manage blueprints” permission.", { exact: false }).waitFor();
  await ctx.checkpoint("viewer-no-access");
  await expectRefused(
    viewerApi,
    "create_blueprint",
    { p_tenant_id: tenant.id, p_name: "Sneaky", p_fields: [{ key: "title", label: "Title", type: "text" }] },
    "FODEN",
  );
  await expectRefused(viewerApi, "restore_blueprint", { p_blueprint_id: blueprintId }, "FODEN");
  await expectRefused(viewerApi, "migrate_entities", { p_blueprint_id: blueprintId, p_to_version: 1 }, "FODEN");
}
