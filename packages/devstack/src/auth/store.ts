import { randomUUID } from "node:crypto";
import { isIP } from "node:net";
import type postgres from "postgres";

/**
 * Data access on GoTrue's `auth.*` tables, with the same column semantics GoTrue's models
 * give them (empty-string tokens, nil instance_id, updated_at bumped on every write).
 */

/** A pool or a transaction: every function here works with either. */
export type Db = postgres.ISql;

export const NIL_UUID = "00000000-0000-0000-0000-000000000000";

export type Json = Record<string, unknown>;

export type UserRow = {
  instance_id: string | null;
  id: string;
  aud: string | null;
  role: string | null;
  email: string | null;
  encrypted_password: string | null;
  email_confirmed_at: Date | null;
  invited_at: Date | null;
  confirmation_token: string | null;
  confirmation_sent_at: Date | null;
  recovery_token: string | null;
  recovery_sent_at: Date | null;
  email_change_token_new: string | null;
  email_change: string | null;
  email_change_sent_at: Date | null;
  last_sign_in_at: Date | null;
  raw_app_meta_data: Json | null;
  raw_user_meta_data: Json | null;
  created_at: Date | null;
  updated_at: Date | null;
  phone: string | null;
  phone_confirmed_at: Date | null;
  phone_change: string | null;
  phone_change_sent_at: Date | null;
  confirmed_at: Date | null;
  email_change_token_current: string | null;
  email_change_confirm_status: number | null;
  banned_until: Date | null;
  reauthentication_token: string | null;
  reauthentication_sent_at: Date | null;
  is_sso_user: boolean;
  deleted_at: Date | null;
  is_anonymous: boolean;
};

export type IdentityRow = {
  id: string;
  provider_id: string;
  user_id: string;
  identity_data: Json;
  provider: string;
  last_sign_in_at: Date | null;
  created_at: Date | null;
  updated_at: Date | null;
  email: string | null;
};

export type User = UserRow & { identities: IdentityRow[] };

export type SessionRow = {
  id: string;
  user_id: string;
  created_at: Date;
  updated_at: Date;
  factor_id: string | null;
  aal: string | null;
  not_after: Date | null;
  refreshed_at: Date | null;
  user_agent: string | null;
  ip: string | null;
  tag: string | null;
};

export type RefreshTokenRow = {
  id: string;
  token: string;
  user_id: string;
  revoked: boolean;
  created_at: Date;
  updated_at: Date;
  parent: string | null;
  session_id: string | null;
};

export type FlowStateRow = {
  id: string;
  user_id: string | null;
  auth_code: string | null;
  code_challenge_method: string | null;
  code_challenge: string | null;
  provider_type: string;
  provider_access_token: string | null;
  provider_refresh_token: string | null;
  created_at: Date;
  authentication_method: string;
  auth_code_issued_at: Date | null;
  referrer: string | null;
  linking_target_id: string | null;
};

const JSON_COLUMNS = new Set(["raw_app_meta_data", "raw_user_meta_data", "identity_data"]);

type Value = string | number | boolean | Date | null | Json | string[];

const quoteIdent = (c: string) => `"${c.replace(/"/g, '""')}"`;

/** JSON columns get the value itself: porsager serialises parameters typed json/jsonb. */
function toParam(column: string, v: Value): postgres.ParameterOrJSON<never> {
  if (JSON_COLUMNS.has(column)) return v === null ? null : (v as postgres.JSONValue);
  return v as string | number | boolean | Date | null;
}

const asJson = (v: unknown) => v as postgres.JSONValue;

async function updateRow(
  db: Db,
  table: string,
  key: string,
  id: string,
  patch: Record<string, Value>,
  touch = true,
): Promise<void> {
  const cols = Object.keys(patch);
  if (cols.length === 0 && !touch) return;
  const sets = cols.map((c, i) => `${quoteIdent(c)} = $${i + 1}${JSON_COLUMNS.has(c) ? "::jsonb" : ""}`);
  if (touch) sets.push("updated_at = now()");
  const params = cols.map((c) => toParam(c, patch[c] as Value));
  await db.unsafe(`update auth.${table} set ${sets.join(", ")} where ${quoteIdent(key)} = $${cols.length + 1}`, [...params, id]);
}

