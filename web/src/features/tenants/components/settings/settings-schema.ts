import { z } from "zod";
import { LANGUAGES } from "../../../../lib/language.ts";
import type { TenantRow } from "../../api/my-tenants-query.ts";
import type { TenantChanges } from "../../api/update-tenant-mutation.ts";
import { SLUG_PATTERN } from "../../lib/schemas.ts";

/** Bounds of private.assert_tenant_field; the database checks them again and has the last word. */
export const SETTINGS_LIMITS = {
  timeoutMinutes: [5, 43_200],
  auditRetentionDays: [365, 36_500],
  trashRetentionDays: [1, 3_650],
} as const;

const EMAIL_PATTERN = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

/** A whole number written in digits only, within [min, max]. */
export function isWholeIn(value: string, [min, max]: readonly [number, number]): boolean {
  const text = value.trim();
  if (!/^\d+$/.test(text)) return false;
  const n = Number(text);
  return n >= min && n <= max;
}

// Field names are update_tenant's keys, so a refusal naming a field lands on it. Numbers
// stay text while typed; toChanges turns them into numbers. Messages are keys of the
// "tenants" namespace's `settings.validation` group.
export const TenantSettingsSchema = z
  .object({
    name: z.string().trim().min(1, "nameRequired").max(100, "nameMax"),
    slug: z.string().trim().regex(SLUG_PATTERN, "slugFormat"),
    timezone: z.string().min(1, "timezoneRequired"),
    language: z.enum(LANGUAGES),
    support_email: z
      .string()
      .trim()
      .refine((v) => v === "" || EMAIL_PATTERN.test(v), "emailFormat"),
    session_timeout_enabled: z.boolean(),
    session_timeout_minutes: z.string(),
    audit_retention_days: z.string().refine((v) => isWholeIn(v, SETTINGS_LIMITS.auditRetentionDays), "auditRetentionRange"),
    trash_retention_days: z.string().refine((v) => isWholeIn(v, SETTINGS_LIMITS.trashRetentionDays), "trashRetentionRange"),
  })
  .superRefine((values, ctx) => {
    if (values.session_timeout_enabled && !isWholeIn(values.session_timeout_minutes, SETTINGS_LIMITS.timeoutMinutes)) {
      ctx.addIssue({ code: "custom", path: ["session_timeout_minutes"], message: "timeoutRange" });
    }
  });
export type TenantSettings = z.infer<typeof TenantSettingsSchema>;

/** Every field of the form, in the order the page shows them (server errors focus the first one named). */
export const SETTINGS_FIELDS = [
  "name",
  "slug",
  "support_email",
  "timezone",
  "language",
  "session_timeout_minutes",
  "audit_retention_days",
  "trash_retention_days",
] as const satisfies readonly (keyof TenantSettings)[];

/** The form's starting values: what the tenant holds now. */
export function settingsFromTenant(tenant: TenantRow): TenantSettings {
  return {
    name: tenant.name,
    slug: tenant.slug,
    timezone: tenant.timezone,
    language: tenant.language === "de" ? "de" : "en",
    support_email: tenant.support_email ?? "",
    session_timeout_enabled: tenant.session_timeout_minutes !== null,
    session_timeout_minutes: String(tenant.session_timeout_minutes ?? 60),
    audit_retention_days: String(tenant.audit_retention_days),
    trash_retention_days: String(tenant.trash_retention_days),
  };
}

/**
 * Only what differs from the tenant, in update_tenant's shape: an unchanged setting is not
 * sent, so saving never rewrites (or audits) a value nobody touched.
 */
export function toChanges(values: TenantSettings, tenant: TenantRow): TenantChanges {
  const changes: TenantChanges = {};
  const name = values.name.trim();
  if (name !== tenant.name) changes.name = name;
  const slug = values.slug.trim();
  if (slug !== tenant.slug) changes.slug = slug;
  if (values.timezone !== tenant.timezone) changes.timezone = values.timezone;
  if (values.language !== tenant.language) changes.language = values.language;
  const email = values.support_email.trim() || null;
  if (email !== tenant.support_email) changes.support_email = email;
  const timeout = values.session_timeout_enabled ? Number(values.session_timeout_minutes.trim()) : null;
  if (timeout !== tenant.session_timeout_minutes) changes.session_timeout_minutes = timeout;
  const audit = Number(values.audit_retention_days.trim());
  if (audit !== tenant.audit_retention_days) changes.audit_retention_days = audit;
  const trash = Number(values.trash_retention_days.trim());
  if (trash !== tenant.trash_retention_days) changes.trash_retention_days = trash;
  return changes;
}

/** private.module_keys(): the business modules a workspace can switch on. */
export const MODULE_KEYS = ["crm", "hrm", "finance", "projects", "support"] as const;
export type ModuleKey = (typeof MODULE_KEYS)[number];

/** The module list with one switched on or off, in the order the page lists them. */
export function withModule(modules: readonly string[], key: ModuleKey, on: boolean): string[] {
  const next = new Set(modules);
  if (on) next.add(key);
  else next.delete(key);
  return MODULE_KEYS.filter((k) => next.has(k));
}
