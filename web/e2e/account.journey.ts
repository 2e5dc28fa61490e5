import { randomBytes } from "node:crypto";
import type { Page } from "playwright-core";
import type { JourneyContext } from "./harness.ts";
import type { Mail } from "./inbox.ts";
import { heading } from "./steps.ts";

/** Title of the journey, for runners and reports. */
export const title = "account: sign up, verify, sign in/out, reset password, Google";

async function atPath(page: Page, pathname: string, search?: string): Promise<void> {
  await page.waitForURL((url) => url.pathname === pathname && (search === undefined || url.search === search));
}

function linkOfType(mail: Mail, type: string): string {
  const link = mail.links.find((l) => l.includes("/verify") && l.includes(`type=${type}`));
  if (!link) throw new Error(`mail "${mail.subject}" has no ${type} link; links: ${mail.links.join(", ")}`);
  return link;
}

async function fillCredentials(page: Page, email: string, password: string): Promise<void> {
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
}

async function openAccountPage(page: Page, email: string): Promise<void> {
  await page.getByRole("button", { name: `Account menu for ${email}` }).click();
  await page.getByRole("menuitem", { name: "Account" }).click();
  await atPath(page, "/account");
  await heading(page, "Your account");
  await page.getByText(`Signed in as ${email}`).waitFor();
}

async function signOutHere(page: Page): Promise<void> {
  await page.getByRole("button", { name: "Sign out on this device" }).click();
  await atPath(page, "/sign-in");
  await page.getByText("You're signed out.").first().waitFor();
}

/**
 * A new user's whole account life, as they would click through it: register, confirm by
 * mail, sign out and in, a stale link, a wrong password, "sign out everywhere", forgot and
 * reset the password, then Google through the devstack's stand-in provider.
 */
