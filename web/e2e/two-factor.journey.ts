import { readFileSync } from "node:fs";
import type { WebSocketLikeConstructor } from "@supabase/realtime-js";
import { createClient } from "@supabase/supabase-js";
import { generate } from "otplib";
import type { Page } from "playwright-core";
import WebSocket from "ws";
import type { StackTarget, TestUser } from "./fixtures.ts";
import type { JourneyContext } from "./harness.ts";
import { heading } from "./steps.ts";

/** Title of the journey, for runners and reports. */
export const title = "two-factor: enroll with a computed TOTP, challenge, recovery code, link Google, delete the account";

const PERIOD_SECONDS = 30;
const RECOVERY_CODE = /[0-9a-z]{5}-[0-9a-z]{5}/g;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const stepAt = (ms: number) => Math.floor(ms / 1000 / PERIOD_SECONDS);

/**
 * The authenticator app of the test: RFC 6238 codes from the setup key read off the screen.
 * The server takes each 30-second step once (and never an older one after a newer one), so
 * every code comes from a step later than the last one used, waiting for it when needed; a
 * code is never taken in the last seconds of its step, so it is still current on arrival.
 */
function authenticator(secret: string) {
  let lastStep = -1;
  return {
    async code(): Promise<string> {
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
    },
    /** A well-formed code that no step near now produces. */
    async wrongCode(): Promise<string> {
      const step = stepAt(Date.now());
      const near = await Promise.all(
        [-1, 0, 1, 2].map((offset) => generate({ secret, epoch: (step + offset) * PERIOD_SECONDS })),
      );
      for (let offset = 100; ; offset += 1) {
        const candidate = await generate({ secret, epoch: (step + offset) * PERIOD_SECONDS });
        if (!near.includes(candidate)) return candidate;
      }
    },
  };
}

async function atPath(page: Page, pathname: string): Promise<void> {
  await page.waitForURL((url) => url.pathname === pathname);
}

/** Signing out may return to the page it started from (`?next=`); wherever it goes, it is past the code step. */
async function leftChallenge(page: Page): Promise<void> {
  await page.waitForURL((url) => url.pathname !== "/sign-in/two-factor");
}

async function signOutFromMenu(page: Page, email: string): Promise<void> {
  await page.getByRole("button", { name: `Account menu for ${email}` }).click();
  await page.getByRole("menuitem", { name: "Sign out" }).click();
  await atPath(page, "/sign-in");
}