// ---------------------------------------------------------------------------
// users and identities
// ---------------------------------------------------------------------------

async function withIdentities(db: Db, rows: UserRow[]): Promise<User | null> {
  const row = rows[0];
  if (!row) return null;
  const identities = await db<IdentityRow[]>`
    select id, provider_id, user_id, identity_data, provider, last_sign_in_at, created_at, updated_at, email
    from auth.identities where user_id = ${row.id} order by created_at, id`;
  return { ...row, identities: [...identities] };
}

export async function userById(db: Db, id: string, forUpdate = false): Promise<User | null> {
  const rows = forUpdate
    ? await db<UserRow[]>`select * from auth.users where id = ${id} for update`
    : await db<UserRow[]>`select * from auth.users where id = ${id}`;
  return withIdentities(db, [...rows]);
}

/** GoTrue's FindUserByEmailAndAudience (case-insensitive, SSO users excluded). */
export async function userByEmail(db: Db, email: string, aud: string): Promise<User | null> {
  const rows = await db<UserRow[]>`
    select * from auth.users where lower(email) = ${email.toLowerCase()} and aud = ${aud} and is_sso_user = false limit 1`;
  return withIdentities(db, [...rows]);
}

export type TokenColumn = "confirmation_token" | "recovery_token" | "email_change";

/** Finds the user a mailed token hash belongs to (the column depends on the verification type). */
export async function userByTokenHash(
  db: Db,
  kind: TokenColumn | "confirmation_or_recovery",
  hash: string,
): Promise<User | null> {
  let rows: readonly UserRow[];
  if (kind === "confirmation_token") {
    rows = await db<UserRow[]>`select * from auth.users where confirmation_token = ${hash} and is_sso_user = false`;
  } else if (kind === "recovery_token") {
    rows = await db<UserRow[]>`select * from auth.users where recovery_token = ${hash} and is_sso_user = false`;
  } else if (kind === "email_change") {
    rows = await db<UserRow[]>`
      select * from auth.users
      where is_sso_user = false and (email_change_token_current = ${hash} or email_change_token_new = ${hash})`;
  } else {
    rows = await db<UserRow[]>`
      select * from auth.users
      where is_sso_user = false and (confirmation_token = ${hash} or recovery_token = ${hash})`;
  }
  return withIdentities(db, [...rows]);
}

export type NewUser = {
  id?: string;
  aud: string;
  role: string;
  email: string | null;
  phone?: string | null;
  encryptedPassword: string | null;
  appMetadata: Json;
  userMetadata: Json;
  isAnonymous?: boolean;
  isSsoUser?: boolean;
};

/** Inserts a user the way GoTrue's Create does: empty-string tokens, nil instance_id. */
export async function insertUser(db: Db, u: NewUser): Promise<User> {
  const id = u.id ?? randomUUID();
  await db`
    insert into auth.users (
      instance_id, id, aud, role, email, encrypted_password, raw_app_meta_data, raw_user_meta_data,
      created_at, updated_at, phone, confirmation_token, recovery_token, email_change_token_new, email_change,
      email_change_token_current, phone_change, phone_change_token, reauthentication_token,
      email_change_confirm_status, is_sso_user, is_anonymous
    ) values (
      ${NIL_UUID}, ${id}, ${u.aud}, ${u.role}, ${u.email}, ${u.encryptedPassword ?? ""},
      ${db.json(asJson(u.appMetadata))}, ${db.json(asJson(u.userMetadata))},
      now(), now(), ${u.phone ?? null}, '', '', '', '', '', '', '', '', 0, ${u.isSsoUser ?? false}, ${u.isAnonymous ?? false}
    )`;
  const user = await userById(db, id);
  if (!user) throw new Error("user vanished after insert");
  return user;
}

