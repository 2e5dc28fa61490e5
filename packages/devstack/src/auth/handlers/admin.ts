import { createHash } from "node:crypto";
import { type AuthApp, inTx } from "../app.ts";
import { parseGoDuration } from "../durations.ts";
import { ApiError, badRequest, internalError, notFound, unprocessable } from "../errors.ts";
import { type AuthRequest, bool, json, jsonBody, obj, optionalJsonBody, optStr, type Reply, str } from "../http.ts";
import { actionLink } from "../mail-templates.ts";
import { pickRedirect } from "../redirect.ts";
import { generateOtp, randomPassword, tokenHash } from "../secrets.ts";
import { isUuid, requestAud, requireAdmin } from "../sessions.ts";
import {
  adminActor,
  audit,
  clearOneTimeTokens,
  deleteUserSessions,
  duplicateEmailUser,
  identityByProviderId,
  insertIdentity,
  insertUser,
  type Json,
  putOneTimeToken,
  reloadUser,
  type User,
  updateAppMetadata,
  updateIdentityData,
  updateUser,
  updateUserMetadata,
  userByEmail,
  userById,
} from "../store.ts";
import { confirmUser, emailIdentityData, isConfirmed, referrer, sendInvite, updatePassword } from "../user-actions.ts";
import { userJson } from "../user-json.ts";
import { checkPasswordStrength, hashPassword, validateEmail } from "../validation.ts";

const DUPLICATE_EMAIL = "A user with this email address has already been registered";

function banUntil(duration: string): Date | null {
  if (duration === "none") return null;
  let seconds: number;
  try {
    seconds = parseGoDuration(duration);
  } catch (e) {
    throw badRequest("validation_failed", `invalid format for ban duration: time: ${(e as Error).message}`);
  }
  return seconds === 0 ? null : new Date(Date.now() + seconds * 1000);
}

async function loadUser(app: AuthApp, req: AuthRequest): Promise<User> {
  const id = req.params.id ?? "";
  if (!isUuid(id)) throw notFound("validation_failed", "user_id must be an UUID");
  const user = await userById(app.sql, id);
  if (!user) throw notFound("user_not_found", "User not found");
  return user;
}

/** GET /admin/users?page=&per_page=&filter=: newest first, with GoTrue's Link and X-Total-Count headers. */
export async function listUsers(app: AuthApp, req: AuthRequest): Promise<Reply> {
  await requireAdmin(app, req);
  const q = req.url.searchParams;
  const parse = (v: string | null, fallback: number) => {
    if (v === null || v === "") return fallback;
    if (!/^\d+$/.test(v))
      throw badRequest("validation_failed", `Bad Pagination Parameters: strconv.ParseUint: parsing "${v}": invalid syntax`);
    return Number(v);
  };
  const page = Math.max(1, parse(q.get("page"), 1));
  const perPage = Math.max(1, parse(q.get("per_page"), 50));
  const filter = q.get("filter") ?? "";
  const aud = requestAud(app, req);
  const like = `%${filter}%`;
  const where = () =>
    filter
      ? app.sql`aud = ${aud} and (email like ${like} or raw_user_meta_data->>'full_name' ilike ${like})`
      : app.sql`aud = ${aud}`;
  const countRows = await app.sql<{ count: string }[]>`select count(*)::text as count from auth.users where ${where()}`;
  const ids = await app.sql<{ id: string }[]>`
    select id from auth.users where ${where()} order by created_at desc, id limit ${perPage} offset ${(page - 1) * perPage}`;
  const users: Json[] = [];
  for (const { id } of ids) {
    const u = await userById(app.sql, id);
    if (u) users.push(userJson(u));
  }
  const total = Number(countRows[0]?.count ?? 0);
  const totalPages = Math.ceil(total / perPage);
  const link = (p: number) => {
    const params = new URLSearchParams(q);
    params.set("page", String(p));
    params.sort();
    return `<${req.url.pathname}?${params.toString()}>`;
  };
  let linkHeader = "";
  if (totalPages > page) linkHeader += `${link(page + 1)}; rel="next", `;
  linkHeader += `${link(totalPages)}; rel="last"`;
  return json(200, { users, aud }, { Link: linkHeader, "X-Total-Count": String(total) });
}

export async function getUserAdmin(app: AuthApp, req: AuthRequest): Promise<Reply> {
  await requireAdmin(app, req);
  return json(200, userJson(await loadUser(app, req)));
}

