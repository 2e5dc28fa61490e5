/**
 * The admin API (service role only) through supabase-js: create, read, update, list,
 * delete (hard and soft), invite and generate_link, and its refusal with the anon key
 * or a user's token.
 */
import { describe, expect, test } from "vitest";
import {
  adminClient,
  client,
  db,
  env,
  follow,
  fragmentParams,
  randomEmail,
  signedInUser,
  verifyLink,
  waitForMail,
} from "./helpers.ts";

describe("admin users API", () => {
  test("the service role creates a confirmed user who can sign in, then deletes it", async () => {
    const admin = adminClient();
    const email = randomEmail("admin_create");
    const created = await admin.auth.admin.createUser({
      email,
      password: "admin-made-1",
      email_confirm: true,
      user_metadata: { full_name: "Grace Admin" },
      app_metadata: { tenant_role: "owner" },
    });
    expect(created.error).toBeNull();
    const user = created.data.user;
    if (!user) throw new Error("no user");
    expect(user).toMatchObject({
      email,
      aud: "authenticated",
      role: "authenticated",
      app_metadata: { provider: "email", providers: ["email"], tenant_role: "owner" },
      user_metadata: { full_name: "Grace Admin", email_verified: true },
    });
    expect(user.email_confirmed_at).toBeTruthy();
    expect(user.identities?.[0]).toMatchObject({
      provider: "email",
      identity_data: { email, email_verified: false, sub: user.id },
    });

    const fetched = await admin.auth.admin.getUserById(user.id);
    expect(fetched.data.user?.id).toBe(user.id);

    const signIn = await client().auth.signInWithPassword({ email, password: "admin-made-1" });
    expect(signIn.error).toBeNull();

    const duplicate = await admin.auth.admin.createUser({ email, password: "whatever-1" });
    expect(duplicate.error?.code).toBe("email_exists");
    expect(duplicate.error?.status).toBe(422);

    const deleted = await admin.auth.admin.deleteUser(user.id);
    expect(deleted.error).toBeNull();
    const gone = await admin.auth.admin.getUserById(user.id);
    expect(gone.error?.code).toBe("user_not_found");
    expect(gone.error?.status).toBe(404);
    const refused = await client().auth.signInWithPassword({ email, password: "admin-made-1" });
    expect(refused.error?.code).toBe("invalid_credentials");
  });

  test("the anon key and a user's own token are refused with not_admin", async () => {
    const anon = client();
    const byAnon = await anon.auth.admin.createUser({ email: randomEmail("anon_admin"), password: "x-password-1" });
    expect(byAnon.error?.code).toBe("not_admin");
    expect(byAnon.error?.status).toBe(403);
    const listByAnon = await anon.auth.admin.listUsers();
    expect(listByAnon.error?.code).toBe("not_admin");

    const { session } = await signedInUser("not_admin");
    const res = await fetch(`${env.apiUrl}/auth/v1/admin/users`, {
      headers: { apikey: env.anonKey, Authorization: `Bearer ${session.access_token}` },
    });
    expect(res.status).toBe(403);
    expect(await res.json()).toEqual({ code: 403, error_code: "not_admin", msg: "User not allowed" });
  });

  test("update changes metadata and password, bans, and soft delete anonymises the row", async () => {
    const admin = adminClient();
    const { user, email } = await signedInUser("admin_update");
    const updated = await admin.auth.admin.updateUserById(user.id, {
      user_metadata: { plan: "pro" },
      app_metadata: { tenants: ["t1"] },
      password: "changed-by-admin-1",
    });
    expect(updated.error).toBeNull();
    expect(updated.data.user?.user_metadata.plan).toBe("pro");
    expect(updated.data.user?.app_metadata.tenants).toEqual(["t1"]);
    expect((await client().auth.signInWithPassword({ email, password: "changed-by-admin-1" })).error).toBeNull();

    const banned = await admin.auth.admin.updateUserById(user.id, { ban_duration: "24h" });
    expect(banned.data.user?.banned_until).toBeTruthy();
    const refused = await client().auth.signInWithPassword({ email, password: "changed-by-admin-1" });
    expect(refused.error?.code).toBe("user_banned");
    await admin.auth.admin.updateUserById(user.id, { ban_duration: "none" });

    const soft = await admin.auth.admin.deleteUser(user.id, true);
    expect(soft.error).toBeNull();
    const sql = db();
    try {
      const [row] =
        await sql`select email, deleted_at, encrypted_password, raw_user_meta_data from auth.users where id = ${user.id}`;
      expect(row?.deleted_at).toBeTruthy();
      expect(row?.email).not.toBe(email);
      expect(row?.encrypted_password).toBeNull();
      expect(row?.raw_user_meta_data).toEqual({});
      expect((await sql`select 1 from auth.sessions where user_id = ${user.id}`).length).toBe(0);
    } finally {
      await sql.end();
    }
  });

  test("listUsers pages with GoTrue's Link and X-Total-Count headers", async () => {
    const admin = adminClient();
    for (let i = 0; i < 3; i++) await admin.auth.admin.createUser({ email: randomEmail("list"), password: "list-user-1" });
    const page = await admin.auth.admin.listUsers({ page: 1, perPage: 2 });
    expect(page.error).toBeNull();
    if (!("total" in page.data)) throw new Error("no pagination");
    expect(page.data.users).toHaveLength(2);
    expect(page.data.total).toBeGreaterThanOrEqual(3);
    expect(page.data.nextPage).toBe(2);
    const raw = await fetch(`${env.apiUrl}/auth/v1/admin/users?page=1&per_page=2`, {
      headers: { apikey: env.serviceRoleKey, Authorization: `Bearer ${env.serviceRoleKey}` },
    });
    expect(raw.headers.get("link")).toMatch(
      /^<\/admin\/users\?page=2&per_page=2>; rel="next", <\/admin\/users\?page=\d+&per_page=2>; rel="last"$/,
    );
    // Other test files create users meanwhile: the total can only have grown.
    expect(Number(raw.headers.get("x-total-count"))).toBeGreaterThanOrEqual(page.data.total);
  });

  test("the factors of a user are an empty list", async () => {
    const { user } = await signedInUser("factors");
    const res = await adminClient().auth.admin.mfa.listFactors({ userId: user.id });
    expect(res.error).toBeNull();
    expect(res.data?.factors).toEqual([]);
  });
});

