import { z } from "zod";

const RowCountsSchema = z.record(z.string(), z.number());

/** What `get_account_deletion_preview()` answers (docs/account-deletion.md, "Preview"). */
export const DeletionPreviewSchema = z.object({
  can_delete: z.boolean(),
  blockers: z
    .array(
      z.object({
        rule: z.string(),
        tenant_id: z.string().nullish(),
        name: z.string().nullish(),
        slug: z.string().nullish(),
        message: z.string().nullish(),
      }),
    )
    .default([]),
  tenants_deleted: z
    .array(
      z.object({ id: z.string(), name: z.string(), slug: z.string(), rows: RowCountsSchema.default({}), total_rows: z.number() }),
    )
    .default([]),
  tenants_kept: z
    .array(
      z.object({
        id: z.string(),
        name: z.string(),
        slug: z.string(),
        member_count: z.number(),
        role_keys: z.array(z.string()).default([]),
        last_admin: z.boolean().default(false),
      }),
    )
    .default([]),
  personal_rows: RowCountsSchema.default({}),
  reassigned_rows: RowCountsSchema.default({}),
  requires: z.object({ password: z.boolean(), has_password: z.boolean(), mfa_code: z.boolean() }),
});
export type DeletionPreview = z.infer<typeof DeletionPreviewSchema>;

/**
 * Words for the tables the preview names (keys of the namespace's `tables` group). A table
 * added later still shows, under its own name, so the list never hides what goes.
 */
const TABLE_KEYS = {
  profiles: "profiles",
  tenants: "tenants",
  tenant_members: "tenant_members",
  member_roles: "member_roles",
  roles: "roles",
  invitations: "invitations",
  blueprints: "blueprints",
  blueprint_versions: "blueprint_versions",
  field_definitions: "field_definitions",
  entities: "entities",
  flows: "flows",
  api_keys: "api_keys",
  "auth.sessions": "sessions",
  "auth.identities": "identities",
  "auth.refresh_tokens": "refresh_tokens",
  "private.mfa_factors": "mfa_factors",
  "private.mfa_recovery_codes": "mfa_recovery_codes",
  "private.mfa_verified_sessions": "mfa_verified_sessions",
  "private.mfa_attempts": "mfa_attempts",
  "private.session_activity": "session_activity",
  "private.account_deletion_attempts": "account_deletion_attempts",
} as const;
export type TableKey = (typeof TABLE_KEYS)[keyof typeof TABLE_KEYS];

/** "roles.created_by" -> "roles"; "auth.sessions" stays as it is. */
export function tableOfColumn(reference: string): string {
  const parts = reference.split(".");
  return parts.length > 1 ? parts.slice(0, -1).join(".") : reference;
}

export function tableKey(table: string): TableKey | null {
  return (TABLE_KEYS as Record<string, TableKey>)[table] ?? null;
}

const TABLE_ORDER = Object.keys(TABLE_KEYS);

/**
 * Rows per table without empty entries, in reading order: the tables we have words for in
 * the order of importance above (profile first, bookkeeping last), then any other table,
 * largest first. Reassigned columns ("roles.created_by") fold into their table.
 */
export function rowList(rows: Record<string, number>, byTable = false): { table: string; count: number }[] {
  const totals = new Map<string, number>();
  for (const [name, count] of Object.entries(rows)) {
    if (count <= 0) continue;
    const table = byTable ? tableOfColumn(name) : name;
    totals.set(table, (totals.get(table) ?? 0) + count);
  }
  const rank = (table: string) => {
    const index = TABLE_ORDER.indexOf(table);
    return index === -1 ? TABLE_ORDER.length : index;
  };
  return [...totals]
    .map(([table, count]) => ({ table, count }))
    .sort((a, b) => rank(a.table) - rank(b.table) || b.count - a.count || a.table.localeCompare(b.table));
}
