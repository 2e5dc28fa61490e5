import { describe, expect, test } from "vitest";
import type { TenantRow } from "../../api/my-tenants-query.ts";
import { isWholeIn, settingsFromTenant, TenantSettingsSchema, toChanges, withModule } from "./settings-schema.ts";

const tenant: TenantRow = {
  id: "00000000-0000-0000-0000-000000000001",
  name: "Acme",
  slug: "acme",
  timezone: "UTC",
  language: "en",
  support_email: null,
  session_timeout_minutes: null,
  audit_retention_days: 365,
  trash_retention_days: 30,
  modules: [],
  created_at: "2026-01-01T00:00:00Z",
  updated_at: "2026-01-01T00:00:00Z",
  created_by: null,
};

const base = settingsFromTenant(tenant);

describe("isWholeIn", () => {
  test.each([
    { name: "inside", value: "400", ok: true },
    { name: "lower bound", value: "365", ok: true },
    { name: "below", value: "364", ok: false },
    { name: "above", value: "36501", ok: false },
    { name: "decimal", value: "400.5", ok: false },
    { name: "negative", value: "-400", ok: false },
    { name: "empty", value: "", ok: false },
    { name: "spaces around", value: " 400 ", ok: true },
  ])("$name", ({ value, ok }) => {
    expect(isWholeIn(value, [365, 36_500])).toBe(ok);
  });
});

describe("TenantSettingsSchema", () => {
  test.each([
    { name: "the tenant as it is", values: base, errors: [] },
    { name: "audit retention below a year", values: { ...base, audit_retention_days: "100" }, errors: ["audit_retention_days"] },
    { name: "trash retention of zero days", values: { ...base, trash_retention_days: "0" }, errors: ["trash_retention_days"] },
    {
      name: "timeout on with too few minutes",
      values: { ...base, session_timeout_enabled: true, session_timeout_minutes: "4" },
      errors: ["session_timeout_minutes"],
    },
    {
      name: "timeout off ignores the minutes",
      values: { ...base, session_timeout_enabled: false, session_timeout_minutes: "4" },
      errors: [],
    },
    { name: "a slug with capitals", values: { ...base, slug: "Acme" }, errors: ["slug"] },
    { name: "a support email without domain", values: { ...base, support_email: "help@" }, errors: ["support_email"] },
    { name: "an empty name", values: { ...base, name: "  " }, errors: ["name"] },
  ])("$name", ({ values, errors }) => {
    const result = TenantSettingsSchema.safeParse(values);
    const paths = result.success ? [] : result.error.issues.map((issue) => issue.path.join("."));
    expect(paths).toEqual(errors);
  });
});

describe("toChanges", () => {
  test.each([
    { name: "nothing changed", values: base, changes: {} },
    { name: "a trimmed name", values: { ...base, name: " Acme Ltd " }, changes: { name: "Acme Ltd" } },
    { name: "an emptied support email becomes null", values: { ...base, support_email: " " }, changes: {} },
    {
      name: "a new support email",
      values: { ...base, support_email: "help@acme.test" },
      changes: { support_email: "help@acme.test" },
    },
    {
      name: "switching the timeout on",
      values: { ...base, session_timeout_enabled: true, session_timeout_minutes: "30" },
      changes: { session_timeout_minutes: 30 },
    },
    {
      name: "retention numbers",
      values: { ...base, audit_retention_days: "730", trash_retention_days: "14" },
      changes: { audit_retention_days: 730, trash_retention_days: 14 },
    },
    {
      name: "zone, language and slug",
      values: { ...base, timezone: "Europe/Berlin", language: "de" as const, slug: "acme-gmbh" },
      changes: { timezone: "Europe/Berlin", language: "de", slug: "acme-gmbh" },
    },
  ])("$name", ({ values, changes }) => {
    expect(toChanges(values, tenant)).toEqual(changes);
  });

  test("switching an existing timeout off sends null", () => {
    const withTimeout = { ...tenant, session_timeout_minutes: 60 };
    const values = { ...settingsFromTenant(withTimeout), session_timeout_enabled: false };
    expect(toChanges(values, withTimeout)).toEqual({ session_timeout_minutes: null });
  });
});

describe("withModule", () => {
  test.each([
    { name: "switch one on", modules: [], key: "crm" as const, on: true, result: ["crm"] },
    { name: "keeps the listed order", modules: ["support"], key: "crm" as const, on: true, result: ["crm", "support"] },
    { name: "switch one off", modules: ["crm", "hrm"], key: "crm" as const, on: false, result: ["hrm"] },
    { name: "on twice stays once", modules: ["crm"], key: "crm" as const, on: true, result: ["crm"] },
  ])("$name", ({ modules, key, on, result }) => {
    expect(withModule(modules, key, on)).toEqual(result);
  });
});
