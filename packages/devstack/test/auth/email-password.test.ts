/**
 * The email + password journey through the gateway with supabase-js, as an app does it:
 * sign up, confirm by mail, sign in, refresh (rotation and reuse detection), sign out,
 * and password recovery by mail.
 */
import type { Session } from "@supabase/supabase-js";
import { describe, expect, test } from "vitest";
import { client, db, decodeJwt, env, follow, fragmentParams, mailIds, randomEmail, verifyLink, waitForMail } from "./helpers.ts";

const PASSWORD = "first-Password-1";

describe("sign up, confirm by mail, sign in", () => {
  test("the whole journey ends with GoTrue-shaped tokens and a signed-out session", async () => {
    const email = randomEmail("journey");
    const supabase = client();

    const signUp = await supabase.auth.signUp({ email, password: PASSWORD, options: { data: { full_name: "Ada Journey" } } });
    expect(signUp.error).toBeNull();
    expect(signUp.data.session).toBeNull();
    expect(signUp.data.user?.email).toBe(email);
    expect(signUp.data.user?.email_confirmed_at).toBeUndefined();
    expect(signUp.data.user?.user_metadata).toMatchObject({ full_name: "Ada Journey", email_verified: false, email });
    expect(signUp.data.user?.identities?.[0]).toMatchObject({ provider: "email", id: signUp.data.user?.id });

    const unconfirmed = await supabase.auth.signInWithPassword({ email, password: PASSWORD });
    expect(unconfirmed.error?.code).toBe("email_not_confirmed");

    const mail = await waitForMail(email, { subject: "Confirm your email address" });
    expect(mail.HTML).toContain("/auth/v1/verify?token=");
    const link = verifyLink(mail);
    expect(link).toMatch(/type=signup/);
    const confirmed = await follow(link);
    expect(confirmed.status).toBe(303);
    expect(confirmed.location.startsWith("http://127.0.0.1:5173#")).toBe(true);
    const fragment = fragmentParams(confirmed.location);
    expect(fragment.get("type")).toBe("signup");
    expect(fragment.get("token_type")).toBe("bearer");
    expect(decodeJwt(fragment.get("access_token") ?? "").sub).toBe(signUp.data.user?.id);

    const again = await follow(link);
    expect(fragmentParams(again.location).get("error_code")).toBe("otp_expired");

    const signIn = await supabase.auth.signInWithPassword({ email, password: PASSWORD });
    expect(signIn.error).toBeNull();
    const session = signIn.data.session;
    if (!session) throw new Error("no session");
    const claims = decodeJwt(session.access_token);
    // Every claim GoTrue issues; the project's access token hook may add its own.
    expect(Object.keys(claims)).toEqual(
      expect.arrayContaining([
        "iss",
        "sub",
        "aud",
        "exp",
        "iat",
        "email",
        "phone",
        "app_metadata",
        "user_metadata",
        "role",
        "aal",
        "amr",
        "session_id",
        "is_anonymous",
      ]),
    );
    expect(claims).toMatchObject({
      iss: `${env.apiUrl}/auth/v1`,
      sub: signUp.data.user?.id,
      aud: "authenticated",
      email,
      phone: "",
      role: "authenticated",
      aal: "aal1",
      app_metadata: { provider: "email", providers: ["email"] },
      user_metadata: { full_name: "Ada Journey", email_verified: true },
      is_anonymous: false,
    });
    expect(claims.exp - claims.iat).toBe(3600);
    expect(claims.amr).toEqual([{ method: "password", timestamp: expect.any(Number) }]);
    expect(session.refresh_token).toMatch(/^[a-z0-9]{12}$/);
    expect(session.expires_in).toBeGreaterThan(3590);

    const me = await supabase.auth.getUser(session.access_token);
    expect(me.error).toBeNull();
    expect(me.data.user?.email_confirmed_at).toBeTruthy();
    expect(me.data.user?.last_sign_in_at).toBeTruthy();

    const sql = db();
    try {
      const [row] =
        await sql`select confirmed_at, email_confirmed_at, encrypted_password, raw_user_meta_data from auth.users where email = ${email}`;
      expect(row?.confirmed_at).toEqual(row?.email_confirmed_at);
      expect(String(row?.encrypted_password)).toMatch(/^\$2[aby]\$10\$/);
      const actions = await sql`
        select payload->>'action' as action from auth.audit_log_entries
        where payload->>'actor_id' = ${signUp.data.user?.id ?? ""} order by created_at`;
      expect(actions.map((a) => a.action)).toEqual(
        expect.arrayContaining(["user_confirmation_requested", "user_signedup", "login"]),
      );
    } finally {
      await sql.end();
    }

    const signOut = await supabase.auth.signOut();
    expect(signOut.error).toBeNull();
    const after = await supabase.auth.getUser(session.access_token);
    expect(after.error?.name).toBe("AuthSessionMissingError");
    const raw = await fetch(`${env.apiUrl}/auth/v1/user`, {
      headers: { apikey: env.anonKey, Authorization: `Bearer ${session.access_token}` },
    });
    expect(raw.status).toBe(403);
    expect(await raw.json()).toEqual({
      code: 403,
      error_code: "session_not_found",
      msg: "Session from session_id claim in JWT does not exist",
    });
  });

  test("a repeated sign-up of a confirmed address reveals nothing and sends no mail", async () => {
    const email = randomEmail("repeat");
    const supabase = client();
    await supabase.auth.signUp({ email, password: PASSWORD });
    await follow(verifyLink(await waitForMail(email)));
    const before = await mailIds(email);
    const repeat = await supabase.auth.signUp({ email, password: "another-Password-2" });
    expect(repeat.error).toBeNull();
    expect(repeat.data.user?.identities).toEqual([]);
    await new Promise((r) => setTimeout(r, 300));
    expect((await mailIds(email)).size).toBe(before.size);
  });

  test("the code in the mail verifies through POST /verify (verifyOtp) and returns a session", async () => {
    const email = randomEmail("otp");
    const supabase = client();
    await supabase.auth.signUp({ email, password: PASSWORD });
    const mail = await waitForMail(email);
    const code = /enter the code: (\d{6})/.exec(mail.Text)?.[1] ?? "";
    expect(code).toMatch(/^\d{6}$/);
    const wrong = await supabase.auth.verifyOtp({ email, token: code === "000000" ? "111111" : "000000", type: "signup" });
    expect(wrong.error?.code).toBe("otp_expired");
    const { data, error } = await supabase.auth.verifyOtp({ email, token: code, type: "signup" });
    expect(error).toBeNull();
    expect(data.session?.user.email_confirmed_at).toBeTruthy();
    expect(decodeJwt(data.session?.access_token ?? "").amr).toEqual([{ method: "otp", timestamp: expect.any(Number) }]);
  });
});

