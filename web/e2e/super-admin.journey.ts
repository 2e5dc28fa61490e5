import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { generate } from "otplib";
import type { Page } from "playwright-core";
import type { StackTarget } from "./fixtures.ts";
import type { JourneyContext } from "./harness.ts";
import type { Mail } from "./inbox.ts";
import { heading } from "./steps.ts";

/** Title of the journey, for runners and reports. */
export const title = "super admin: bootstrap, first-login setup with 2FA, tenants and users; a normal user is refused";

const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const PERIOD_SECONDS = 30;
const sleep = (ms: number) => new Promise((resolvePromise) => setTimeout(resolvePromise, ms));
const stepAt = (ms: number) => Math.floor(ms / 1000 / PERIOD_SECONDS);

/**
 * The test's authenticator app (RFC 6238 from the setup key on screen, with otplib). The
 * server takes each 30-second step once, so every code is from a later step than the last,
 * and never from the last seconds of its step.
 */
function authenticator(secret: string) {
  let lastStep = -1;
  return async (): Promise<string> => {
    for (;;) {
      const now = Date.now();
      const step = stepAt(now);
      const left = (step + 1) * PERIOD_SECONDS * 1000 - now;
      if (step > lastStep && left > 4000) {
        lastStep = step;
        return generate({ secret, epoch: step * PERIOD_SECONDS });
      }
      await sleep(left + 250);
    }
  };
}

/**
 * What `npm run dev` does for the platform's first administrator: scripts/bootstrap.mjs with
 * the service role (in this process only), which creates the account unconfirmed, registers
 * it with register_super_admin and mails the confirmation link.
 */
function bootstrapSuperAdmin(target: StackTarget, email: string, password: string): string {
  const run = spawnSync(process.execPath, [resolve(projectRoot, "scripts/bootstrap.mjs")], {
    cwd: projectRoot,
    encoding: "utf8",
    timeout: 60_000,
    env: {
      PATH: process.env.PATH,
      SUPABASE_URL: target.supabaseUrl,
      SUPABASE_SERVICE_ROLE_KEY: target.serviceRoleKey,
      SUPER_ADMIN_EMAIL: email,
      SUPER_ADMIN_PASSWORD: password,
    },
  });
  if (run.status !== 0) throw new Error(`bootstrap failed (exit ${run.status}): ${run.stderr}`);
  return run.stdout;
}

