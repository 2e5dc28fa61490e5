import type { IdentityRow, Json, User } from "./store.ts";

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : undefined);

/** Drops undefined members, like Go's `omitempty` on nil pointers. */
function compact(o: Record<string, unknown>): Json {
  const out: Json = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined) out[k] = v;
  return out;
}

/** An identity as GoTrue serialises it (`identity_id` is the row id, `id` the provider's subject). */
export function identityJson(i: IdentityRow): Json {
  return compact({
    identity_id: i.id,
    id: i.provider_id,
    user_id: i.user_id,
    identity_data: i.identity_data && Object.keys(i.identity_data).length > 0 ? i.identity_data : undefined,
    provider: i.provider,
    last_sign_in_at: iso(i.last_sign_in_at),
    created_at: iso(i.created_at) ?? "0001-01-01T00:00:00Z",
    updated_at: iso(i.updated_at) ?? "0001-01-01T00:00:00Z",
    email: i.email || undefined,
  });
}

/** A user as GoTrue's models.User marshals it: same keys, same order, same omissions. */
export function userJson(u: User): Json {
  return compact({
    id: u.id,
    aud: u.aud ?? "",
    role: u.role ?? "",
    email: u.email ?? "",
    email_confirmed_at: iso(u.email_confirmed_at),
    invited_at: iso(u.invited_at),
    phone: u.phone ?? "",
    phone_confirmed_at: iso(u.phone_confirmed_at),
    confirmation_sent_at: iso(u.confirmation_sent_at),
    confirmed_at: iso(u.confirmed_at),
    recovery_sent_at: iso(u.recovery_sent_at),
    new_email: u.email_change || undefined,
    email_change_sent_at: iso(u.email_change_sent_at),
    new_phone: u.phone_change || undefined,
    phone_change_sent_at: iso(u.phone_change_sent_at),
    reauthentication_sent_at: iso(u.reauthentication_sent_at),
    last_sign_in_at: iso(u.last_sign_in_at),
    app_metadata: u.raw_app_meta_data ?? {},
    user_metadata: u.raw_user_meta_data ?? {},
    identities: u.identities.map(identityJson),
    created_at: iso(u.created_at) ?? "0001-01-01T00:00:00Z",
    updated_at: iso(u.updated_at) ?? "0001-01-01T00:00:00Z",
    banned_until: iso(u.banned_until),
    deleted_at: iso(u.deleted_at),
    is_anonymous: u.is_anonymous,
  });
}
