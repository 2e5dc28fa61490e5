import type { InviteNewUser } from "./types.ts";

/**
 * GoTrue's admin invite (`POST /auth/v1/invite`, as `auth.admin.inviteUserByEmail` sends it):
 * creates the user and mails a link that verifies the address, signs them in and redirects
 * to `redirectTo` (which carries the invitation token). Needs the service role key.
 */
export function gotrueInvite(deps: { supabaseUrl: string; serviceRoleKey: string; fetch: typeof fetch }): InviteNewUser {
  const base = deps.supabaseUrl.replace(/\/+$/, "");
  return async ({ email, redirectTo, data }) => {
    const res = await deps.fetch(`${base}/auth/v1/invite?redirect_to=${encodeURIComponent(redirectTo)}`, {
      method: "POST",
      headers: {
        apikey: deps.serviceRoleKey,
        Authorization: `Bearer ${deps.serviceRoleKey}`,
        "Content-Type": "application/json",
      },
      body: JSON.stringify({ email, data }),
    });
    if (!res.ok) throw new Error(`Auth answered ${res.status} to the invite: ${(await res.text()).slice(0, 500)}`);
    await res.body?.cancel();
  };
}
