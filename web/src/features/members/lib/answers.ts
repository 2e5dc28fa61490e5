import { PERMISSION_ACTIONS, type PermissionAction, type PermissionGrant } from "@flexoffice/shared";

/**
 * The JSON answers of explain_permissions and get_invitation read into the shapes the
 * screens use; pure, so they are tested without a browser.
 */

/** Where a role's grants on the blueprint come from: Admin (everything), the role's default, or saved grants. */
export type GrantSource = "admin" | "default" | "grants";

export type ExplainedRole = {
  id: string;
  key: string;
  name: string;
  builtin: boolean;
  source: GrantSource;
  grants: PermissionGrant[] | null;
};

export type ExplainedAction = {
  allowed: boolean;
  /** Role keys whose grants allow it. */
  byRoles: string[];
  /** No row rule limits it. */
  everyRow: boolean;
  /** Readable (read) or writable (create, update) fields; null = every field. */
  fields: string[] | null;
  /** Why grants fail closed (a field they name was removed, …). */
  broken: string[];
  reason: "no_grant" | null;
};

export type Explanation = { roles: ExplainedRole[]; actions: Record<PermissionAction, ExplainedAction> };

type RawAction = {
  allowed?: boolean;
  by_roles?: string[];
  every_row?: boolean;
  fields?: string[];
  broken?: string[];
  reason?: string;
};
type RawAnswer = {
  roles?: { id: string; key: string; name: string; builtin: boolean; source: string; grants: PermissionGrant[] | null }[];
  actions?: Partial<Record<PermissionAction, RawAction>>;
};

/** Reads the answer of `explain_permissions` into the shape the explain view shows (exported for tests). */
export function parseExplanation(raw: unknown): Explanation {
  const answer = (raw ?? {}) as RawAnswer;
  const actions = {} as Record<PermissionAction, ExplainedAction>;
  for (const action of PERMISSION_ACTIONS) {
    const entry = answer.actions?.[action] ?? {};
    actions[action] = {
      allowed: entry.allowed === true,
      byRoles: entry.by_roles ?? [],
      everyRow: entry.every_row === true,
      fields: entry.fields ?? null,
      broken: entry.broken ?? [],
      reason: entry.reason === "no_grant" ? "no_grant" : null,
    };
  }
  const roles = (answer.roles ?? []).map((role) => ({
    ...role,
    source: (role.source === "admin" || role.source === "grants" ? role.source : "default") as GrantSource,
  }));
  return { roles, actions };
}

export type InvitationState = "pending" | "accepted" | "declined" | "revoked" | "expired";

/** What the accept page learns from a link token (docs/members-and-roles.md, "Accept page"). */
export type InvitationView =
  | { emailMatches: false; emailHint: string; reason: string }
  | {
      emailMatches: true;
      id: string;
      email: string;
      state: InvitationState;
      expiresAt: string;
      tenant: { id: string; name: string; slug: string };
      invitedBy: { name: string; email: string } | null;
      roles: { id: string; key: string; name: string }[];
    };

type RawInvitation = {
  email_matches: boolean;
  email_hint?: string;
  reason?: string;
  id?: string;
  email?: string;
  state?: InvitationState;
  expires_at?: string;
  tenant?: { id: string; name: string; slug: string };
  invited_by?: { name: string | null; email: string | null } | null;
  roles?: { id: string; key: string; name: string }[];
};

export function parseInvitation(raw: unknown): InvitationView {
  const answer = raw as RawInvitation;
  if (!answer.email_matches) {
    return { emailMatches: false, emailHint: answer.email_hint ?? "", reason: answer.reason ?? "" };
  }
  return {
    emailMatches: true,
    id: answer.id ?? "",
    email: answer.email ?? "",
    state: answer.state ?? "pending",
    expiresAt: answer.expires_at ?? "",
    tenant: answer.tenant ?? { id: "", name: "", slug: "" },
    invitedBy: answer.invited_by ? { name: answer.invited_by.name ?? "", email: answer.invited_by.email ?? "" } : null,
    roles: answer.roles ?? [],
  };
}