async function signInToConsole(page: Page, email: string, password: string): Promise<void> {
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

function signupLink(mail: Mail): string {
  const link = mail.links.find((l) => l.includes("/verify") && l.includes("type=signup"));
  if (!link) throw new Error(`mail "${mail.subject}" has no confirmation link; links: ${mail.links.join(", ")}`);
  return link;
}

/**
 * The platform's first administrator from bootstrap to work: the console's own sign-in, the
 * setup the database insists on (confirmed email, own password, 2FA, a verified session),
 * tenants and users; a second sign-in passes the 2FA challenge; and a workspace member who
 * wanders into /admin is told plainly that it is not for them (the API refuses them too).
 */
export async function superAdminJourney(ctx: JourneyContext, target: StackTarget): Promise<void> {
  const { page, baseUrl, inbox, fixtures } = ctx;
  const email = `root-${fixtures.tag}@example.test`;
  const initialPassword = `Initial-${randomBytes(6).toString("hex")}`;
  const ownPassword = `Own-${randomBytes(8).toString("hex")}`;

  ctx.step("bootstrap registers the super admin, unconfirmed, as `npm run dev` does");
  const report = bootstrapSuperAdmin(target, email, initialPassword);
  if (!report.includes(`Super admin ${email} created and registered.`))
    throw new Error(`unexpected bootstrap report:\n${report}`);
  // The bootstrap's own mail points at the configured site URL; the console sends one that comes back here.
  await inbox.waitForMail(email, (m) => m.links.some((l) => l.includes("type=signup")));

  const owner = await fixtures.createUser("globex-owner");
  const ownerApi = await fixtures.clientFor(owner);
  const tenantName = `Globex ${fixtures.tag}`;
  const { error: tenantError } = await ownerApi.rpc("create_tenant", { p_name: tenantName, p_slug: `globex-${fixtures.tag}` });
  if (tenantError) throw new Error(`create_tenant failed: ${tenantError.message}`);

  ctx.step("the console has its own sign-in; the unconfirmed address gets its link again");
  await page.goto(`${baseUrl}/admin`);
  await page.waitForURL((url) => url.pathname === "/admin/sign-in");
  await heading(page, "Sign in to platform administration");
  await page.getByText("Platform administration", { exact: true }).waitFor();
  await ctx.checkpoint("admin-sign-in");
  ctx.expectConsoleError(/status of 400.*\/auth\/v1\/token/);
  await signInToConsole(page, email, initialPassword);
  await page.getByText("Confirm your email address first").waitFor();
  await page.getByRole("button", { name: "Send the confirmation email again" }).click();
  await page.getByText(`A new confirmation link is on its way to ${email}`).waitFor();
  await ctx.checkpoint("admin-unconfirmed");

  ctx.step("the link confirms the address and opens the setup: the initial password goes first");
  const confirmation = await inbox.waitForMail(email, (m) => m.links.some((l) => l.includes("type=signup")));
  await page.goto(signupLink(confirmation));
  await page.waitForURL((url) => url.pathname === "/admin");
  await heading(page, "Finish setting up your administrator account");
  const passwordStep = page.getByRole("region", { name: "Replace the initial password" });
  await passwordStep.waitFor();
  await ctx.checkpoint("admin-setup-password");
  await passwordStep.getByLabel("New password", { exact: true }).fill(ownPassword);
  await passwordStep.getByLabel("Repeat the new password", { exact: true }).fill(ownPassword);
  await passwordStep.getByRole("button", { name: "Save my password" }).click();

  ctx.step("two-factor authentication with a code computed from the setup key");
  const twoFactorStep = page.getByRole("region", { name: "Turn on two-factor authentication" });
  await twoFactorStep.getByRole("button", { name: "Set up the authenticator app" }).click();
  await twoFactorStep.getByRole("img", { name: /QR code that adds/ }).waitFor();
  const key = (await twoFactorStep.locator("code").first().innerText()).replace(/\s/g, "");
  if (!/^[A-Z2-7]{16,}$/.test(key)) throw new Error(`the setup key on screen is not base32: ${key}`);
  const nextCode = authenticator(key);
  await ctx.checkpoint("admin-setup-2fa");
  await twoFactorStep.getByLabel("6-digit code from the app").fill(await nextCode());
  await twoFactorStep.getByRole("button", { name: "Verify and turn on" }).click();
  const codesStep = page.getByRole("region", { name: "Save your recovery codes" });
  await codesStep.waitFor();
  await ctx.checkpoint("admin-recovery-codes");
  const proceed = codesStep.getByRole("button", { name: "Continue to the console" });
  if (await proceed.isEnabled()) throw new Error("the console opened before the recovery codes were saved");
  await codesStep.getByLabel("I saved my recovery codes somewhere safe").check();
  await proceed.click();

  ctx.step("the console lists tenants; one opens with its members, roles and stored objects");
  await page.waitForURL((url) => url.pathname === "/admin/tenants");
  await heading(page, "Tenants");
  await page.getByLabel("Search by name or address").fill(fixtures.tag);
  await page.getByRole("button", { name: "Search", exact: true }).click();
  await page.getByText("1–1 of 1").waitFor();
  await ctx.checkpoint("admin-tenants");
  await page.getByRole("link", { name: tenantName }).click();
  await heading(page, tenantName);
  const members = page.getByRole("region", { name: "1 member" });
  await members.getByRole("link", { name: owner.email }).waitFor();
  await page.getByLabel("Table", { exact: true }).selectOption("roles");
  await page.getByRole("cell", { name: "Viewer" }).first().waitFor();
  await ctx.checkpoint("admin-tenant-detail");

  ctx.step("users: search, then one account with its workspace");
  await page.getByRole("navigation", { name: "Platform administration" }).getByRole("link", { name: "Users" }).click();
  await heading(page, "Users");
  await page.getByLabel("Search by email or name").fill(owner.email);
  await page.getByRole("button", { name: "Search", exact: true }).click();
  await page.getByText("1–1 of 1").waitFor();
  await ctx.checkpoint("admin-users");
  await page.getByRole("link", { name: owner.email }).click();
  await heading(page, owner.email);
  await page.getByRole("region", { name: "1 workspace" }).getByRole("link", { name: tenantName }).waitFor();
  await ctx.checkpoint("admin-user-detail");

  ctx.step("a new sign-in must pass the 2FA challenge before the console opens");
  await page.getByRole("button", { name: "Sign out" }).click();
  await page.waitForURL((url) => url.pathname === "/admin/sign-in");
  await signInToConsole(page, email, ownPassword);
  const challenge = page.getByRole("region", { name: "Enter a code for this session" });
  await challenge.waitFor();
  await ctx.checkpoint("admin-session-challenge");
  await challenge.getByLabel("6-digit code from the app").fill(await nextCode());
  await challenge.getByRole("button", { name: "Verify", exact: true }).click();
  await heading(page, "Tenants");
  await page.getByRole("button", { name: "Sign out" }).click();
  await page.waitForURL((url) => url.pathname === "/admin/sign-in");

  ctx.step("a workspace member at /admin is told it is not for them, and the API refuses them");
  await signInToConsole(page, owner.email, owner.password);
  await heading(page, "This area is for platform administrators");
  await page.getByText(`You're signed in as ${owner.email}`).waitFor();
  await ctx.checkpoint("admin-not-admin");
  await page.goto(`${baseUrl}/admin/users`);
  await heading(page, "This area is for platform administrators");
  const { error: refused } = await ownerApi.rpc("admin_list_users", { p_search: "" });
  if (refused?.code !== "FODEN") throw new Error(`admin_list_users should refuse a normal user, got ${JSON.stringify(refused)}`);
  await page.getByRole("link", { name: "Go to my workspaces" }).waitFor();
}