describe("refresh tokens", () => {
  async function signedUp() {
    const email = randomEmail("refresh");
    const supabase = client();
    await supabase.auth.signUp({ email, password: PASSWORD });
    await follow(verifyLink(await waitForMail(email)));
    const { data } = await supabase.auth.signInWithPassword({ email, password: PASSWORD });
    if (!data.session) throw new Error("no session");
    return { supabase, session: data.session };
  }

  test("every refresh rotates the token and keeps the session; the parent of the active token gets the active one back", async () => {
    const { supabase, session } = await signedUp();
    const first = await supabase.auth.refreshSession({ refresh_token: session.refresh_token });
    expect(first.error).toBeNull();
    const rotated = first.data.session;
    if (!rotated) throw new Error("no session");
    expect(rotated.refresh_token).not.toBe(session.refresh_token);
    const claims = decodeJwt(rotated.access_token);
    expect(claims.session_id).toBe(decodeJwt(session.access_token).session_id);

    const retry = await supabase.auth.refreshSession({ refresh_token: session.refresh_token });
    expect(retry.error).toBeNull();
    expect(retry.data.session?.refresh_token).toBe(rotated.refresh_token);
  });

  test("reusing a spent token after the reuse interval revokes the whole session", async () => {
    const { supabase, session } = await signedUp();
    const a = session.refresh_token;
    const b = (await supabase.auth.refreshSession({ refresh_token: a })).data.session?.refresh_token ?? "";
    const c = (await supabase.auth.refreshSession({ refresh_token: b })).data.session;
    if (!c) throw new Error("no session");

    // Age the spent token past refresh_token_reuse_interval (10 s) instead of sleeping through it.
    const sql = db(true);
    try {
      await sql`update auth.refresh_tokens set updated_at = now() - interval '1 minute' where token = ${a}`;
      const reuse = await supabase.auth.refreshSession({ refresh_token: a });
      expect(reuse.error?.code).toBe("refresh_token_already_used");
      expect(reuse.error?.message).toBe("Invalid Refresh Token: Already Used");
      const sid = decodeJwt(session.access_token).session_id;
      expect((await sql`select 1 from auth.sessions where id = ${sid}`).length).toBe(0);
      expect((await sql`select 1 from auth.refresh_tokens where session_id = ${sid}`).length).toBe(0);
    } finally {
      await sql.end();
    }
    const current = await supabase.auth.refreshSession({ refresh_token: c.refresh_token });
    expect(current.error?.code).toBe("refresh_token_not_found");
    const user = await supabase.auth.getUser(c.access_token);
    expect(user.error?.name).toBe("AuthSessionMissingError");
  });

  test("within the reuse interval a spent token is tolerated (concurrent tabs) and rotates again", async () => {
    const { supabase, session } = await signedUp();
    const a = session.refresh_token;
    const b = (await supabase.auth.refreshSession({ refresh_token: a })).data.session?.refresh_token ?? "";
    await supabase.auth.refreshSession({ refresh_token: b });
    const tolerated = await supabase.auth.refreshSession({ refresh_token: a });
    expect(tolerated.error).toBeNull();
    expect(tolerated.data.session?.refresh_token).not.toBe(a);
    expect(decodeJwt(tolerated.data.session?.access_token ?? "").session_id).toBe(decodeJwt(session.access_token).session_id);
  });

  test("a session idle past [auth.sessions] inactivity_timeout cannot be refreshed", async () => {
    const { supabase, session } = await signedUp();
    const sql = db(true);
    try {
      await sql`
        update auth.sessions set created_at = now() - interval '40 hours', refreshed_at = (now() - interval '37 hours') at time zone 'UTC'
        where id = ${decodeJwt(session.access_token).session_id}`;
    } finally {
      await sql.end();
    }
    const res = await supabase.auth.refreshSession({ refresh_token: session.refresh_token });
    expect(res.error?.code).toBe("session_expired");
    expect(res.error?.message).toBe("Invalid Refresh Token: Session Expired (Inactivity)");
  });

  test("logout scopes: local ends only this session, others keeps only this one, global ends all", async () => {
    const email = randomEmail("scopes");
    const first = client();
    await first.auth.signUp({ email, password: PASSWORD });
    await follow(verifyLink(await waitForMail(email)));
    const sessions: { c: ReturnType<typeof client>; s: Session }[] = [];
    for (let i = 0; i < 4; i++) {
      const c = client();
      const { data } = await c.auth.signInWithPassword({ email, password: PASSWORD });
      if (!data.session) throw new Error("no session");
      sessions.push({ c, s: data.session });
    }
    const alive = async (i: number) => !(await sessions[i]?.c.auth.getUser(sessions[i]?.s.access_token))?.error;
    await sessions[0]?.c.auth.signOut({ scope: "local" });
    expect([await alive(0), await alive(1), await alive(2), await alive(3)]).toEqual([false, true, true, true]);
    await sessions[1]?.c.auth.signOut({ scope: "others" });
    expect([await alive(1), await alive(2), await alive(3)]).toEqual([true, false, false]);
    await sessions[1]?.c.auth.signOut({ scope: "global" });
    expect(await alive(1)).toBe(false);
  });
});

