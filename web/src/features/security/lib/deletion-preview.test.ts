import { describe, expect, test } from "vitest";
import { DeletionPreviewSchema, rowList, tableKey, tableOfColumn } from "./deletion-preview.ts";

describe("DeletionPreviewSchema", () => {
  test.each([
    {
      name: "the documented example",
      value: {
        can_delete: false,
        blockers: [{ rule: "last_admin", tenant_id: "t1", name: "Acme", slug: "acme", message: "Last Admin" }],
        tenants_deleted: [{ id: "t2", name: "Solo", slug: "solo", rows: { tenants: 1, roles: 4 }, total_rows: 5 }],
        tenants_kept: [{ id: "t1", name: "Acme", slug: "acme", member_count: 3, role_keys: ["admin"], last_admin: true }],
        personal_rows: { profiles: 1 },
        reassigned_rows: { "roles.created_by": 7 },
        requires: { password: true, has_password: true, mfa_code: true },
      },
      ok: true,
    },
    {
      name: "lists may be missing",
      value: { can_delete: true, requires: { password: true, has_password: false, mfa_code: false } },
      ok: true,
    },
    { name: "requires is not optional", value: { can_delete: true }, ok: false },
  ])("$name", ({ value, ok }) => {
    expect(DeletionPreviewSchema.safeParse(value).success).toBe(ok);
  });
});

type RowCase = { name: string; rows: Record<string, number>; byTable: boolean; expected: { table: string; count: number }[] };

describe("rowList", () => {
  test.each<RowCase>([
    {
      name: "known tables in reading order, empty dropped",
      rows: { "private.mfa_attempts": 4, tenant_members: 2, profiles: 1, roles: 0 },
      byTable: false,
      expected: [
        { table: "profiles", count: 1 },
        { table: "tenant_members", count: 2 },
        { table: "private.mfa_attempts", count: 4 },
      ],
    },
    {
      name: "unknown tables last, largest first",
      rows: { widgets: 2, gadgets: 5, profiles: 1 },
      byTable: false,
      expected: [
        { table: "profiles", count: 1 },
        { table: "gadgets", count: 5 },
        { table: "widgets", count: 2 },
      ],
    },
    {
      name: "columns fold into their table",
      rows: { "roles.created_by": 7, "roles.updated_by": 1, "tenants.created_by": 1 },
      byTable: true,
      expected: [
        { table: "tenants", count: 1 },
        { table: "roles", count: 8 },
      ],
    },
  ])("$name", ({ rows, byTable, expected }) => {
    expect(rowList(rows, byTable)).toEqual(expected);
  });
});

describe("tableOfColumn and tableKey", () => {
  test.each([
    { name: "public column", reference: "roles.created_by", table: "roles", key: "roles" },
    {
      name: "schema-qualified column",
      reference: "private.mfa_factors.user_id",
      table: "private.mfa_factors",
      key: "mfa_factors",
    },
    { name: "unknown table keeps its name", reference: "widgets.created_by", table: "widgets", key: null },
  ])("$name", ({ reference, table, key }) => {
    expect(tableOfColumn(reference)).toBe(table);
    expect(tableKey(table)).toBe(key);
  });
});