export async function updateUser(db: Db, id: string, patch: Record<string, Value>): Promise<void> {
  await updateRow(db, "users", "id", id, patch);
}

/** Reloads a user with identities (after writes or triggers changed it). */
export async function reloadUser(db: Db, user: { id: string }): Promise<User> {
  const fresh = await userById(db, user.id);
  if (!fresh) throw new Error(`user ${user.id} not found`);
  return fresh;
}

/** Merges metadata like GoTrue's UpdateUserMetaData: null values delete keys. */
export function mergeMetadata(current: Json | null, updates: Json): Json {
  const out: Json = { ...(current ?? {}) };
  for (const [k, v] of Object.entries(updates)) {
    if (v === null || v === undefined) delete out[k];
    else out[k] = v;
  }
  return out;
}

export async function updateUserMetadata(db: Db, user: User, updates: Json): Promise<void> {
  user.raw_user_meta_data = mergeMetadata(user.raw_user_meta_data, updates);
  await updateUser(db, user.id, { raw_user_meta_data: user.raw_user_meta_data });
}

export async function updateAppMetadata(db: Db, user: User, updates: Json): Promise<void> {
  user.raw_app_meta_data = mergeMetadata(user.raw_app_meta_data, updates);
  await updateUser(db, user.id, { raw_app_meta_data: user.raw_app_meta_data });
}

/** GoTrue's UpdateAppMetaDataProviders: `providers` from identities, oldest first. */
export async function syncProviders(db: Db, user: User): Promise<void> {
  const rows = await db<{ provider: string }[]>`
    select provider from auth.identities where user_id = ${user.id} order by created_at asc, id asc`;
  const providers = [...new Set(rows.map((r) => r.provider))];
  const updates: Json = { providers };
  if (providers.length > 0) updates.provider = providers[0];
  await updateAppMetadata(db, user, updates);
}

export async function insertIdentity(db: Db, user: { id: string }, provider: string, identityData: Json): Promise<IdentityRow> {
  const data: Json = { ...identityData };
  if (typeof data.email === "string") data.email = data.email.toLowerCase();
  const providerId = String(data.sub ?? "");
  if (!providerId) throw new Error("error missing provider id");
  const [row] = await db<IdentityRow[]>`
    insert into auth.identities (provider_id, user_id, identity_data, provider, last_sign_in_at, created_at, updated_at)
    values (${providerId}, ${user.id}, ${db.json(asJson(data))}, ${provider}, now(), now(), now())
    returning id, provider_id, user_id, identity_data, provider, last_sign_in_at, created_at, updated_at, email`;
  return row as IdentityRow;
}

export async function identityByProviderId(db: Db, providerId: string, provider: string): Promise<IdentityRow | null> {
  const [row] = await db<IdentityRow[]>`
    select id, provider_id, user_id, identity_data, provider, last_sign_in_at, created_at, updated_at, email
    from auth.identities where provider_id = ${providerId} and provider = ${provider}`;
  return row ?? null;
}

/** GoTrue's UpdateIdentityData: merges keys, null deletes. */
export async function updateIdentityData(db: Db, identity: IdentityRow, updates: Json): Promise<void> {
  identity.identity_data = mergeMetadata(identity.identity_data, updates);
  await updateRow(db, "identities", "id", identity.id, { identity_data: identity.identity_data });
}

export async function replaceIdentityData(db: Db, identity: IdentityRow, data: Json): Promise<void> {
  identity.identity_data = data;
  await updateRow(db, "identities", "id", identity.id, { identity_data: data, last_sign_in_at: new Date() });
}

export async function deleteIdentity(db: Db, id: string): Promise<void> {
  await db`delete from auth.identities where id = ${id}`;
}

