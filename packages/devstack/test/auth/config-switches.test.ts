/**
 * config.toml switches the shared stack does not turn on, proven on dedicated auth
 * servers: anonymous sign-ins, sign-ups without confirmation, and sign-ups or manual
 * linking switched off.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { decodeJwt, type OwnAuth, randomEmail, startOwnAuth } from "./helpers.ts";

let open: OwnAuth;
let closed: OwnAuth;

beforeAll(async () => {
  open = await startOwnAuth((c) => {
    c.supabase.auth.enable_anonymous_sign_ins = true;
    c.supabase.auth.email.enable_confirmations = false;
  });
  closed = await startOwnAuth((c) => {
    c.supabase.auth.enable_signup = false;
    c.supabase.auth.enable_manual_linking = false;
  });
});

afterAll(async () => {
  await open?.stop();
  await closed?.stop();
});

describe("open instance", () => {
  test("signInAnonymously gives an anonymous session with the anonymous amr", async () => {
    const { data, error } = await open.auth.signInAnonymously({ options: { data: { guest: true } } });
    expect(error).toBeNull();
    expect(data.user?.is_anonymous).toBe(true);
    const claims = decodeJwt(data.session?.access_token ?? "");
    expect(claims).toMatchObject({ is_anonymous: true, email: "", role: "authenticated", user_metadata: { guest: true } });
    expect(claims.amr).toEqual([{ method: "anonymous", timestamp: expect.any(Number) }]);
  });

  test("without enable_confirmations, signUp returns a session at once", async () => {
    const email = randomEmail("autoconfirm");
    const { data, error } = await open.auth.signUp({ email, password: "auto-Confirm-1" });
    expect(error).toBeNull();
    expect(data.session?.access_token).toBeTruthy();
    expect(data.user?.email_confirmed_at).toBeTruthy();
    const again = await open.auth.signUp({ email, password: "auto-Confirm-1" });
    expect(again.error?.code).toBe("user_already_exists");
    expect(again.error?.message).toBe("User already registered");
  });
});

describe("closed instance", () => {
  test("enable_signup = false refuses sign-ups with signup_disabled", async () => {
    const { error } = await closed.auth.signUp({ email: randomEmail("closed"), password: "closed-Pass-1" });
    expect(error?.code).toBe("signup_disabled");
    expect(error?.status).toBe(422);
    const anonymous = await closed.auth.signInAnonymously();
    expect(anonymous.error?.code).toBe("anonymous_provider_disabled");
  });

  test("enable_manual_linking = false answers 404 manual_linking_disabled", async () => {
    const email = randomEmail("nolink");
    await open.auth.signUp({ email, password: "no-Link-1" });
    const session = (await open.auth.signInWithPassword({ email, password: "no-Link-1" })).data.session;
    const res = await fetch(`${closed.url}/user/identities/authorize?provider=google&skip_http_redirect=true`, {
      headers: { Authorization: `Bearer ${session?.access_token}` },
    });
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ code: 404, error_code: "manual_linking_disabled", msg: "Manual linking is disabled" });
  });
});