async function signInWithPassword(page: Page, user: TestUser): Promise<void> {
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password", { exact: true }).fill(user.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

async function expectNoSideScroll(page: Page, what: string): Promise<void> {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  if (overflow > 0) throw new Error(`${what} scrolls sideways by ${overflow}px at 768px wide`);
}

/**
 * A user past the 30-day grace period meets the "set it up to continue" screen. Then a new
 * user secures their account: sets up 2FA from the setup key on screen with codes the test
 * computes, keeps the recovery codes, is asked for a code at the next sign-in (a wrong one is
 * refused), signs in once with a recovery code, links Google, and finally deletes the account
 * after reading what goes and what stays.
 */
export async function twoFactorJourney(ctx: JourneyContext, target: StackTarget): Promise<void> {
  const { page, baseUrl, fixtures } = ctx;
  const user = await fixtures.createUser("two-factor");
  const workspace = `Solo ${fixtures.tag}`;
  const slug = `solo-${fixtures.tag}`;
  const seeding = await fixtures.clientFor(user);
  const created = await seeding.rpc("create_tenant", {
    p_name: workspace,
    p_slug: slug,
    p_timezone: "Europe/Berlin",
    p_language: "en",
  });
  if (created.error) throw new Error(`could not create the workspace: ${created.error.message}`);
  await seeding.auth.signOut({ scope: "local" });

  ctx.step("past the 30-day grace period without 2FA, every workspace page explains instead of showing nothing");
  const late = await fixtures.createUser("two-factor-late");
  const lateSlug = `late-${fixtures.tag}`;
  const lateApi = await fixtures.clientFor(late);
  const lateTenant = await lateApi.rpc("create_tenant", { p_name: `Late ${fixtures.tag}`, p_slug: lateSlug });
  if (lateTenant.error) throw new Error(`could not create the workspace: ${lateTenant.error.message}`);
  await lateApi.auth.signOut({ scope: "local" });
  // Time travel, as only the operator could: the account was registered 31 days ago.
  const operator = createClient(target.supabaseUrl, target.serviceRoleKey, {
    // Node 20 has no global WebSocket: realtime-js needs `ws` handed in.
    realtime: { transport: WebSocket as unknown as WebSocketLikeConstructor },
    auth: { persistSession: false, autoRefreshToken: false },
  });
  const moved = await operator
    .from("profiles")
    .update({ registered_at: new Date(Date.now() - 31 * 86_400_000).toISOString() })
    .eq("id", late.id);
  if (moved.error) throw new Error(`could not move registered_at: ${moved.error.message}`);
  await fixtures.signIn(page, baseUrl, late);
  await heading(page, "Set up two-factor authentication to continue");
  await ctx.checkpoint("enforced");
  await page.goto(`${baseUrl}/t/${lateSlug}`);
  await heading(page, "Set up two-factor authentication to continue");
  const lockedOut = await fixtures.clientFor(late);
  const lateTenants = await lockedOut.from("tenants").select("id");
  if (lateTenants.error || (lateTenants.data ?? []).length !== 0) {
    throw new Error(
      `the database gave tenant data to a session past the deadline: ${JSON.stringify(lateTenants.data ?? lateTenants.error)}`,
    );
  }
  await lockedOut.auth.signOut({ scope: "local" });
  await page.getByRole("link", { name: "Set up two-factor authentication" }).click();
  await atPath(page, "/account/security/two-factor");
  await heading(page, "Set up two-factor authentication");
  await page.getByRole("figure", { name: "Setup key" }).waitFor();
  await signOutFromMenu(page, late.email);

  ctx.step("a new account is reminded to set up 2FA above every page, and may postpone it for this session");
  await fixtures.signIn(page, baseUrl, user);
  await atPath(page, `/t/${slug}`);
  const reminder = page.getByRole("complementary", { name: "Protect your account with two-factor authentication" });
  await reminder.getByText(/It becomes required for your account on .*, in 30 days\./).waitFor();
  await ctx.checkpoint("prompt-banner");
  await reminder.getByRole("button", { name: "Remind me later" }).click();
  await reminder.waitFor({ state: "detached" });
  await page.getByRole("button", { name: `Account menu for ${user.email}` }).click();
  await page.getByRole("menuitem", { name: "Account" }).click();
  await atPath(page, "/account");
  await heading(page, "Your account");
  if (await reminder.isVisible()) throw new Error("the postponed reminder came back within the same session");

  ctx.step("Account → Security → set up two-factor authentication");
  await page.goto(`${baseUrl}/account`);
  await heading(page, "Your account");
  const securityCard = page.getByRole("region", { name: "Security" });
  await securityCard.getByText("Off", { exact: true }).waitFor();
  await securityCard.getByRole("link", { name: "Security settings" }).click();
  await atPath(page, "/account/security");
  await heading(page, "Security");
  const twoFactorCard = page.getByRole("region", { name: "Two-factor authentication" });
  await twoFactorCard.getByText(/Required for your account from/).waitFor();
  await page.getByRole("region", { name: "Linked accounts" }).getByText("Email and password").waitFor();
  await ctx.checkpoint("security-page");
  await twoFactorCard.getByRole("link", { name: "Set up two-factor authentication" }).click();
  await atPath(page, "/account/security/two-factor");
  await heading(page, "Set up two-factor authentication");

  ctx.step("scan step: QR code with a text alternative, and the setup key grouped by four");
  await page.getByRole("img", { name: `QR code that adds ${user.email} at FlexOffice to an authenticator app` }).waitFor();
  const keyText = await page.getByRole("figure", { name: "Setup key" }).locator("code").innerText();
  if (!/^([A-Z2-7]{4} )+[A-Z2-7]{1,4}$/.test(keyText.trim()))
    throw new Error(`the setup key is not shown in groups: "${keyText}"`);
  const app = authenticator(keyText.replace(/\s+/g, ""));
  await ctx.checkpoint("setup-scan");
  await page.getByRole("button", { name: "Verify and turn on" }).click();
  await page.getByText("Enter the 6-digit code from your authenticator app.").waitFor();
  await page.getByLabel("6-digit code").fill(await app.code());
  await page.getByRole("button", { name: "Verify and turn on" }).click();

  ctx.step("recovery codes: shown once, downloadable, and confirmed as saved before moving on");
  await page.getByRole("heading", { name: "Save your recovery codes" }).waitFor();
  const codesText = await page.getByRole("list", { name: "Recovery codes" }).innerText();
  const recoveryCodes = codesText.match(RECOVERY_CODE) ?? [];
  if (recoveryCodes.length !== 10) throw new Error(`expected 10 recovery codes, saw ${recoveryCodes.length}: ${codesText}`);
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "Download .txt" }).click(),
  ]);
  if (!/^flexoffice-recovery-codes-\d{4}-\d{2}-\d{2}\.txt$/.test(download.suggestedFilename())) {
    throw new Error(`unexpected file name ${download.suggestedFilename()}`);
  }
  const file = readFileSync(await download.path(), "utf8");
  const missing = recoveryCodes.filter((code) => !file.includes(code));
  if (missing.length > 0) throw new Error(`the downloaded file lacks ${missing.join(", ")}`);
  await page.getByRole("button", { name: "Done" }).click();
  await page.getByText("Confirm that you saved the codes first.").waitFor();
  await ctx.checkpoint("recovery-codes");
  await page.getByRole("button", { name: `Account menu for ${user.email}` }).click();
  await page.getByRole("menuitem", { name: "Account" }).click();
  const leave = page.getByRole("alertdialog", { name: "Leave without saving your recovery codes?" });
  await leave.waitFor();
  await ctx.checkpoint("leave-without-codes");
  await leave.getByRole("button", { name: "Stay and save them" }).click();
  await leave.waitFor({ state: "detached" });
  if (new URL(page.url()).pathname !== "/account/security/two-factor") throw new Error("leaving was not held back");
  await page.getByLabel("I saved my recovery codes somewhere safe").check();
  await page.getByRole("button", { name: "Done" }).click();
  await atPath(page, "/account/security");
  await page.getByText("Two-factor authentication is on.").first().waitFor();
  await twoFactorCard.getByText("On", { exact: true }).waitFor();
  await twoFactorCard.getByText("10 recovery codes left.").waitFor();
  await ctx.checkpoint("security-2fa-on");
  await page.getByRole("button", { name: "Appearance and language" }).click();
  await page.getByRole("menuitemradio", { name: "Dark" }).click();
  await page.waitForFunction(() => document.documentElement.classList.contains("dark"));
  await ctx.checkpoint("security-2fa-on-dark");
  await page.getByRole("button", { name: "Appearance and language" }).click();
  await page.getByRole("menuitemradio", { name: "Light" }).click();
  await page.waitForFunction(() => !document.documentElement.classList.contains("dark"));

  ctx.step("the database trusts a new session with nothing until it passes the challenge");
  const unverified = await fixtures.clientFor(user);
  const requirement = await unverified.rpc("get_mfa_requirement");
  if ((requirement.data as { state?: string } | null)?.state !== "challenge_required") {
    throw new Error(`a fresh session should owe its code: ${JSON.stringify(requirement.data ?? requirement.error)}`);
  }
  const tenants = await unverified.from("tenants").select("id");
  if (tenants.error || (tenants.data ?? []).length !== 0) {
    throw new Error(`a session without its code read tenants: ${JSON.stringify(tenants.data ?? tenants.error)}`);
  }
  await unverified.auth.signOut({ scope: "local" });

  ctx.step("signing in again asks for the code before any page; a wrong code is refused");
  await signOutFromMenu(page, user.email);
  await signInWithPassword(page, user);
  await atPath(page, "/sign-in/two-factor");
  await heading(page, "Enter your code");
  await ctx.checkpoint("challenge");
  await page.getByLabel("6-digit code").fill(await app.wrongCode());
  ctx.expectConsoleError(/status of 422/);
  await page.getByRole("button", { name: "Verify", exact: true }).click();
  await page.getByText("That code is wrong or has expired.").waitFor();
  await page.getByText("4 attempts left before a 15-minute lockout.").waitFor();
  await ctx.checkpoint("challenge-wrong-code");

  ctx.step("the right code gets in, to the workspace");
  await page.getByLabel("6-digit code").fill(await app.code());
  await page.getByRole("button", { name: "Verify", exact: true }).click();
  await leftChallenge(page);
  await page.getByText("You're signed in.").first().waitFor();
  await page.goto(`${baseUrl}/t/${slug}`);
  await heading(page, `Welcome to ${workspace}`);
  if (await page.getByRole("complementary", { name: "Protect your account with two-factor authentication" }).isVisible()) {
    throw new Error("the 2FA reminder still shows after 2FA was set up");
  }

  ctx.step("a recovery code works once instead of the app");
  await signOutFromMenu(page, user.email);
  await signInWithPassword(page, user);
  await heading(page, "Enter your code");
  await page.getByRole("button", { name: "Use a recovery code instead" }).click();
  await page.getByLabel("Recovery code").fill(recoveryCodes[0] ?? "");
  await ctx.checkpoint("challenge-recovery-code");
  await page.getByRole("button", { name: "Verify", exact: true }).click();
  await leftChallenge(page);
  await page.getByText("You signed in with a recovery code. 9 codes are left.").waitFor();

  ctx.step("link Google through the provider; back with a new session, the code is asked again");
  await page.goto(`${baseUrl}/account/security`);
  await heading(page, "Security");
  const linked = page.getByRole("region", { name: "Linked accounts" });
  await linked.getByText("This is the address your account is known by").waitFor();
  await linked.getByRole("button", { name: "Link Google", exact: true }).click();
  await page.waitForURL(/\/fake-oidc\/google\//);
  await page.getByRole("textbox", { name: "Email" }).fill(user.email);
  await page.getByRole("button", { name: "Sign in as this user" }).click();
  await atPath(page, "/sign-in/two-factor");
  await heading(page, "Enter your code");
  await page.getByLabel("6-digit code").fill(await app.code());
  await page.getByRole("button", { name: "Verify", exact: true }).click();
  await atPath(page, "/account/security");
  await linked.getByText("Google", { exact: true }).waitFor();
  await page.getByText("Google is now linked to your account.").waitFor();
  await ctx.checkpoint("google-linked");

  ctx.step("the security page fits a tablet in portrait");
  const desktop = page.viewportSize();
  await page.setViewportSize({ width: 768, height: 1024 });
  await expectNoSideScroll(page, "the security page");
  await ctx.checkpoint("security-tablet");
  if (desktop) await page.setViewportSize(desktop);

  ctx.step("Google can be unlinked again after confirming; the email identity cannot");
  await linked.getByRole("button", { name: "Unlink Google" }).click();
  const unlinkDialog = page.getByRole("alertdialog", { name: "Unlink Google?" });
  await unlinkDialog.waitFor();
  await ctx.checkpoint("unlink-dialog");
  await unlinkDialog.getByRole("button", { name: "Unlink", exact: true }).click();
  await page.getByText("Google is no longer linked.").waitFor();
  await linked.getByRole("button", { name: "Link Google", exact: true }).waitFor();
  if ((await linked.getByRole("button", { name: /^Unlink/ }).count()) !== 0) {
    throw new Error("the email identity offers to be unlinked");
  }

  ctx.step("new recovery codes replace the old ones, confirmed with an app code");
  await twoFactorCard.getByRole("button", { name: "Generate new recovery codes" }).click();
  const regenerate = page.getByRole("dialog", { name: "Generate new recovery codes" });
  await regenerate.getByLabel("6-digit code").fill(await app.code());
  await regenerate.getByRole("button", { name: "Generate new codes" }).click();
  const newCodesDialog = page.getByRole("dialog", { name: "Your new recovery codes" });
  const newCodes = (await newCodesDialog.getByRole("list", { name: "Recovery codes" }).innerText()).match(RECOVERY_CODE) ?? [];
  if (newCodes.length !== 10 || newCodes.some((code) => recoveryCodes.includes(code))) {
    throw new Error(`expected 10 new recovery codes, saw ${newCodes.join(", ")}`);
  }
  await newCodesDialog.getByRole("button", { name: "Done" }).click();
  await newCodesDialog.getByText("Confirm that you saved the codes first.").waitFor();
  await ctx.checkpoint("new-recovery-codes");
  await newCodesDialog.getByLabel("I saved my recovery codes somewhere safe").check();
  await newCodesDialog.getByRole("button", { name: "Done" }).click();
  await newCodesDialog.waitFor({ state: "detached" });
  await twoFactorCard.getByText("10 recovery codes left.").waitFor();

  ctx.step("delete the account: what goes, what stays, then the password and a second factor");
  await page.getByRole("link", { name: "Delete my account…" }).click();
  await atPath(page, "/account/delete");
  await heading(page, "Delete your account");
  const goes = page.getByRole("region", { name: "Deleted with your account" });
  await goes.getByText(new RegExp(`^${workspace} · \\d+ records$`)).waitFor();
  await goes.getByText("Your profile: 1").waitFor();
  await goes.getByText("Two-factor authentication setup: 1").waitFor();
  await page.getByRole("region", { name: "What stays" }).getByText("Nothing of yours stays in a shared workspace.").waitFor();
  await ctx.checkpoint("delete-preview");
  await page.getByRole("button", { name: "Delete my account", exact: true }).click();
  await page.getByText("Enter your password.").waitFor();
  await page.getByText("Confirm that you understand the deletion is permanent.").waitFor();
  await page.getByLabel("Your password").fill(`${user.password}-wrong`);
  // The password is checked first: a wrong one never reaches (or spends) the code.
  await page.getByLabel("6-digit code").fill(await app.wrongCode());
  await page.getByLabel(/I understand that my account/).check();
  ctx.expectConsoleError(/status of 422/);
  await page.getByRole("button", { name: "Delete my account", exact: true }).click();
  await page.getByText("The password is wrong. 4 attempts left before a 15-minute lockout.").waitFor();
  await ctx.checkpoint("delete-wrong-password");
  await page.getByLabel("Your password").fill(user.password);
  await page.getByRole("button", { name: "Use a recovery code instead" }).click();
  await page.getByLabel("Recovery code").fill(newCodes[0] ?? "");
  // The browser forgets the session afterwards; Auth answers 403 for a user that no longer exists.
  ctx.expectConsoleError(/status of 403/);
  await page.getByRole("button", { name: "Delete my account", exact: true }).click();
  await atPath(page, "/goodbye");
  await heading(page, "Your account has been deleted");
  await page.getByText("1 workspace was deleted with it.").waitFor();
  await ctx.checkpoint("goodbye");

  ctx.step("the deleted account can no longer sign in");
  await page.getByRole("link", { name: "Go to sign in" }).click();
  await atPath(page, "/sign-in");
  ctx.expectConsoleError(/status of 400.*\/auth\/v1\/token/);
  await signInWithPassword(page, user);
  await page.getByText("The email or password is wrong.").waitFor();
  await ctx.checkpoint("deleted-cannot-sign-in");
  const refused = await fixtures.clientFor(user).then(
    () => "signed in",
    () => "refused",
  );
  if (refused !== "refused") throw new Error("the deleted account still signs in through the API");
}