/** Users that own a verified-email identity or email equal to one of `emails` (account linking). */
export async function identitiesByEmails(db: Db, emails: string[]): Promise<IdentityRow[]> {
  if (emails.length === 0) return [];
  const rows = await db<IdentityRow[]>`
    select id, provider_id, user_id, identity_data, provider, last_sign_in_at, created_at, updated_at, email
    from auth.identities where email = any(${emails})`;
  return [...rows];
}

export async function usersByEmails(db: Db, emails: string[]): Promise<UserRow[]> {
  if (emails.length === 0) return [];
  const rows = await db<UserRow[]>`select * from auth.users where email = any(${emails}) and is_sso_user = false`;
  return [...rows];
}

/** GoTrue's IsDuplicatedEmail: another user (same audience) already owns this email. */
export async function duplicateEmailUser(db: Db, email: string, aud: string, exceptUserId?: string): Promise<User | null> {
  const lower = email.toLowerCase();
  const ids = await db<{ user_id: string }[]>`select distinct user_id from auth.identities where email = ${lower}`;
  for (const { user_id } of ids) {
    if (user_id === exceptUserId) continue;
    const u = await userById(db, user_id);
    if (u && u.aud === aud) return u;
  }
  const byEmail = await userByEmail(db, lower, aud);
  return byEmail && byEmail.id !== exceptUserId ? byEmail : null;
}

// ---------------------------------------------------------------------------
// one-time tokens
// ---------------------------------------------------------------------------

export type OneTimeTokenType =
  | "confirmation_token"
  | "recovery_token"
  | "email_change_token_new"
  | "email_change_token_current"
  | "reauthentication_token";

/** GoTrue's CreateOneTimeToken: one token per user and type, replaced on every send. */
export async function putOneTimeToken(
  db: Db,
  userId: string,
  type: OneTimeTokenType,
  hash: string,
  relatesTo: string,
): Promise<void> {
  await db`delete from auth.one_time_tokens where user_id = ${userId} and token_type = ${type}`;
  await db`
    insert into auth.one_time_tokens (id, user_id, token_type, token_hash, relates_to, created_at, updated_at)
    values (${randomUUID()}, ${userId}, ${type}, ${hash}, ${relatesTo.toLowerCase()}, now(), now())`;
}

export async function clearOneTimeTokens(db: Db, userId: string, type?: OneTimeTokenType): Promise<void> {
  if (type) await db`delete from auth.one_time_tokens where user_id = ${userId} and token_type = ${type}`;
  else await db`delete from auth.one_time_tokens where user_id = ${userId}`;
}

// ---------------------------------------------------------------------------
// sessions and refresh tokens
// ---------------------------------------------------------------------------

export async function insertSession(db: Db, userId: string, userAgent: string, ip: string): Promise<string> {
  const id = randomUUID();
  await db`
    insert into auth.sessions (id, user_id, created_at, updated_at, aal, user_agent, ip)
    values (${id}, ${userId}, now(), now(), 'aal1', ${userAgent || null}, ${isIP(ip) ? ip : null})`;
  return id;
}

export async function sessionById(db: Db, id: string, forUpdate = false): Promise<SessionRow | null> {
  const cols = db`id, user_id, created_at, updated_at, factor_id, aal::text as aal, not_after,
    (refreshed_at at time zone 'UTC') as refreshed_at, user_agent, host(ip) as ip, tag`;
  const rows = forUpdate
    ? await db<SessionRow[]>`select ${cols} from auth.sessions where id = ${id} for update`
    : await db<SessionRow[]>`select ${cols} from auth.sessions where id = ${id}`;
  return rows[0] ?? null;
}

/** GoTrue's AddClaimToSession: one row per method, its time refreshed on reuse. */
export async function addAmrClaim(db: Db, sessionId: string, method: string): Promise<void> {
  await db`
    insert into auth.mfa_amr_claims (id, session_id, created_at, updated_at, authentication_method)
    values (${randomUUID()}, ${sessionId}, now(), now(), ${method})
    on conflict on constraint mfa_amr_claims_session_id_authentication_method_pkey do update set updated_at = now()`;
}