/** POST /admin/users: creates a user directly (no mail), optionally confirmed. */
export async function createUser(app: AuthApp, req: AuthRequest): Promise<Reply> {
  const { role: adminRole } = await requireAdmin(app, req);
  const body = jsonBody(req);
  const aud = str(body, "aud") || requestAud(app, req);
  let email = str(body, "email");
  const phone = str(body, "phone");
  let password = optStr(body, "password");
  const passwordHash = str(body, "password_hash");
  const userMetadata = obj(body, "user_metadata") ?? {};
  const appMetadata = obj(body, "app_metadata");
  const role = str(body, "role");
  const customId = str(body, "id");
  const banDuration = str(body, "ban_duration");
  const emailConfirm = bool(body, "email_confirm");

  if (!email && !phone) throw badRequest("validation_failed", "Cannot create a user without either an email or phone");
  if (phone) throw unprocessable("phone_provider_disabled", "Phone logins are disabled");
  email = validateEmail(email);
  if (await duplicateEmailUser(app.sql, email, aud)) throw unprocessable("email_exists", DUPLICATE_EMAIL);
  if (password !== undefined && passwordHash)
    throw badRequest("validation_failed", "Only a password or a password hash should be provided");
  if (customId && !isUuid(customId)) throw badRequest("validation_failed", "ID must conform to the uuid v4 format");
  if (customId === "00000000-0000-0000-0000-000000000000") throw badRequest("validation_failed", "ID cannot be a nil uuid");
  const bannedUntil = banDuration ? banUntil(banDuration) : undefined;
  let encrypted: string;
  if (passwordHash) {
    if (!/^\$2[abxy]?\$\d\d\$[./A-Za-z0-9]{53}$/.test(passwordHash)) throw internalError("Error creating user");
    encrypted = passwordHash;
  } else {
    if (!password) password = randomPassword();
    if (Buffer.byteLength(password) > 72) throw badRequest("validation_failed", "bcrypt: password length exceeds 72 bytes");
    encrypted = await hashPassword(password);
  }

  const user = await inTx(app, async (db) => {
    const u = await insertUser(db, {
      id: customId || undefined,
      aud,
      role: role || app.settings.defaultRole,
      email,
      encryptedPassword: encrypted,
      appMetadata: { provider: "email", providers: ["email"] },
      userMetadata,
    });
    await insertIdentity(db, u, "email", emailIdentityData(u.id, email));
    await audit(db, adminActor(adminRole), "user_signedup", "", {
      user_id: u.id,
      user_email: email,
      user_phone: "",
      provider: "email",
    });
    if (appMetadata) await updateAppMetadata(db, u, appMetadata);
    if (emailConfirm) await confirmUser(db, u);
    if (bannedUntil !== undefined) await updateUser(db, u.id, { banned_until: bannedUntil });
    return reloadUser(db, u);
  }).catch((e: unknown) => {
    if (e instanceof ApiError) throw e;
    throw internalError("Database error creating new user");
  });
  return json(200, userJson(user));
}

/** PUT /admin/users/:id: email, password, metadata, role, confirmation, bans. */
export async function updateUserAdmin(app: AuthApp, req: AuthRequest): Promise<Reply> {
  const { role: adminRole } = await requireAdmin(app, req);
  const user = await loadUser(app, req);
  const body = jsonBody(req);
  let email = str(body, "email");
  const password = optStr(body, "password");
  const role = str(body, "role");
  const emailConfirm = bool(body, "email_confirm");
  const userMetadata = obj(body, "user_metadata");
  const appMetadata = obj(body, "app_metadata");
  const banDuration = str(body, "ban_duration");
  if (email) email = validateEmail(email);
  if (str(body, "phone")) throw unprocessable("phone_provider_disabled", "Phone logins are disabled");
  const bannedUntil = banDuration ? banUntil(banDuration) : undefined;
  let encrypted: string | null = null;
  if (password !== undefined) {
    checkPasswordStrength(password, app.settings.minPasswordLength);
    encrypted = await hashPassword(password);
  }
  const updated = await inTx(app, async (db) => {
    if (role) await updateUser(db, user.id, { role });
    if (emailConfirm) await confirmUser(db, user);
    if (encrypted !== null) await updatePassword(db, user, encrypted, null);
    if (email) {
      const identity = await identityByProviderId(db, user.id, "email");
      if (!identity) await insertIdentity(db, user, "email", emailIdentityData(user.id, email, emailConfirm));
      else await updateIdentityData(db, identity, { email, email_verified: emailConfirm });
      if (user.is_anonymous && emailConfirm) await updateUser(db, user.id, { is_anonymous: false });
      await updateUser(db, user.id, { email });
    }
    if (appMetadata) await updateAppMetadata(db, user, appMetadata);
    if (userMetadata) await updateUserMetadata(db, user, userMetadata);
    if (bannedUntil !== undefined) await updateUser(db, user.id, { banned_until: bannedUntil });
    await audit(db, adminActor(adminRole), "user_modified", "", {
      user_id: user.id,
      user_email: email || user.email,
      user_phone: user.phone ?? "",
    });
    return reloadUser(db, user);
  }).catch((e: unknown) => {
    if (e instanceof ApiError) throw e;
    throw internalError("Error updating user");
  });
  return json(200, userJson(updated));
}

