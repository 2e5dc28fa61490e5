/**
 * The other mail-driven flows auth-js offers: magic links and email codes, resending a
 * confirmation, the PKCE variant of a signup link, and the double-confirmed email change.
 */
import { describe, expect, test } from "vitest";
import {
  client,
  decodeJwt,
  follow,
  fragmentParams,
  mailIds,
  randomEmail,
  signedInUser,
  verifyLink,
  waitForMail,
} from "./helpers.ts";

describe("magic links and email codes", () => {
  test("signInWithOtp mails a known user a sign-in link that opens a session", async () => {
    const { email, user } = await signedInUser("magic");
    const supabase = client();
    const sent = await supabase.auth.signInWithOtp({ email, options: { emailRedirectTo: "http://localhost:5173/home" } });
    expect(sent.error).toBeNull();
    const mail = await waitForMail(email, { subject: "Your sign-in link" });
    const link = verifyLink(mail);
    expect(link).toContain("type=magiclink");
    const landed = await follow(link);
    expect(landed.location.startsWith("http://localhost:5173/home#")).toBe(true);
    expect(decodeJwt(fragmentParams(landed.location).get("access_token") ?? "").sub).toBe(user.id);
  });

  test("the code of a magic link mail works with verifyOtp type email", async () => {
    const { email, user } = await signedInUser("magic_code");
    const supabase = client();
    await supabase.auth.signInWithOtp({ email });
    const mail = await waitForMail(email, { subject: "Your sign-in link" });
    const code = /enter the code: (\d{6})/.exec(mail.Text)?.[1] ?? "";
    const { data, error } = await supabase.auth.verifyOtp({ email, token: code, type: "email" });
    expect(error).toBeNull();
    expect(data.user?.id).toBe(user.id);
    const reused = await client().auth.verifyOtp({ email, token: code, type: "email" });
    expect(reused.error?.code).toBe("otp_expired");
  });

  test("an unknown address is signed up by signInWithOtp, unless shouldCreateUser is false", async () => {
    const refused = await client().auth.signInWithOtp({ email: randomEmail("nobody"), options: { shouldCreateUser: false } });
    expect(refused.error?.code).toBe("otp_disabled");
    expect(refused.error?.message).toBe("Signups not allowed for otp");

    const email = randomEmail("otp_new");
    const sent = await client().auth.signInWithOtp({ email, options: { data: { full_name: "New Otp" } } });
    expect(sent.error).toBeNull();
    const mail = await waitForMail(email, { subject: "Confirm your email address" });
    const landed = fragmentParams((await follow(verifyLink(mail))).location);
    expect(decodeJwt(landed.get("access_token") ?? "").user_metadata).toMatchObject({
      full_name: "New Otp",
      email_verified: true,
    });
  });
});

describe("resend and PKCE links", () => {
  test("resend mails a fresh confirmation and the earlier link stops working", async () => {
    const email = randomEmail("resend");
    const supabase = client();
    await supabase.auth.signUp({ email, password: "resend-Pass-1" });
    const first = await waitForMail(email);
    const seen = await mailIds(email);
    expect((await supabase.auth.resend({ type: "signup", email })).error).toBeNull();
    const second = await waitForMail(email, { after: seen });
    expect(verifyLink(second)).not.toBe(verifyLink(first));
    expect(fragmentParams((await follow(verifyLink(first))).location).get("error_code")).toBe("otp_expired");
    expect(fragmentParams((await follow(verifyLink(second))).location).get("access_token")).toBeTruthy();
  });

  test("a PKCE sign-up link redirects with ?code= that exchangeCodeForSession redeems", async () => {
    const email = randomEmail("pkce_signup");
    const supabase = client(undefined, { flowType: "pkce" });
    const signUp = await supabase.auth.signUp({
      email,
      password: "pkce-Pass-1",
      options: { emailRedirectTo: "http://localhost:5173/auth/confirm" },
    });
    expect(signUp.error).toBeNull();
    const link = verifyLink(await waitForMail(email));
    expect(link).toContain("token=pkce_");
    const landed = new URL((await follow(link)).location);
    expect(landed.pathname).toBe("/auth/confirm");
    const code = landed.searchParams.get("code") ?? "";
    const { data, error } = await supabase.auth.exchangeCodeForSession(code);
    expect(error).toBeNull();
    expect(data.user?.email).toBe(email);
    expect(data.user?.email_confirmed_at).toBeTruthy();
    expect(decodeJwt(data.session?.access_token ?? "").amr).toEqual([{ method: "email/signup", timestamp: expect.any(Number) }]);
  });
});

describe("email change", () => {
  test("with double_confirm_changes both addresses must confirm before the email changes", async () => {
    const { email, supabase } = await signedInUser("change_from");
    const next = randomEmail("change_to");
    const asked = await supabase.auth.updateUser({ email: next }, { emailRedirectTo: "http://localhost:5173/settings" });
    expect(asked.error).toBeNull();
    expect(asked.data.user?.email).toBe(email);
    expect(asked.data.user?.new_email).toBe(next);

    const toCurrent = await waitForMail(email, { subject: "Confirm your new email address" });
    const toNew = await waitForMail(next, { subject: "Confirm your new email address" });
    expect(toNew.Text).toContain(next);

    const first = await follow(verifyLink(toCurrent));
    expect(first.location).toBe(
      "http://localhost:5173/settings#message=Confirmation+link+accepted.+Please+proceed+to+confirm+link+sent+to+the+other+email&sb=",
    );
    expect((await supabase.auth.getUser()).data.user?.email).toBe(email);

    const second = fragmentParams((await follow(verifyLink(toNew))).location);
    expect(second.get("type")).toBe("email_change");
    const after = await supabase.auth.getUser();
    expect(after.data.user?.email).toBe(next);
    expect(after.data.user?.new_email).toBeUndefined();
    expect(after.data.user?.identities?.find((i) => i.provider === "email")?.identity_data?.email).toBe(next);
    expect((await client().auth.signInWithPassword({ email: next, password: "correct-horse-9" })).error).toBeNull();
  });

  test("updateUser data merges user_metadata and a null value removes a key", async () => {
    const { supabase } = await signedInUser("meta");
    await supabase.auth.updateUser({ data: { theme: "dark", locale: "de" } });
    const { data } = await supabase.auth.updateUser({ data: { locale: null } });
    expect(data.user?.user_metadata).toMatchObject({ theme: "dark" });
    expect(data.user?.user_metadata).not.toHaveProperty("locale");
    const same = await supabase.auth.updateUser({ password: "correct-horse-9" });
    expect(same.error?.code).toBe("same_password");
  });
});