export async function amrClaims(db: Db, sessionId: string): Promise<{ method: string; timestamp: number }[]> {
  const rows = await db<{ authentication_method: string; updated_at: Date }[]>`
    select authentication_method, updated_at from auth.mfa_amr_claims where session_id = ${sessionId}`;
  return rows.map((r) => ({ method: r.authentication_method, timestamp: Math.floor(r.updated_at.getTime() / 1000) }));
}

export async function touchSessionRefresh(db: Db, sessionId: string, userAgent: string, ip: string): Promise<void> {
  await db`
    update auth.sessions
    set refreshed_at = (now() at time zone 'UTC'), user_agent = ${userAgent || null}, ip = ${isIP(ip) ? ip : null}, updated_at = now()
    where id = ${sessionId}`;
}

export async function deleteSession(db: Db, sessionId: string): Promise<void> {
  await db`delete from auth.sessions where id = ${sessionId}`;
}

export async function deleteUserSessions(db: Db, userId: string, exceptSessionId?: string): Promise<void> {
  if (exceptSessionId) await db`delete from auth.sessions where user_id = ${userId} and id <> ${exceptSessionId}`;
  else await db`delete from auth.sessions where user_id = ${userId}`;
}

export async function insertRefreshToken(
  db: Db,
  token: string,
  userId: string,
  sessionId: string,
  parent: string | null,
): Promise<RefreshTokenRow> {
  const [row] = await db<RefreshTokenRow[]>`
    insert into auth.refresh_tokens (instance_id, token, user_id, revoked, created_at, updated_at, parent, session_id)
    values (${NIL_UUID}, ${token}, ${userId}, false, now(), now(), ${parent}, ${sessionId})
    returning id::text as id, token, user_id, revoked, created_at, updated_at, parent, session_id`;
  return row as RefreshTokenRow;
}

export async function refreshTokenByToken(db: Db, token: string, forUpdate = false): Promise<RefreshTokenRow | null> {
  const rows = forUpdate
    ? await db<RefreshTokenRow[]>`
        select id::text as id, token, user_id, revoked, created_at, updated_at, parent, session_id
        from auth.refresh_tokens where token = ${token} for update`
    : await db<RefreshTokenRow[]>`
        select id::text as id, token, user_id, revoked, created_at, updated_at, parent, session_id
        from auth.refresh_tokens where token = ${token}`;
  return rows[0] ?? null;
}

/** The session's newest non-revoked token (GoTrue's FindCurrentlyActiveRefreshToken). */
export async function activeRefreshToken(db: Db, sessionId: string): Promise<RefreshTokenRow | null> {
  const [row] = await db<RefreshTokenRow[]>`
    select id::text as id, token, user_id, revoked, created_at, updated_at, parent, session_id
    from auth.refresh_tokens where session_id = ${sessionId} and revoked is false order by id desc limit 1`;
  return row ?? null;
}

export async function revokeRefreshToken(db: Db, id: string): Promise<void> {
  await db`update auth.refresh_tokens set revoked = true, updated_at = now() where id = ${id}`;
}

export async function deleteRefreshToken(db: Db, id: string): Promise<void> {
  await db`delete from auth.refresh_tokens where id = ${id}`;
}

// ---------------------------------------------------------------------------
// flow state (PKCE and OAuth)
// ---------------------------------------------------------------------------

export type NewFlowState = {
  providerType: string;
  authenticationMethod: string;
  codeChallenge?: string;
  codeChallengeMethod?: string;
  userId?: string | null;
  referrer?: string;
  linkingTargetId?: string;
};

const FLOW_COLS = `id, user_id, auth_code, code_challenge_method::text as code_challenge_method, code_challenge, provider_type,
  provider_access_token, provider_refresh_token, created_at, authentication_method, auth_code_issued_at, referrer, linking_target_id`;