const obfuscate = (id: string, value: string) =>
  createHash("sha256")
    .update(id + value)
    .digest("base64url");

/** DELETE /admin/users/:id (`should_soft_delete` keeps an anonymised row, as GoTrue does). */
export async function deleteUserAdmin(app: AuthApp, req: AuthRequest): Promise<Reply> {
  const { role: adminRole } = await requireAdmin(app, req);
  const user = await loadUser(app, req);
  const body = optionalJsonBody(req);
  const soft = bool(body, "should_soft_delete");
  await inTx(app, async (db) => {
    await audit(db, adminActor(adminRole), "user_deleted", "", {
      user_id: user.id,
      user_email: user.email ?? "",
      user_phone: user.phone ?? "",
    });
    if (!soft) {
      await db`delete from auth.users where id = ${user.id}`;
      return;
    }
    if (user.deleted_at) return;
    await updateUser(db, user.id, {
      email: user.email ? obfuscate(user.id, user.email) : null,
      phone: user.phone ? obfuscate(user.id, user.phone).slice(0, 15) : null,
      email_change: user.email_change ? obfuscate(user.id, user.email_change) : "",
      encrypted_password: null,
      confirmation_token: "",
      recovery_token: "",
      email_change_token_current: "",
      email_change_token_new: "",
      phone_change_token: "",
      deleted_at: new Date(),
      raw_user_meta_data: {},
      raw_app_meta_data: {},
    });
    await clearOneTimeTokens(db, user.id);
    for (const identity of user.identities) {
      await db`
        update auth.identities set identity_data = '{}'::jsonb, provider_id = ${obfuscate(user.id, `${identity.provider}:${identity.provider_id}`)},
          updated_at = now()
        where id = ${identity.id}`;
    }
    await db`delete from auth.mfa_factors where user_id = ${user.id}`;
    await deleteUserSessions(db, user.id);
  }).catch((e: unknown) => {
    if (e instanceof ApiError) throw e;
    throw internalError("Database error deleting user");
  });
  return json(200, {});
}

/** GET /admin/users/:id/factors: the devstack has no MFA enrolment, so always empty. */
export async function listFactors(app: AuthApp, req: AuthRequest): Promise<Reply> {
  await requireAdmin(app, req);
  await loadUser(app, req);
  return json(200, []);
}

/** POST /invite: creates (or re-invites) a user and mails an invite link. */
export async function invite(app: AuthApp, req: AuthRequest): Promise<Reply> {
  const { role: adminRole } = await requireAdmin(app, req);
  const body = jsonBody(req);
  const email = validateEmail(str(body, "email"));
  const data = obj(body, "data") ?? {};
  const aud = requestAud(app, req);
  const existing = await userByEmail(app.sql, email, aud);
  const user = await inTx(app, async (db) => {
    let u: User;
    if (existing) {
      if (isConfirmed(existing)) throw unprocessable("email_exists", DUPLICATE_EMAIL);
      u = existing;
    } else {
      u = await insertUser(db, {
        aud,
        role: app.settings.defaultRole,
        email,
        encryptedPassword: "",
        appMetadata: { provider: "email", providers: ["email"] },
        userMetadata: data,
      }).catch((e: unknown) => {
        if (e instanceof ApiError) throw e;
        throw internalError("Database error saving new user");
      });
      u.identities.push(await insertIdentity(db, u, "email", emailIdentityData(u.id, email)));
    }
    await audit(db, adminActor(adminRole), "user_invited", "", { user_id: u.id, user_email: email });
    await sendInvite(app, db, req, u);
    return reloadUser(db, u);
  });
  return json(200, userJson(user));
}