export async function accountJourney(ctx: JourneyContext): Promise<void> {
  const { page, baseUrl, inbox } = ctx;
  const tag = `${Date.now().toString(36)}${randomBytes(3).toString("hex")}`;
  const email = `journey-${tag}@example.test`;
  const password = `First-${randomBytes(6).toString("hex")}`;
  const newPassword = `Second-${randomBytes(6).toString("hex")}`;

  ctx.step("a signed-out visitor is sent to sign in");
  await page.goto(`${baseUrl}/`);
  await atPath(page, "/sign-in");
  await heading(page, "Sign in");
  await ctx.checkpoint("sign-in");

  ctx.step("theme and language switch (dark, German) and back");
  await page.getByRole("button", { name: "Appearance and language" }).click();
  await page.getByRole("menuitemradio", { name: "Dark" }).click();
  await page.waitForFunction(() => document.documentElement.classList.contains("dark"));
  await page.getByRole("button", { name: "Appearance and language" }).click();
  await page.getByRole("menuitemradio", { name: "Deutsch" }).click();
  await heading(page, "Anmelden");
  await page.waitForFunction(() => document.documentElement.lang === "de");
  await ctx.checkpoint("sign-in-dark-german");
  await page.getByRole("button", { name: "Darstellung und Sprache" }).click();
  await page.getByRole("menuitemradio", { name: "English" }).click();
  await heading(page, "Sign in");
  await page.getByRole("button", { name: "Appearance and language" }).click();
  await page.getByRole("menuitemradio", { name: "Light" }).click();
  await page.waitForFunction(() => !document.documentElement.classList.contains("dark"));

  ctx.step("sign up: the form explains what is missing, then asks to check the inbox");
  await page.getByRole("link", { name: "Create an account" }).click();
  await heading(page, "Create your account");
  await page.getByRole("button", { name: "Create account" }).click();
  await page.getByText("Enter your email address.").waitFor();
  await page.getByText("Use at least 8 characters.").waitFor();
  await ctx.checkpoint("sign-up-validation");
  await fillCredentials(page, email, password);
  await page.getByRole("button", { name: "Create account" }).click();
  await atPath(page, "/sign-up/check-inbox");
  await heading(page, "Check your inbox");
  await page.getByText(email).waitFor();
  await ctx.checkpoint("check-inbox");

  const isSignupMail = (m: Mail) => m.links.some((l) => l.includes("type=signup"));
  await inbox.waitForMail(email, isSignupMail);

  ctx.step("signing in before confirming offers to send the mail again");
  await page.goto(`${baseUrl}/sign-in`);
  await fillCredentials(page, email, password);
  ctx.expectConsoleError(/status of 400.*\/auth\/v1\/token/);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await page.getByText("Please confirm your email address first").waitFor();
  await ctx.checkpoint("sign-in-unconfirmed");
  await page.getByRole("button", { name: "Send the confirmation email again" }).click();
  await atPath(page, "/sign-up/check-inbox");
  await page.getByText(email).waitFor();

  ctx.step("the newest confirmation mail's link confirms the address and signs in");
  const confirmation = await inbox.waitForMail(email, isSignupMail);
  const confirmLink = linkOfType(confirmation, "signup");
  await page.goto(confirmLink);
  await atPath(page, "/tenants/new");
  await heading(page, "Create your first workspace");
  await page.getByText("Your email address is confirmed. Welcome!").waitFor();
  await ctx.checkpoint("first-workspace");

  ctx.step("the account menu leads to the account page");
  await openAccountPage(page, email);
  await page.getByRole("region", { name: "Sign-in methods" }).getByText("Email and password").waitFor();
  await page.getByRole("region", { name: "Your workspaces" }).getByText("You're not a member of any workspace yet.").waitFor();
  await page.getByText("Confirmed", { exact: false }).first().waitFor();
  await ctx.checkpoint("home");

  ctx.step("sign out on this device");
  await signOutHere(page);

  ctx.step("opening the used confirmation link again explains, without raw errors");
  await page.goto(confirmLink);
  await atPath(page, "/auth/callback");
  await heading(page, "We couldn't sign you in");
  await page.getByText("This link has expired or was already used.").waitFor();
  const hash = new URL(page.url()).hash;
  if (hash.includes("error")) throw new Error(`the error stayed in the address bar: ${hash}`);
  await ctx.checkpoint("link-used");
  await page.getByRole("link", { name: "Back to sign in" }).click();
  await atPath(page, "/sign-in");

  ctx.step("a wrong password gets a human message");
  await fillCredentials(page, email, "not-the-password");
  ctx.expectConsoleError(/status of 400.*\/auth\/v1\/token/);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await page.getByText("The email or password is wrong.").waitFor();
  await ctx.checkpoint("sign-in-wrong-password");

  ctx.step("a deep link survives signing in with the password");
  await page.goto(`${baseUrl}/account?from=journey`);
  await atPath(page, "/sign-in", `?next=${encodeURIComponent("/account?from=journey")}`);
  await page.getByText("Sign in to continue to the page you asked for.").waitFor();
  await fillCredentials(page, email, password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await atPath(page, "/account", "?from=journey");
  await page.getByText(`Signed in as ${email}`).waitFor();

  ctx.step("sign out everywhere asks first");
  await page.getByRole("button", { name: "Sign out everywhere" }).click();
  const dialog = page.getByRole("alertdialog", { name: "Sign out everywhere?" });
  await dialog.waitFor();
  await ctx.checkpoint("sign-out-everywhere-dialog");
  await dialog.getByRole("button", { name: "Sign out everywhere" }).click();
  await atPath(page, "/sign-in");
  await page.getByText("You're signed out on all your devices.").waitFor();

  ctx.step("forgot password: the address carries over and a recovery mail is sent");
  await page.getByLabel("Email").fill(email);
  await page.getByRole("link", { name: "Forgot your password?" }).click();
  await heading(page, "Reset your password");
  const prefilled = await page.getByLabel("Email").inputValue();
  if (prefilled !== email) throw new Error(`the email did not carry over to the reset form (got "${prefilled}")`);
  await ctx.checkpoint("forgot-password");
  await page.getByRole("button", { name: "Send reset link" }).click();
  await page.getByText(`If an account exists for ${email}`).waitFor();
  await ctx.checkpoint("forgot-password-sent");

  ctx.step("the recovery link leads to choosing a new password");
  const recovery = await inbox.waitForMail(email, (m) => m.links.some((l) => l.includes("type=recovery")));
  await page.goto(linkOfType(recovery, "recovery"));
  await atPath(page, "/reset-password");
  await heading(page, "Choose a new password");
  await page.getByLabel("New password", { exact: true }).fill(newPassword);
  await page.getByLabel("Repeat the new password", { exact: true }).fill(`${newPassword}x`);
  await page.getByRole("button", { name: "Save new password" }).click();
  await page.getByText("The two passwords don't match.").waitFor();
  await ctx.checkpoint("reset-password");
  await page.getByLabel("Repeat the new password", { exact: true }).fill(newPassword);
  await page.getByRole("button", { name: "Save new password" }).click();
  await atPath(page, "/tenants/new");
  await page.getByText("Your password has been changed.").waitFor();

  ctx.step("the new password works (signing out from the account menu)");
  await page.getByRole("button", { name: `Account menu for ${email}` }).click();
  await page.getByRole("menuitem", { name: "Sign out" }).click();
  await atPath(page, "/sign-in");
  await fillCredentials(page, email, newPassword);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await atPath(page, "/tenants/new");
  await openAccountPage(page, email);
  await signOutHere(page);

  ctx.step("cancelling at the provider (Facebook) explains what happened");
  await page.getByRole("button", { name: "Continue with Facebook" }).click();
  await page.waitForURL(/\/fake-oidc\/facebook\//);
  await page.getByRole("button", { name: "Cancel" }).click();
  await atPath(page, "/auth/callback");
  await heading(page, "We couldn't sign you in");
  await page.getByText("Access was refused. Please try again.").waitFor();
  await ctx.checkpoint("oauth-cancelled");
  await page.getByRole("link", { name: "Back to sign in" }).click();
  await atPath(page, "/sign-in");

  ctx.step("Google sign-in with the same verified address links it to the account");
  await page.getByRole("button", { name: "Continue with Google" }).click();
  await page.waitForURL(/\/fake-oidc\/google\//);
  await page.getByRole("textbox", { name: "Email" }).fill(email);
  await page.getByRole("button", { name: "Sign in as this user" }).click();
  await atPath(page, "/tenants/new");
  await openAccountPage(page, email);
  const methods = page.getByRole("region", { name: "Sign-in methods" });
  await methods.getByText("Google", { exact: true }).waitFor();
  await methods.getByText("Email and password").waitFor();
  await ctx.checkpoint("home-google-linked");

  ctx.step("the account page fits a tablet in portrait");
  const desktop = page.viewportSize();
  await page.setViewportSize({ width: 768, height: 1024 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  if (overflow > 0) throw new Error(`the account page scrolls sideways by ${overflow}px at 768px wide`);
  await ctx.checkpoint("home-tablet");
  if (desktop) await page.setViewportSize(desktop);

  ctx.step("an unknown address has a way back");
  await page.goto(`${baseUrl}/no-such-page`);
  await heading(page, "Page not found");
  await ctx.checkpoint("not-found");
}