export async function insertFlowState(db: Db, f: NewFlowState): Promise<FlowStateRow> {
  const pkce = Boolean(f.codeChallenge);
  const rows = await db.unsafe<FlowStateRow[]>(
    `insert into auth.flow_state (id, user_id, auth_code, code_challenge_method, code_challenge, provider_type,
       created_at, updated_at, authentication_method, referrer, linking_target_id)
     values ($1, $2, $3, $4::auth.code_challenge_method, $5, $6, now(), now(), $7, $8, $9)
     returning ${FLOW_COLS}`,
    [
      randomUUID(),
      f.userId ?? null,
      pkce ? randomUUID() : null,
      pkce ? (f.codeChallengeMethod ?? "").toLowerCase() : null,
      pkce ? (f.codeChallenge ?? null) : null,
      f.providerType,
      f.authenticationMethod,
      f.referrer ?? null,
      f.linkingTargetId ?? null,
    ],
  );
  return rows[0] as FlowStateRow;
}

export async function flowStateById(db: Db, id: string, forUpdate = false): Promise<FlowStateRow | null> {
  const rows = await db.unsafe<FlowStateRow[]>(
    `select ${FLOW_COLS} from auth.flow_state where id = $1${forUpdate ? " for update" : ""}`,
    [id],
  );
  return rows[0] ?? null;
}

export async function flowStateByAuthCode(db: Db, code: string): Promise<FlowStateRow | null> {
  const rows = await db.unsafe<FlowStateRow[]>(`select ${FLOW_COLS} from auth.flow_state where auth_code = $1`, [code]);
  return rows[0] ?? null;
}

export async function latestFlowStateForUser(db: Db, userId: string, method: string): Promise<FlowStateRow | null> {
  const rows = await db.unsafe<FlowStateRow[]>(
    `select ${FLOW_COLS} from auth.flow_state where user_id = $1 and authentication_method = $2 order by created_at desc, id desc limit 1`,
    [userId, method],
  );
  return rows[0] ?? null;
}

export async function updateFlowState(db: Db, id: string, patch: Record<string, Value>): Promise<void> {
  await updateRow(db, "flow_state", "id", id, patch);
}

export async function deleteFlowState(db: Db, id: string): Promise<void> {
  await db`delete from auth.flow_state where id = ${id}`;
}

// ---------------------------------------------------------------------------
// audit log
// ---------------------------------------------------------------------------

const LOG_TYPE: Record<string, string> = {
  login: "account",
  logout: "account",
  invite_accepted: "account",
  user_signedup: "team",
  user_invited: "team",
  user_deleted: "team",
  token_revoked: "token",
  token_refreshed: "token",
  user_modified: "user",
  user_recovery_requested: "user",
  user_reauthenticate_requested: "user",
  user_confirmation_requested: "user",
  user_repeated_signup: "user",
  user_updated_password: "user",
  identity_linked: "user",
  identity_unlinked: "user",
};

export type AuditActor = {
  id: string;
  email: string | null;
  phone: string | null;
  is_sso_user?: boolean;
  raw_user_meta_data?: Json | null;
};

/** The admin "user" GoTrue logs for service-role calls: nil id, the role as username. */
export const adminActor = (role: string): AuditActor => ({ id: NIL_UUID, email: role, phone: null });

/** Appends to auth.audit_log_entries with GoTrue's payload shape. */
export async function audit(db: Db, actor: AuditActor, action: string, ipAddress = "", traits?: Json): Promise<void> {
  const payload: Json = {
    actor_id: actor.id,
    actor_via_sso: actor.is_sso_user ?? false,
    actor_username: actor.phone || actor.email || "",
    action,
    log_type: LOG_TYPE[action] ?? "",
  };
  const fullName = actor.raw_user_meta_data?.full_name;
  if (fullName !== undefined) payload.actor_name = fullName;
  if (traits) payload.traits = traits;
  await db`
    insert into auth.audit_log_entries (instance_id, id, payload, created_at, ip_address)
    values (${NIL_UUID}, ${randomUUID()}, ${db.json(asJson(payload))}, now(), ${ipAddress})`;
}
