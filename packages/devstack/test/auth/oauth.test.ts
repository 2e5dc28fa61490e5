/**
 * OAuth sign-in with the built-in fake OIDC provider (config.toml enables google and
 * facebook without secrets): implicit and PKCE flows through supabase-js, linking by
 * verified email, manual identity linking and unlinking.
 */
import { describe, expect, test } from "vitest";
import {
  client,
  db,
  decodeJwt,
  env,
  follow,
  fragmentParams,
  randomEmail,
  signedInUser,
  verifyLink,
  waitForMail,
} from "./helpers.ts";

/** Drives the browser part: the authorize URL -> fake provider (auto-submits with login_hint) -> /callback -> app. */
async function browse(url: string): Promise<string> {
  let location = url;
  for (let hops = 0; hops < 5; hops++) {
    if (!location.startsWith(env.apiUrl)) return location;
    const { status, location: next } = await follow(location);
    if (status !== 302 && status !== 303) throw new Error(`unexpected ${status} at ${location}`);
    location = next;
  }
  throw new Error("too many redirects");
}

describe("fake OIDC provider", () => {
  test("implicit flow: a new Google user gets a session and a google identity", async () => {
    const email = randomEmail("google");
    const supabase = client();
    const { data, error } = await supabase.auth.signInWithOAuth({
      provider: "google",
      options: { redirectTo: "http://localhost:5173/welcome", skipBrowserRedirect: true, queryParams: { login_hint: email } },
    });
    expect(error).toBeNull();
    expect(data.url).toContain(`${env.apiUrl}/auth/v1/authorize?provider=google`);
    const landed = await browse(data.url ?? "");
    expect(landed.startsWith("http://localhost:5173/welcome#")).toBe(true);
    const fragment = fragmentParams(landed);
    expect(fragment.get("provider_token")).toBeTruthy();
    const claims = decodeJwt(fragment.get("access_token") ?? "");
    expect(claims).toMatchObject({
      email,
      app_metadata: { provider: "google", providers: ["google"] },
      amr: [{ method: "oauth", timestamp: expect.any(Number) }],
    });
    const user = await supabase.auth.getUser(fragment.get("access_token") ?? "");
    const identity = user.data.user?.identities?.[0];
    expect(identity?.provider).toBe("google");
    expect(identity?.identity_data).toMatchObject({
      email,
      email_verified: true,
      sub: identity?.id,
      provider_id: identity?.id,
      iss: `${env.apiUrl}/auth/v1/fake-oidc/google`,
    });
    expect(identity?.identity_data?.name).toBeTruthy();
    expect(user.data.user?.email_confirmed_at).toBeTruthy();

    const again = fragmentParams(
      await browse(
        (
          await client().auth.signInWithOAuth({
            provider: "google",
            options: { skipBrowserRedirect: true, queryParams: { login_hint: email } },
          })
        ).data.url ?? "",
      ),
    );
    expect(decodeJwt(again.get("access_token") ?? "").sub).toBe(claims.sub);
  });

  test("PKCE flow: the callback returns ?code= and exchangeCodeForSession trades it for a session", async () => {
    const email = randomEmail("pkce");
    const supabase = client(undefined, { flowType: "pkce" });
    const { data } = await supabase.auth.signInWithOAuth({
      provider: "facebook",
      options: {
        redirectTo: "http://127.0.0.1:5173/auth/callback",
        skipBrowserRedirect: true,
        queryParams: { login_hint: email },
      },
    });
    expect(data.url).toContain("code_challenge=");
    const landed = new URL(await browse(data.url ?? ""));
    expect(landed.origin + landed.pathname).toBe("http://127.0.0.1:5173/auth/callback");
    const code = landed.searchParams.get("code") ?? "";
    expect(code).toMatch(/^[0-9a-f-]{36}$/);
    const exchanged = await supabase.auth.exchangeCodeForSession(code);
    expect(exchanged.error).toBeNull();
    expect(exchanged.data.session?.user.email).toBe(email);
    expect(exchanged.data.session?.provider_token).toBeTruthy();
    const replay = await supabase.auth.exchangeCodeForSession(code);
    expect(replay.error).not.toBeNull();
  });

  test("a verified Google email links to the existing email/password account", async () => {
    const { email, user } = await signedInUser("linkbyemail");
    const { data } = await client().auth.signInWithOAuth({
      provider: "google",
      options: { skipBrowserRedirect: true, queryParams: { login_hint: email } },
    });
    const fragment = fragmentParams(await browse(data.url ?? ""));
    const claims = decodeJwt(fragment.get("access_token") ?? "");
    expect(claims.sub).toBe(user.id);
    expect(claims.app_metadata).toMatchObject({ providers: ["email", "google"] });
    const sql = db();
    try {
      const rows = await sql`select provider, email from auth.identities where user_id = ${user.id} order by created_at`;
      expect(rows.map((r) => r.provider)).toEqual(["email", "google"]);
      expect(rows.every((r) => r.email === email)).toBe(true);
      const linked =
        await sql`select 1 from auth.audit_log_entries where payload->>'action' = 'identity_linked' and payload->>'actor_id' = ${user.id}`;
      expect(linked.length).toBe(1);
    } finally {
      await sql.end();
    }
  });

  test("the sign-in page is a form; cancelling returns access_denied to the app", async () => {
    const { data } = await client().auth.signInWithOAuth({ provider: "google", options: { skipBrowserRedirect: true } });
    const toProvider = await follow(data.url ?? "");
    expect(toProvider.location).toContain("/auth/v1/fake-oidc/google/authorize?");
    const page = await fetch(toProvider.location);
    const html = await page.text();
    expect(page.headers.get("content-type")).toContain("text/html");
    expect(html).toContain("Sign in as");
    expect(html).toContain('name="email"');
    const form = new URL(toProvider.location).searchParams;
    const cancel = await follow(`${env.apiUrl}/auth/v1/fake-oidc/google/authorize`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        state: form.get("state") ?? "",
        redirect_uri: form.get("redirect_uri") ?? "",
        action: "deny",
      }).toString(),
    });
    const back = await follow(cancel.location);
    expect(back.status).toBe(302);
    const target = new URL(back.location);
    expect(target.origin).toBe("http://127.0.0.1:5173");
    expect(target.searchParams.get("error")).toBe("access_denied");
    expect(fragmentParams(back.location).get("error")).toBe("access_denied");
  });

  test("submitting the sign-in form signs in as the typed user", async () => {
    const email = randomEmail("form");
    const { data } = await client().auth.signInWithOAuth({ provider: "google", options: { skipBrowserRedirect: true } });
    const form = new URL((await follow(data.url ?? "")).location).searchParams;
    const submitted = await follow(`${env.apiUrl}/auth/v1/fake-oidc/google/authorize`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        state: form.get("state") ?? "",
        redirect_uri: form.get("redirect_uri") ?? "",
        email,
        name: "Form Person",
        email_verified: "true",
        action: "allow",
      }).toString(),
    });
    const back = await follow(submitted.location);
    const claims = decodeJwt(fragmentParams(back.location).get("access_token") ?? "");
    expect(claims).toMatchObject({
      email,
      user_metadata: { full_name: "Form Person", name: "Form Person", email_verified: true },
    });
  });

  test("an unverified provider email gets a confirmation mail instead of a session", async () => {
    const email = randomEmail("unverified");
    const { data } = await client().auth.signInWithOAuth({
      provider: "google",
      options: { skipBrowserRedirect: true, queryParams: { login_hint: email, email_verified: "false" } },
    });
    const back = new URL(await browse(data.url ?? ""));
    expect(back.searchParams.get("error_code")).toBe("provider_email_needs_verification");
    expect(back.searchParams.get("error")).toBe("access_denied");
    const mail = await waitForMail(email, { subject: "Confirm your email address" });
    const landed = fragmentParams((await follow(verifyLink(mail))).location);
    expect(decodeJwt(landed.get("access_token") ?? "").app_metadata).toMatchObject({ provider: "google" });
  });

  test("an unconfigured provider is refused like GoTrue refuses it", async () => {
    const res = await fetch(`${env.apiUrl}/auth/v1/authorize?provider=github`, {
      redirect: "manual",
      headers: { apikey: env.anonKey },
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      code: 400,
      error_code: "validation_failed",
      msg: "Unsupported provider: provider is not enabled",
    });
  });
});