describe("password recovery", () => {
  test("the recovery mail signs the user in; the new password works and the old one fails", async () => {
    const email = randomEmail("recovery");
    const supabase = client();
    await supabase.auth.signUp({ email, password: PASSWORD });
    await follow(verifyLink(await waitForMail(email)));
    const other = client();
    const otherSession = (await other.auth.signInWithPassword({ email, password: PASSWORD })).data.session;

    const asked = await supabase.auth.resetPasswordForEmail(email, { redirectTo: "http://localhost:5173/reset-password" });
    expect(asked.error).toBeNull();
    const mail = await waitForMail(email, { subject: "Reset your password" });
    const link = verifyLink(mail);
    expect(link).toContain("type=recovery");
    expect(link).toContain("redirect_to=http://localhost:5173/reset-password");
    const landed = await follow(link);
    expect(landed.location.startsWith("http://localhost:5173/reset-password#")).toBe(true);
    const fragment = fragmentParams(landed.location);
    expect(fragment.get("type")).toBe("recovery");

    const recovered = client();
    const set = await recovered.auth.setSession({
      access_token: fragment.get("access_token") ?? "",
      refresh_token: fragment.get("refresh_token") ?? "",
    });
    expect(set.error).toBeNull();
    const updated = await recovered.auth.updateUser({ password: "second-Password-2" });
    expect(updated.error).toBeNull();

    const oldPassword = await client().auth.signInWithPassword({ email, password: PASSWORD });
    expect(oldPassword.error?.code).toBe("invalid_credentials");
    expect(oldPassword.error?.message).toBe("Invalid login credentials");
    const newPassword = await client().auth.signInWithPassword({ email, password: "second-Password-2" });
    expect(newPassword.error).toBeNull();
    // Changing the password signs out every other session.
    expect((await other.auth.getUser(otherSession?.access_token)).error?.name).toBe("AuthSessionMissingError");
  });

  test("recovery for an unknown address answers the same as for a known one", async () => {
    const res = await client().auth.resetPasswordForEmail(randomEmail("nobody"));
    expect(res.error).toBeNull();
  });

  test("a redirect_to outside the allow-list falls back to the site URL", async () => {
    const email = randomEmail("evil");
    await client().auth.signUp({ email, password: PASSWORD, options: { emailRedirectTo: "https://evil.example.com/steal" } });
    const link = verifyLink(await waitForMail(email));
    expect(link).toContain("redirect_to=http://127.0.0.1:5173");
    const landed = await follow(link);
    expect(landed.location.startsWith("http://127.0.0.1:5173#")).toBe(true);
  });
});