const LINK_TYPES = ["signup", "invite", "magiclink", "recovery", "email_change_current", "email_change_new"];

/** POST /admin/generate_link: the link a mail would carry, returned instead of sent. */
export async function generateLink(app: AuthApp, req: AuthRequest): Promise<Reply> {
  const { role: adminRole } = await requireAdmin(app, req);
  const body = jsonBody(req);
  let type = str(body, "type");
  const email = validateEmail(str(body, "email"));
  const requested = str(body, "redirect_to");
  const data = obj(body, "data") ?? {};
  let password = str(body, "password");
  const policy = { siteUrl: app.settings.siteUrl, allowList: app.settings.allowList };
  const redirectTo = requested ? pickRedirect(policy, requested, undefined) : referrer(app, req);
  const aud = requestAud(app, req);
  const existing = await userByEmail(app.sql, email, aud);
  if (!existing) {
    if (type === "magiclink") {
      type = "signup";
      password = randomPassword();
    } else if (["recovery", "email_change_current", "email_change_new"].includes(type)) {
      throw notFound("user_not_found", "User with this email not found");
    }
  }
  if (!LINK_TYPES.includes(type)) throw badRequest("validation_failed", `Invalid email action link type requested: ${type}`);
  if (type === "signup" && !existing) checkPasswordStrength(password, app.settings.minPasswordLength);
  const encrypted = type === "signup" && !existing ? await hashPassword(password) : "";
  const otp = generateOtp(app.settings.otpLength);
  const hashed = tokenHash(email, otp);

  const result = await inTx(app, async (db) => {
    const now = new Date();
    let user = existing;
    let linkType = type;
    let linkHash = hashed;
    switch (type) {
      case "magiclink":
      case "recovery": {
        const u = user as User;
        await audit(db, u, "user_recovery_requested");
        await updateUser(db, u.id, { recovery_token: hashed, recovery_sent_at: now });
        await putOneTimeToken(db, u.id, "recovery_token", hashed, email);
        break;
      }
      case "invite":
      case "signup": {
        if (user && isConfirmed(user)) throw unprocessable("email_exists", DUPLICATE_EMAIL);
        if (!user) {
          user = await insertUser(db, {
            aud,
            role: app.settings.defaultRole,
            email,
            encryptedPassword: encrypted,
            appMetadata: { provider: "email", providers: ["email"] },
            userMetadata: data,
          });
          await insertIdentity(db, user, "email", emailIdentityData(user.id, email));
        } else if (type === "signup") {
          await updateUserMetadata(db, user, data);
        }
        if (type === "invite") {
          await audit(db, adminActor(adminRole), "user_invited", "", { user_id: user.id, user_email: email });
          await updateUser(db, user.id, { confirmation_token: hashed, confirmation_sent_at: now, invited_at: now });
        } else {
          await updateUser(db, user.id, { confirmation_token: hashed, confirmation_sent_at: now });
        }
        await putOneTimeToken(db, user.id, "confirmation_token", hashed, email);
        break;
      }
      default: {
        const u = user as User;
        if (!app.settings.secureEmailChange && type === "email_change_current") {
          throw badRequest("validation_failed", "Enable secure email change to generate link for current email");
        }
        const newEmail = validateEmail(str(body, "new_email"));
        if (await duplicateEmailUser(db, newEmail, u.aud ?? aud, u.id)) throw unprocessable("email_exists", DUPLICATE_EMAIL);
        const patch: Record<string, string | number | Date> = {
          email_change: newEmail,
          email_change_sent_at: now,
          email_change_confirm_status: 0,
        };
        if (type === "email_change_current") {
          patch.email_change_token_current = hashed;
        } else {
          linkHash = tokenHash(newEmail, otp);
          patch.email_change_token_new = linkHash;
        }
        await updateUser(db, u.id, patch);
        if (type === "email_change_current") await putOneTimeToken(db, u.id, "email_change_token_current", hashed, email);
        else await putOneTimeToken(db, u.id, "email_change_token_new", linkHash, newEmail);
        linkType = "email_change";
      }
    }
    const fresh = await reloadUser(db, user as User);
    return { user: fresh, link: actionLink(app.settings.externalUrl, linkHash, linkType, redirectTo), linkHash };
  });
  return json(200, {
    ...userJson(result.user),
    action_link: result.link,
    email_otp: otp,
    hashed_token: result.linkHash,
    verification_type: type,
    redirect_to: redirectTo,
  });
}
