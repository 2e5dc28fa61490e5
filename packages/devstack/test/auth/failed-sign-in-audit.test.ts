/**
 * Issue 3's "failed sign-in is audited", end to end on the shared stack with the
 * project's config.toml: GoTrue's password verification hook (enabled there) calls
 * public.password_verification_attempt_hook, which appends `auth.sign_in_failed`.
 */
import { createClient } from "@supabase/supabase-js";
import postgres from "postgres";
import { afterAll, expect, test } from "vitest";
import WebSocket from "ws";
import { adminClient, env, randomEmail } from "./helpers.ts";

const admin = postgres(env.adminDbUrl, { max: 1, onnotice: () => {} });
afterAll(() => admin.end());

const failures = (id: string) =>
  admin<{ outcome: string; actor_id: string | null; ip: string | null; reason: string | null; tenant_id: string | null }[]>`
    select outcome, actor_id, host(ip) as ip, details->>'reason' as reason, tenant_id
    from audit.entries where action = 'auth.sign_in_failed' and object_id = ${id} order by id`;

test("a sign-in with a wrong password is in the audit log; a right one is not a failure", async () => {
  const email = randomEmail("failed-signin");
  const password = "right-password-7";
  const created = await adminClient().auth.admin.createUser({ email, password, email_confirm: true });
  if (created.error || !created.data.user) throw created.error ?? new Error("no user");
  const id = created.data.user.id;
  const supabase = createClient(env.apiUrl, env.anonKey, {
    auth: { persistSession: false, autoRefreshToken: false },
    global: { headers: { "x-forwarded-for": "198.51.100.23" } },
    realtime: { transport: WebSocket as never },
  });

  const wrong = await supabase.auth.signInWithPassword({ email, password: "wrong-password-7" });
  expect(wrong.error?.code).toBe("invalid_credentials");
  expect(wrong.error?.message).toBe("Invalid login credentials");
  expect(await failures(id)).toEqual([
    { outcome: "failure", actor_id: id, ip: "198.51.100.23", reason: "invalid_password", tenant_id: null },
  ]);

  const right = await supabase.auth.signInWithPassword({ email, password });
  expect(right.error).toBeNull();
  expect(await failures(id)).toHaveLength(1);
  const [signIn] = await admin`select outcome from audit.entries where action = 'auth.sign_in' and object_id = ${id}`;
  expect(signIn?.outcome).toBe("success");
});
