import type { JourneyContext } from "./harness.ts";
import {
  boardColumn,
  createDeliveryBlueprint,
  createRecordThroughForm,
  fieldValue,
  moveCardWithKeyboard,
  runTransition,
} from "./records.steps.ts";
import { expect, heading, rpc } from "./steps.ts";

/** Title of the journey, for runners and reports. */
export const title = "records: form, record page, transitions, history, conflict, board, trash";

type Entity = { id: string; version: number; data: Record<string, unknown>; deleted_at: string | null };

/**
 * An Admin keeps deliveries: the form explains what is missing, a delivery is created, runs
 * "Delivery started" then "Delivered" (with its input) and the page shows the dates those set
 * and a history listing both; an edit meets a change someone made meanwhile and keeps the
 * Admin's own edit; a card moves on the board with the keyboard (and a move no transition
 * allows is explained); the delivery goes to the trash. The record type, its flow and the
 * "someone else" come through the API as the same Admin.
 */
export async function recordsJourney(ctx: JourneyContext): Promise<void> {
  const { page, baseUrl, fixtures } = ctx;
  const admin = await fixtures.createUser("records-admin");
  const api = await fixtures.clientFor(admin);
  const slug = `deliveries-${fixtures.tag}`;
  const tenant = await rpc<{ id: string }>(api, "create_tenant", {
    p_name: `Deliveries ${fixtures.tag}`,
    p_slug: slug,
    p_timezone: "Europe/Berlin",
    p_language: "en",
  });
  const blueprint = await createDeliveryBlueprint(api, tenant.id);
  await rpc(api, "create_entity", {
    p_blueprint_id: blueprint.id,
    p_data: { title: "Pallets for Berlin", recipient: "berlin@example.com", tracking_code: "TRK-0001" },
  });
  const base = `/t/${slug}/records/${blueprint.key}`;

  ctx.step("the create form says what is missing next to each field");
  await fixtures.signIn(page, baseUrl, admin);
  await page.goto(`${baseUrl}${base}/new`);
  await heading(page, "New record in Delivery");
  await page.getByLabel("Status").waitFor();
  await ctx.checkpoint("create-form");
  await page.getByRole("button", { name: "Create record" }).click();
  await page.getByText("Check the highlighted fields: 2 values need your attention.").waitFor();
  const titleInput = page.getByLabel("Title");
  expect((await titleInput.getAttribute("aria-invalid")) === "true", "the empty title is marked invalid");
  expect((await page.getByText("Enter a value.").count()) === 2, "title and recipient each say a value is needed");
  await page.getByLabel("Recipient").fill("not an address");
  await page.getByText("Enter an email address, like name@example.com.").waitFor();
  await page.getByLabel("Tracking code").fill("12345");
  await page.getByText("This doesn't have the required format.").waitFor();
  await ctx.checkpoint("create-form-errors");

  ctx.step("what only the database knows (a tracking code already used) is shown on its field");
  await page.getByLabel("Title").fill("Boxes for Hamburg");
  await page.getByLabel("Recipient").fill("dock@example.com");
  await page.getByLabel("Tracking code").fill("TRK-0001");
  ctx.expectConsoleError(/409/);
  await page.getByRole("button", { name: "Create record" }).click();
  await page.getByText("Another record already has this value; it must be unique.").waitFor();
  expect((await page.getByLabel("Tracking code").getAttribute("aria-invalid")) === "true", "the tracking code is marked invalid");
  await ctx.checkpoint("create-form-server-error");

  ctx.step("a delivery is created and its page shows it");
  const deliveryId = await createRecordThroughForm(page, {
    baseUrl,
    slug,
    blueprintKey: blueprint.key,
    values: { "Tracking code": "TRK-0002" },
    expectTitle: "Boxes for Hamburg",
  });
  await page.getByText("“Boxes for Hamburg” created.").first().waitFor();
  await page.getByRole("button", { name: "Delivery started", exact: true }).waitFor();
  await page.getByRole("region", { name: "History" }).getByText(`${admin.email} created the record`).waitFor();
  await ctx.checkpoint("record-page");

  ctx.step("“Delivery started” sets the start time at once");
  expect((await fieldValue(page, "Started at").locator("time").count()) === 0, "no start time before the transition");
  await runTransition(page, "Delivery started");
  await fieldValue(page, "Started at").locator("time").waitFor();
  await page.getByRole("region", { name: "State and transitions" }).getByText("In delivery").waitFor();

  ctx.step("“Delivered” asks who received it, then sets the delivery time; the history lists both");
  await page.getByRole("button", { name: "Delivered", exact: true }).click();
  const dialog = page.getByRole("dialog", { name: "Run “Delivered”" });
  await dialog.getByRole("button", { name: "Run “Delivered”" }).click();
  await dialog.getByText("Enter a value.").waitFor();
  await ctx.checkpoint("transition-input-required");
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await runTransition(page, "Delivered", { "Received by": "Ana at the dock" });
  await fieldValue(page, "Delivered at").locator("time").waitFor();
  const history = page.getByRole("region", { name: "History" });
  await history.getByText("ran “Delivered”").waitFor();
  await history.getByText("ran “Delivery started”").waitFor();
  await history.getByText("Ana at the dock").waitFor();
  await page.getByText("No transition is open to you from here.").waitFor();
  await ctx.checkpoint("record-delivered");

  ctx.step("leaving an edit with unsaved changes asks first");
  await page.getByRole("button", { name: "Edit" }).click();
  await page.getByLabel("Title").fill("Boxes for Hamburg (fragile)");
  await page.getByRole("link", { name: "Back to Delivery" }).click();
  await page.getByRole("alertdialog", { name: "Leave without saving?" }).waitFor();
  await page.getByRole("button", { name: "Keep editing" }).click();
  expect((await page.getByLabel("Title").inputValue()) === "Boxes for Hamburg (fragile)", "the edit is still there");

  ctx.step("someone changes the delivery meanwhile: the save is refused and the Admin keeps their edit");
  const current = await rpc<Entity>(api, "get_entity", { p_entity_id: deliveryId });
  await rpc(api, "update_entity", {
    p_entity_id: deliveryId,
    p_expected_version: current.version,
    p_changes: { recipient: "gate-4@example.com" },
  });
  ctx.expectConsoleError(/409/);
  await page.getByRole("button", { name: "Save changes" }).click();
  await page.getByText("Someone changed this record while you were editing").waitFor();
  await ctx.checkpoint("edit-conflict");
  await page.getByRole("button", { name: "Load the latest version (keeps your edits)" }).click();
  await page.getByText("Changed by someone else meanwhile: Recipient.").waitFor();
  expect((await page.getByLabel("Title").inputValue()) === "Boxes for Hamburg (fragile)", "the Admin's title is kept");
  expect((await page.getByLabel("Recipient").inputValue()) === "gate-4@example.com", "the other change came in");
  await page.getByRole("button", { name: "Save changes" }).click();
  await page.getByText("Changes saved.").first().waitFor();
  await heading(page, "Boxes for Hamburg (fragile)");
  await fieldValue(page, "Recipient").getByText("gate-4@example.com").waitFor();
  const saved = await rpc<Entity>(api, "get_entity", { p_entity_id: deliveryId });
  expect(
    saved.data.title === "Boxes for Hamburg (fragile)" && saved.data.recipient === "gate-4@example.com",
    "both changes are stored",
  );

  ctx.step("an unknown record says it is not found or not visible");
  ctx.expectConsoleError(/404/);
  ctx.expectConsoleError(/404/);
  await page.goto(`${baseUrl}${base}/00000000-0000-4000-8000-000000000000`);
  await heading(page, "Record not found");
  await page.getByText("Not found, or not visible to you").waitFor();
  await ctx.checkpoint("record-not-found");

  ctx.step("the board: a move no transition allows is explained, an allowed one runs");
  await page.goto(`${baseUrl}${deliveryPath(base, deliveryId)}`);
  await heading(page, "Boxes for Hamburg (fragile)");
  await page.getByRole("link", { name: "Board" }).click();
  await heading(page, "Delivery board");
  const newColumn = boardColumn(page, "New");
  await newColumn.getByRole("link", { name: "Pallets for Berlin" }).waitFor();
  await boardColumn(page, "Delivered").getByRole("link", { name: "Boxes for Hamburg (fragile)" }).waitFor();
  await ctx.checkpoint("board");
  await moveCardWithKeyboard(page, "Pallets for Berlin", 2);
  const explain = page.getByRole("dialog", { name: "“Pallets for Berlin” can't move to Delivered" });
  await explain.getByText("No transition of the flow leads from New to Delivered.").waitFor();
  await ctx.checkpoint("board-move-explained");
  await explain.getByRole("button", { name: "OK" }).click();
  // A keyboard drag that the busy machine swallowed is simply made again, as a person would.
  for (let attempt = 1; ; attempt += 1) {
    await moveCardWithKeyboard(page, "Pallets for Berlin", 1);
    const done = page.getByText("“Delivery started” done.").first();
    const moved = await done.waitFor({ timeout: 10_000 }).then(
      () => true,
      () => false,
    );
    if (moved) break;
    if (attempt === 3) throw new Error("the card did not move to In delivery after three keyboard drags");
  }
  await boardColumn(page, "In delivery").getByRole("link", { name: "Pallets for Berlin" }).waitFor();
  expect((await newColumn.getByRole("link", { name: "Pallets for Berlin" }).count()) === 0, "the card left New");
  await ctx.checkpoint("board-moved");

  ctx.step("at tablet width the record page stacks its parts");
  await page.setViewportSize({ width: 768, height: 1024 });
  await boardColumn(page, "Delivered").getByRole("link", { name: "Boxes for Hamburg (fragile)" }).click();
  await heading(page, "Boxes for Hamburg (fragile)");
  await ctx.checkpoint("record-tablet");
  await page.setViewportSize({ width: 1280, height: 800 });

  ctx.step("the delivery goes to the trash after a confirmation");
  await page.getByRole("button", { name: "Move to trash" }).click();
  const confirm = page.getByRole("alertdialog", { name: "Move “Boxes for Hamburg (fragile)” to the trash?" });
  await confirm.waitFor();
  await ctx.checkpoint("delete-confirm");
  await confirm.getByRole("button", { name: "Move to trash" }).click();
  await page.waitForURL((url) => url.pathname === base);
  await page.getByText("“Boxes for Hamburg (fragile)” moved to the trash.").first().waitFor();
  const trashed = await rpc<Entity>(api, "get_entity", { p_entity_id: deliveryId });
  expect(trashed.deleted_at !== null, "the delivery is in the trash");
}

function deliveryPath(base: string, id: string): string {
  return `${base}/${id}`;
}
