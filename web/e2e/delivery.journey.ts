import { randomBytes } from "node:crypto";
import type { Page } from "playwright-core";
import { createBlueprintThroughDesigner } from "./blueprints.steps.ts";
import { addState, addUpdate, connectOnCanvas, nameTransition, openFlowDesigner, saveFlow, sidePanel } from "./flows.steps.ts";
import type { JourneyContext } from "./harness.ts";
import type { Mail } from "./inbox.ts";
import { createRecordThroughForm, runTransition } from "./records.steps.ts";
import { heading } from "./steps.ts";

/** Title of the journey, for runners and reports. */
export const title = "delivery (seed 003): register, verify, workspace, blueprint, flow, a delivery started and delivered";

/** The value the record page shows for a field, by the field's key. */
function shownValue(page: Page, key: string) {
  return page.locator(`dd[data-field="${key}"]`);
}

function sidebarLink(page: Page, name: string) {
  return page.getByRole("navigation", { name: "Workspace" }).getByRole("link", { name, exact: true });
}

/**
 * Seed 003's delivery journey, end to end as a new customer would take it: register and
 * verify through the inbox, create the workspace "X Delivery System", design the Delivery
 * blueprint, draw its flow with "Delivery started" and "Delivered", create a delivery and
 * run both transitions, seeing started_at and delivered_at stamped.
 */
export async function deliveryJourney(ctx: JourneyContext): Promise<void> {
  const { page, baseUrl, inbox } = ctx;
  const email = `delivery-${ctx.fixtures.tag}@example.test`;
  const password = `Deliver-${randomBytes(6).toString("hex")}`;

  ctx.step("register with email and password");
  await page.goto(`${baseUrl}/sign-up`);
  await heading(page, "Create your account");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Create account" }).click();
  await heading(page, "Check your inbox");

  ctx.step("verify through the link in the inbox");
  const mail = await inbox.waitForMail(email, (m: Mail) => m.links.some((l) => l.includes("type=signup")));
  const link = mail.links.find((l) => l.includes("type=signup"));
  if (!link) throw new Error(`no confirmation link in "${mail.subject}"`);
  await page.goto(link);
  await heading(page, "Create your first workspace");

  ctx.step("create the workspace “X Delivery System” (the web address is suggested)");
  await page.getByLabel("Workspace name").fill("X Delivery System");
  const slug = page.getByLabel("Web address");
  await page.waitForFunction(() =>
    (document.querySelector<HTMLInputElement>("input[name='slug']")?.value ?? "").startsWith("x-delivery-system"),
  );
  const tenantSlug = await slug.inputValue();
  await ctx.checkpoint("create-workspace");
  await page.getByRole("button", { name: "Create workspace" }).click();
  await page.waitForURL((url) => url.pathname === `/t/${tenantSlug}`);
  await heading(page, "Welcome to X Delivery System");
  await ctx.checkpoint("workspace-overview");

  ctx.step("design the Delivery blueprint");
  await sidebarLink(page, "Blueprints").click();
  await heading(page, "Blueprints");
  await createBlueprintThroughDesigner(
    page,
    {
      name: "Delivery",
      description: "Shipments from pick-up to hand-over.",
      icon: "Truck",
      fields: [
        { label: "Deliver from", type: "text", required: true },
        { label: "Deliver to", type: "text", required: true },
        { label: "Cargo", type: "text", required: true },
        { label: "Weight (kg)", type: "number", key: "weight_kg" },
        {
          label: "Status",
          type: "status",
          options: [
            { label: "Pending", value: "PENDING" },
            { label: "In progress", value: "IN_PROGRESS" },
          ],
          defaultOption: "Pending",
        },
        { label: "Started at", type: "datetime" },
        { label: "Delivered at", type: "datetime" },
      ],
    },
    { beforeCreate: () => ctx.checkpoint("blueprint-designer") },
  );

  ctx.step("draw the flow: “Delivery started” (Pending → In progress) and “Delivered” (In progress → Delivered)");
  await openFlowDesigner(page, "Delivery");
  await addState(page, "Delivered");
  await connectOnCanvas(page, "Pending", "In progress");
  await nameTransition(page, "Delivery started");
  await addUpdate(page, "Started at", "the current date and time");
  await connectOnCanvas(page, "In progress", "Delivered");
  await nameTransition(page, "Delivered");
  await addUpdate(page, "Delivered at", "the current date and time");
  await sidePanel(page).getByRole("heading", { name: "Transition: Delivered" }).waitFor();
  await ctx.checkpoint("flow-designer");
  await saveFlow(page);

  ctx.step("create a delivery through the form");
  await sidebarLink(page, "Records").click();
  await heading(page, "Records");
  await page.getByRole("link", { name: "Delivery", exact: false }).first().click();
  await page.getByRole("link", { name: "New record" }).click();
  await createRecordThroughForm(page, {
    baseUrl,
    slug: tenantSlug,
    blueprintKey: "delivery",
    values: {
      "Deliver from": "Berlin Warehouse",
      "Deliver to": "Dresden, Hauptstraße 12",
      Cargo: "Office chairs",
      "Weight (kg)": "42.5",
    },
    expectTitle: "Berlin Warehouse",
  });
  await shownValue(page, "status").getByText("Pending").waitFor();
  if (/\d/.test(await shownValue(page, "started_at").innerText()))
    throw new Error("started_at is set before the delivery started");
  await ctx.checkpoint("delivery-created");

  ctx.step("run “Delivery started”: started_at is stamped");
  await runTransition(page, "Delivery started");
  await shownValue(page, "status").getByText("In progress").waitFor();
  const started = await shownValue(page, "started_at").innerText();
  if (!/\d/.test(started)) throw new Error("started_at was not set by “Delivery started”");
  await ctx.checkpoint("delivery-started");

  ctx.step("run “Delivered”: delivered_at is stamped");
  await runTransition(page, "Delivered");
  await shownValue(page, "status").getByText("Delivered").waitFor();
  const delivered = await shownValue(page, "delivered_at").innerText();
  if (!/\d/.test(delivered)) throw new Error("delivered_at was not set by “Delivered”");
  await ctx.checkpoint("delivery-delivered");
}
