import { afterAll, describe, expect, test } from "vitest";
import { adminSql, newSignedInUser, PASSWORD } from "../helpers.ts";

/**
 * Auth events reach the audit log's platform chain through the real Auth server:
 * sign-in, password change and sign-out, each with the user as actor and object.
 */
const sql = adminSql();
afterAll(() => sql.end());

async function authEvents(userId: string): Promise<{ action: string; actor_id: string | null; outcome: string }[]> {
  return sql`
    select action, actor_id, outcome from audit.entries
    where tenant_id is null and object_id = ${userId} and action like 'auth.%'
    order by chain_seq`;
}

describe("auth events", () => {
  test("sign-in, password change and sign-out are recorded in order, by the user", async () => {
    const user = await newSignedInUser("audit-auth");
    const changed = await user.client.auth.updateUser({ password: `${PASSWORD}-new` });
    expect(changed.error).toBeNull();
    const out = await user.client.auth.signOut();
    expect(out.error).toBeNull();

    const events = await authEvents(user.id);
    // GoTrue logs every PUT /user as user_modified as well, right after the password change.
    expect(events.map((e) => e.action)).toEqual([
      "auth.sign_up",
      "auth.sign_in",
      "auth.password_change",
      "auth.user_modified",
      "auth.sign_out",
    ]);
    expect(events.slice(1).every((e) => e.actor_id === user.id && e.outcome === "success")).toBe(true);
    const [verified] = await sql<{ ok: boolean }[]>`select ok from private.verify_audit_chain(null)`;
    expect(verified?.ok).toBe(true);
  });

  test("token refreshes are not recorded", async () => {
    const user = await newSignedInUser("audit-refresh");
    const refreshed = await user.client.auth.refreshSession();
    expect(refreshed.error).toBeNull();
    const [gotrue] = await sql<{ n: number }[]>`
      select count(*)::int as n from auth.audit_log_entries
      where payload ->> 'actor_id' = ${user.id} and payload ->> 'action' = 'token_refreshed'`;
    expect(gotrue?.n, "GoTrue logged the refresh").toBe(1);
    expect((await authEvents(user.id)).map((e) => e.action)).toEqual(["auth.sign_up", "auth.sign_in"]);
  });
});
