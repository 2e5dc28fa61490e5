import type { TenantRow } from "../../tenants/api/my-tenants-query.ts";

/** get_super_admin_status(): what the console shows before anything else. */
export type SetupStepKey = "verify_email" | "change_password" | "enable_2fa" | "verify_2fa_session";
export type SuperAdminStatus = {
  is_super_admin: boolean;
  ready: boolean;
  steps: { key: SetupStepKey; done: boolean; description: string }[];
  remaining: SetupStepKey[];
  next_step: SetupStepKey | null;
};

/** The offset pages every admin_list_* answers. */
export type AdminPage<T> = { items: T[]; total: number; limit: number; offset: number };

export type AdminTenantSummary = {
  id: string;
  name: string;
  slug: string;
  created_at: string;
  created_by: string | null;
  member_count: number;
  admin_count: number;
};

export type AdminTenantMember = {
  user_id: string;
  email: string | null;
  full_name: string;
  joined_at: string;
  attributes: Record<string, unknown>;
  role_keys: string[];
};

export type AdminTenantRole = {
  id: string;
  key: string;
  name: string;
  builtin: boolean;
  capabilities: string[];
  member_count: number;
};

/** admin_get_tenant(): every setting, members, roles, and row counts per tenant table. */
export type AdminTenantDetail = TenantRow & {
  members: AdminTenantMember[];
  roles: AdminTenantRole[];
  objects: Record<string, number>;
};

export type MfaFactorState = "none" | "pending" | "active";

export type AdminUserSummary = {
  id: string;
  email: string | null;
  full_name: string;
  email_verified: boolean;
  banned: boolean;
  banned_until: string | null;
  created_at: string;
  last_sign_in_at: string | null;
  super_admin: boolean;
  mfa: MfaFactorState;
  tenant_count: number;
};

export type AdminUserDetail = AdminUserSummary & {
  registered_at: string | null;
  providers: string[];
  session_count: number;
  mfa_policy: { state: string; deadline: string | null; factor: MfaFactorState; grace_days?: number } | null;
  super_admin_remaining: SetupStepKey[];
  memberships: { tenant_id: string; name: string; slug: string; joined_at: string; role_keys: string[] }[];
};

/** admin_list_tenant_objects(): one tenant table's rows, by primary key, secrets redacted. */
export type AdminObjectPage = AdminPage<Record<string, unknown>> & { table: string; key: string[] };

/** The changes admin_update_user takes. */
export type AdminUserChanges = { full_name?: string; banned?: boolean; email_verified?: boolean };