describe("invite and generate_link", () => {
  test("an invited user follows the mailed link, gets a session and sets a password", async () => {
    const email = randomEmail("invite");
    const invited = await adminClient().auth.admin.inviteUserByEmail(email, { data: { invited_by: "test" } });
    expect(invited.error).toBeNull();
    expect(invited.data.user?.invited_at).toBeTruthy();
    const mail = await waitForMail(email, { subject: "You've been invited" });
    const landed = await follow(verifyLink(mail));
    const fragment = fragmentParams(landed.location);
    expect(fragment.get("type")).toBe("invite");
    const supabase = client();
    await supabase.auth.setSession({
      access_token: fragment.get("access_token") ?? "",
      refresh_token: fragment.get("refresh_token") ?? "",
    });
    expect((await supabase.auth.updateUser({ password: "invited-user-1" })).error).toBeNull();
    expect((await client().auth.signInWithPassword({ email, password: "invited-user-1" })).error).toBeNull();
  });

  test("generateLink returns a working magic link and the OTP without sending mail", async () => {
    const { email } = await signedInUser("genlink");
    const { data, error } = await adminClient().auth.admin.generateLink({ type: "magiclink", email });
    expect(error).toBeNull();
    expect(data.properties?.verification_type).toBe("magiclink");
    expect(data.properties?.email_otp).toMatch(/^\d{6}$/);
    expect(data.properties?.action_link).toContain(`/auth/v1/verify?token=${data.properties?.hashed_token}&type=magiclink`);
    const landed = await follow(data.properties?.action_link ?? "");
    expect(fragmentParams(landed.location).get("access_token")).toBeTruthy();
  });

  test.each([
    { type: "signup" as const, existing: false, linkType: "signup" },
    { type: "recovery" as const, existing: true, linkType: "recovery" },
    { type: "invite" as const, existing: false, linkType: "invite" },
    { type: "email_change_new" as const, existing: true, linkType: "email_change" },
  ])("generateLink $type gives a link that verifies", async ({ type, existing, linkType }) => {
    const email = existing ? (await signedInUser(`gen_${type}`)).email : randomEmail(`gen_${type}`);
    const params =
      type === "signup"
        ? { type, email, password: "generated-Pass-1" }
        : type === "email_change_new"
          ? { type, email, newEmail: randomEmail("gen_new") }
          : { type, email };
    const { data, error } = await adminClient().auth.admin.generateLink(params as never);
    expect(error).toBeNull();
    expect(data.properties?.action_link).toContain(`type=${linkType}`);
    const landed = await follow(data.properties?.action_link ?? "");
    expect(landed.status).toBe(303);
    expect(fragmentParams(landed.location).get("error_code")).toBeNull();
  });

  test("generateLink refuses unknown types and unknown users for recovery", async () => {
    const admin = adminClient();
    const unknownUser = await admin.auth.admin.generateLink({ type: "recovery", email: randomEmail("gen_nobody") });
    expect(unknownUser.error?.code).toBe("user_not_found");
    const res = await fetch(`${env.apiUrl}/auth/v1/admin/generate_link`, {
      method: "POST",
      headers: { apikey: env.serviceRoleKey, Authorization: `Bearer ${env.serviceRoleKey}`, "content-type": "application/json" },
      body: JSON.stringify({ type: "teleport", email: randomEmail("gen_bad") }),
    });
    expect(await res.json()).toMatchObject({ code: 400, error_code: "validation_failed" });
  });
});