describe("manual identity linking", () => {
  test("a signed-in user links a Facebook identity and unlinks it again", async () => {
    const { supabase, user } = await signedInUser("manual");
    const { data, error } = await supabase.auth.linkIdentity({
      provider: "facebook",
      options: { skipBrowserRedirect: true, queryParams: { login_hint: randomEmail("fb") } },
    });
    expect(error).toBeNull();
    const landed = fragmentParams(await browse(data.url ?? ""));
    expect(decodeJwt(landed.get("access_token") ?? "").sub).toBe(user.id);
    const identities = await supabase.auth.getUserIdentities();
    expect(identities.data?.identities.map((i) => i.provider).sort()).toEqual(["email", "facebook"]);

    const facebook = identities.data?.identities.find((i) => i.provider === "facebook");
    if (!facebook) throw new Error("no facebook identity");
    const unlinked = await supabase.auth.unlinkIdentity(facebook);
    expect(unlinked.error).toBeNull();
    const after = await supabase.auth.getUserIdentities();
    expect(after.data?.identities.map((i) => i.provider)).toEqual(["email"]);
    const email = after.data?.identities[0];
    if (!email) throw new Error("no email identity");
    const last = await supabase.auth.unlinkIdentity(email);
    expect(last.error?.code).toBe("single_identity_not_deletable");
  });
});
