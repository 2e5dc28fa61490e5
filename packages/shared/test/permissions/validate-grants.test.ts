import { describe, expect, test } from "vitest";
import {
  FILTER_LIMITS,
  type GrantRule,
  PermissionGrantSchema,
  PermissionGrantsSchema,
  validateFilter,
  validateGrants,
} from "../../src/index.ts";
import { FIELDS, referenced, TRANSITIONS, uuid } from "./fixtures.ts";

const cond = (field: string, op: string, value?: unknown) => ({ field, op, value });
const v = (name: string) => ({ var: name });
/** Nests `inner` in `levels` `not`s. */
const nest = (levels: number, inner: unknown): unknown => (levels === 0 ? inner : { not: nest(levels - 1, inner) });

const accepted: { name: string; grants: unknown[] }[] = [
  { name: "no grants (nothing on this blueprint)", grants: [] },
  { name: "one of each action without rules", grants: [{ action: "read" }, { action: "create" }, { action: "delete" }] },
  {
    name: "nulls mean absent",
    grants: [
      { action: "read", rows: null, fields: null },
      { action: "transition", transition: null },
    ],
  },
  { name: "user.id on a member field", grants: [{ action: "read", rows: cond("owner", "eq", v("user.id")) }] },
  { name: "user.id on created_by", grants: [{ action: "update", rows: cond("created_by", "neq", v("user.id")) }] },
  { name: "user.id through a reference", grants: [{ action: "read", rows: cond("customer.created_by", "eq", v("user.id")) }] },
  { name: "user.email contains on text", grants: [{ action: "read", rows: cond("name", "contains", v("user.email")) }] },
  { name: "user.email eq on email", grants: [{ action: "read", rows: cond("email", "eq", v("user.email")) }] },
  { name: "user.roles in a select", grants: [{ action: "read", rows: cond("color", "in", v("user.roles")) }] },
  { name: "user.roles in a multi select", grants: [{ action: "read", rows: cond("tags", "in", v("user.roles")) }] },
  { name: "member attribute on a number", grants: [{ action: "read", rows: cond("weight", "lte", v("member.level")) }] },
  { name: "member attribute starts_with", grants: [{ action: "read", rows: cond("notes", "starts_with", v("member.region")) }] },
  { name: "member attribute on a currency amount", grants: [{ action: "read", rows: cond("price", "gt", v("member.limit")) }] },
  {
    name: "member attribute contains on a multi select",
    grants: [{ action: "read", rows: cond("tags", "contains", v("member.tag")) }],
  },
  { name: "member attribute on a boolean", grants: [{ action: "read", rows: cond("active", "neq", v("member.vip")) }] },
  { name: "a field listed twice counts once", grants: [{ action: "read", fields: ["name", "qty", "name"] }] },
  {
    name: "literal presets in any input form the field takes",
    grants: [
      {
        action: "create",
        presets: { at: "2026-01-01T01:00:00+01:00", name: " x ", email: "A@b.co", tags: ["c", "a"], customer: uuid(101) },
      },
    ],
  },
  { name: "now on a date", grants: [{ action: "read", rows: cond("due", "gte", v("now")) }] },
  { name: "now on updated_at", grants: [{ action: "delete", rows: cond("updated_at", "lt", v("now")) }] },
  { name: "variable under not", grants: [{ action: "read", rows: { not: cond("owner", "eq", v("user.id")) } }] },
  {
    name: "a full create grant",
    grants: [
      {
        action: "create",
        fields: ["name", "qty"],
        validation: { and: [cond("qty", "gt", 0), cond("owner", "eq", v("user.id"))] },
        presets: {
          owner: v("user.id"),
          email: v("user.email"),
          due: v("now"),
          at: "2026-01-01T00:00:00.000000Z",
          notes: v("member.region"),
          state: "PENDING",
          tags: ["a", "c"],
          price: { amount: 1.5, currency: "EUR" },
          meta: { any: ["json"] },
        },
      },
    ],
  },
  { name: "transition grants per transition", grants: [{ action: "transition", transition: "start" }, { action: "transition" }] },
  { name: "read fields empty (rows without values)", grants: [{ action: "read", fields: [] }] },
  { name: "rule of depth 6 with a variable", grants: [{ action: "read", rows: nest(5, cond("owner", "eq", v("user.id"))) }] },
];

describe("validateGrants accepts", () => {
  test.each(accepted)("$name", ({ grants }) => {
    expect(validateGrants(grants, FIELDS, TRANSITIONS, referenced)).toEqual([]);
    // What the database accepts, the editor's schema accepts too.
    expect(PermissionGrantsSchema.safeParse(grants).success).toBe(true);
  });
});

const refused: { name: string; grants: unknown; field: string; rule: GrantRule }[] = [
  { name: "not a list", grants: { action: "read" }, field: "grants", rule: "shape" },
  { name: "a grant not an object", grants: ["read"], field: "grants.0", rule: "shape" },
  { name: "unknown action", grants: [{ action: "publish" }], field: "grants.0.action", rule: "action" },
  { name: "missing action", grants: [{ rows: null }], field: "grants.0.action", rule: "action" },
  { name: "rows on create", grants: [{ action: "create", rows: cond("qty", "gt", 1) }], field: "grants.0.rows", rule: "action" },
  { name: "fields on delete", grants: [{ action: "delete", fields: ["name"] }], field: "grants.0.fields", rule: "action" },
  { name: "validation on read", grants: [{ action: "read", validation: null }], field: "grants.0.validation", rule: "action" },
  { name: "presets on update", grants: [{ action: "update", presets: {} }], field: "grants.0.presets", rule: "action" },
  { name: "transition on read", grants: [{ action: "read", transition: "start" }], field: "grants.0.transition", rule: "action" },
  { name: "unknown key", grants: [{ action: "read", where: "1=1" }], field: "grants.0.where", rule: "action" },
  {
    name: "duplicate action",
    grants: [{ action: "read" }, { action: "delete" }, { action: "read", fields: ["name"] }],
    field: "grants.2",
    rule: "duplicate",
  },
  {
    name: "duplicate transition (null twice)",
    grants: [{ action: "transition" }, { action: "transition", transition: null }],
    field: "grants.1",
    rule: "duplicate",
  },
  {
    name: "duplicate transition key",
    grants: [
      { action: "transition", transition: "start" },
      { action: "transition", transition: "start" },
    ],
    field: "grants.1",
    rule: "duplicate",
  },
  {
    name: "unknown transition",
    grants: [{ action: "transition", transition: "teleport" }],
    field: "grants.0.transition",
    rule: "unknown_transition",
  },
  {
    name: "transition not a string",
    grants: [{ action: "transition", transition: 1 }],
    field: "grants.0.transition",
    rule: "unknown_transition",
  },
  {
    name: "field key not a string",
    grants: [{ action: "read", fields: ["name", 1] }],
    field: "grants.0.fields.1",
    rule: "unknown_field",
  },
  { name: "501 fields", grants: [{ action: "read", fields: Array(501).fill("name") }], field: "grants.0.fields", rule: "size" },
  {
    name: "unknown field in fields",
    grants: [{ action: "update", fields: ["name", "nope"] }],
    field: "grants.0.fields.1",
    rule: "unknown_field",
  },
  {
    name: "system field in fields",
    grants: [{ action: "read", fields: ["created_by"] }],
    field: "grants.0.fields.0",
    rule: "unknown_field",
  },
  { name: "fields not a list", grants: [{ action: "read", fields: "name" }], field: "grants.0.fields", rule: "shape" },
  {
    name: "unknown field in a row rule",
    grants: [{ action: "read" }, { action: "delete" }, { action: "update", rows: { and: [cond("nope", "eq", 1)] } }],
    field: "grants.2.rows.and.0",
    rule: "unknown_field",
  },
  {
    name: "operator in a validation",
    grants: [{ action: "create", validation: cond("active", "lt", true) }],
    field: "grants.0.validation",
    rule: "operator",
  },
  {
    name: "literal value in a row rule",
    grants: [{ action: "read", rows: cond("qty", "eq", "1") }],
    field: "grants.0.rows",
    rule: "value",
  },
  { name: "in-list size", grants: [{ action: "read", rows: cond("qty", "in", []) }], field: "grants.0.rows", rule: "list_size" },
  {
    name: "contains length",
    grants: [{ action: "read", rows: cond("name", "contains", "") }],
    field: "grants.0.rows",
    rule: "text_length",
  },
  {
    name: "depth 7",
    grants: [{ action: "read", rows: nest(6, cond("owner", "eq", v("user.id"))) }],
    field: "grants.0.rows.not.not.not.not.not.not",
    rule: "depth",
  },
  {
    name: "101 conditions",
    grants: [
      {
        action: "read",
        rows: {
          or: [
            { and: Array(50).fill(cond("qty", "eq", 1)) },
            { and: Array(50).fill(cond("qty", "eq", 1)) },
            cond("qty", "eq", 2),
          ],
        },
      },
    ],
    field: "grants.0.rows",
    rule: "size",
  },
  { name: "empty or", grants: [{ action: "read", rows: { or: [] } }], field: "grants.0.rows", rule: "size" },
  { name: "51 grants", grants: Array.from({ length: 51 }, () => "x"), field: "grants", rule: "size" },
  // variables
  {
    name: "unknown variable",
    grants: [{ action: "read", rows: cond("owner", "eq", v("user.name")) }],
    field: "grants.0.rows",
    rule: "unknown_variable",
  },
  {
    name: "member key too long",
    grants: [{ action: "read", rows: cond("name", "eq", v(`member.${"a".repeat(41)}`)) }],
    field: "grants.0.rows",
    rule: "unknown_variable",
  },
  {
    name: "member key uppercase",
    grants: [{ action: "read", rows: cond("name", "eq", v("member.Region")) }],
    field: "grants.0.rows",
    rule: "unknown_variable",
  },
  {
    name: "var not a string",
    grants: [{ action: "read", rows: cond("name", "eq", v(1 as unknown as string)) }],
    field: "grants.0.rows",
    rule: "unknown_variable",
  },
  {
    name: "variable with extra key",
    grants: [{ action: "read", rows: cond("name", "eq", { var: "user.email", x: 1 }) }],
    field: "grants.0.rows",
    rule: "shape",
  },
  {
    name: "user.id on a text field",
    grants: [{ action: "read", rows: cond("name", "eq", v("user.id")) }],
    field: "grants.0.rows",
    rule: "variable_type",
  },
  {
    name: "user.id on the entity id",
    grants: [{ action: "read", rows: cond("id", "eq", v("user.id")) }],
    field: "grants.0.rows",
    rule: "variable_type",
  },
  {
    name: "user.id with in",
    grants: [{ action: "read", rows: cond("owner", "in", v("user.id")) }],
    field: "grants.0.rows",
    rule: "variable_type",
  },
  {
    name: "user.email lt",
    grants: [{ action: "read", rows: cond("email", "lt", v("user.email")) }],
    field: "grants.0.rows",
    rule: "variable_type",
  },
  {
    name: "user.email on url",
    grants: [{ action: "read", rows: cond("site", "eq", v("user.email")) }],
    field: "grants.0.rows",
    rule: "variable_type",
  },
  {
    name: "user.roles with eq",
    grants: [{ action: "read", rows: cond("color", "eq", v("user.roles")) }],
    field: "grants.0.rows",
    rule: "variable_type",
  },
  {
    name: "user.roles on a member",
    grants: [{ action: "read", rows: cond("owner", "in", v("user.roles")) }],
    field: "grants.0.rows",
    rule: "variable_type",
  },
  {
    name: "member attribute on the id",
    grants: [{ action: "read", rows: cond("id", "eq", v("member.pinned")) }],
    field: "grants.0.rows",
    rule: "variable_type",
  },
  {
    name: "member attribute on a date",
    grants: [{ action: "read", rows: cond("due", "lt", v("member.deadline")) }],
    field: "grants.0.rows",
    rule: "variable_type",
  },
  {
    name: "member attribute on a member",
    grants: [{ action: "read", rows: cond("owner", "eq", v("member.boss")) }],
    field: "grants.0.rows",
    rule: "variable_type",
  },
  {
    name: "member attribute on created_at",
    grants: [{ action: "read", rows: cond("created_at", "gt", v("member.since")) }],
    field: "grants.0.rows",
    rule: "variable_type",
  },
  {
    name: "member attribute with in",
    grants: [{ action: "read", rows: cond("qty", "in", v("member.level")) }],
    field: "grants.0.rows",
    rule: "variable_type",
  },
  {
    name: "member attribute with between",
    grants: [{ action: "read", rows: cond("qty", "between", v("member.level")) }],
    field: "grants.0.rows",
    rule: "variable_type",
  },
  {
    name: "member attribute with is_null",
    grants: [{ action: "read", rows: cond("qty", "is_null", v("member.vip")) }],
    field: "grants.0.rows",
    rule: "variable_type",
  },
  {
    name: "now on a number",
    grants: [{ action: "read", rows: cond("qty", "lt", v("now")) }],
    field: "grants.0.rows",
    rule: "variable_type",
  },
  {
    name: "now on version",
    grants: [{ action: "read", rows: cond("version", "lt", v("now")) }],
    field: "grants.0.rows",
    rule: "variable_type",
  },
  {
    name: "variable inside an in-list",
    grants: [{ action: "read", rows: cond("owner", "in", [uuid(1), v("user.id")]) }],
    field: "grants.0.rows",
    rule: "variable_type",
  },
  {
    name: "variable as a between bound",
    grants: [{ action: "read", rows: cond("due", "between", [v("now"), "2030-01-01"]) }],
    field: "grants.0.rows",
    rule: "variable_type",
  },
  {
    name: "operator before variable",
    grants: [{ action: "read", rows: cond("active", "lt", v("member.vip")) }],
    field: "grants.0.rows",
    rule: "operator",
  },
  // presets
  {
    name: "preset on an unknown field",
    grants: [{ action: "create", presets: { nope: 1 } }],
    field: "grants.0.presets.nope",
    rule: "unknown_field",
  },
  {
    name: "preset not in stored form (number as text)",
    grants: [{ action: "create", presets: { qty: "1" } }],
    field: "grants.0.presets.qty",
    rule: "preset",
  },
  {
    name: "preset option not listed",
    grants: [{ action: "create", presets: { state: "LOST" } }],
    field: "grants.0.presets.state",
    rule: "preset",
  },
  {
    name: "preset datetime without a zone",
    grants: [{ action: "create", presets: { at: "2026-01-01T01:00:00" } }],
    field: "grants.0.presets.at",
    rule: "preset",
  },
  {
    name: "preset text with a line break",
    grants: [{ action: "create", presets: { name: "a\nb" } }],
    field: "grants.0.presets.name",
    rule: "preset",
  },
  {
    name: "preset choice listed twice",
    grants: [{ action: "create", presets: { tags: ["a", "a"] } }],
    field: "grants.0.presets.tags",
    rule: "preset",
  },
  {
    name: "preset empty text",
    grants: [{ action: "create", presets: { name: " " } }],
    field: "grants.0.presets.name",
    rule: "preset",
  },
  {
    name: "preset member attribute on a currency",
    grants: [{ action: "create", presets: { price: v("member.limit") } }],
    field: "grants.0.presets.price",
    rule: "variable_type",
  },
  {
    name: "preset member attribute on a date",
    grants: [{ action: "create", presets: { due: v("member.deadline") } }],
    field: "grants.0.presets.due",
    rule: "variable_type",
  },
  {
    name: "preset null",
    grants: [{ action: "create", presets: { name: null } }],
    field: "grants.0.presets.name",
    rule: "preset",
  },
  {
    name: "preset member not a uuid",
    grants: [{ action: "create", presets: { owner: "alice" } }],
    field: "grants.0.presets.owner",
    rule: "preset",
  },
  {
    name: "preset unknown variable",
    grants: [{ action: "create", presets: { owner: v("user.uid") } }],
    field: "grants.0.presets.owner",
    rule: "unknown_variable",
  },
  {
    name: "preset user.id on text",
    grants: [{ action: "create", presets: { name: v("user.id") } }],
    field: "grants.0.presets.name",
    rule: "variable_type",
  },
  {
    name: "preset user.roles",
    grants: [{ action: "create", presets: { tags: v("user.roles") } }],
    field: "grants.0.presets.tags",
    rule: "variable_type",
  },
  {
    name: "preset now on a text",
    grants: [{ action: "create", presets: { name: v("now") } }],
    field: "grants.0.presets.name",
    rule: "variable_type",
  },
  { name: "presets not an object", grants: [{ action: "create", presets: ["owner"] }], field: "grants.0.presets", rule: "shape" },
];

describe("validateGrants refuses", () => {
  test.each(refused)("$name", ({ grants, field, rule }) => {
    const issues = validateGrants(grants, FIELDS, TRANSITIONS, referenced);
    expect(issues.map((issue) => ({ field: issue.field, rule: issue.rule }))).toContainEqual({ field, rule });
    expect(issues[0]).toEqual(expect.objectContaining({ field, rule }));
    for (const issue of issues) expect(issue.message.length).toBeGreaterThan(10);
  });
});

describe("validateGrants reports", () => {
  test("every problem, in grant order", () => {
    const grants = [
      { action: "read", rows: cond("nope", "eq", 1), fields: ["nope"] },
      { action: "create", rows: null, presets: { owner: v("user.email") } },
      { action: "read" },
    ];
    expect(validateGrants(grants, FIELDS, TRANSITIONS, referenced).map(({ field, rule }) => `${field} ${rule}`)).toEqual([
      "grants.0.fields.0 unknown_field",
      "grants.0.rows unknown_field",
      "grants.1.rows action",
      "grants.1.presets.owner variable_type",
      "grants.2 duplicate",
    ]);
  });

  test("variable_type names the variable, the field and what it takes", () => {
    const [issue] = validateGrants([{ action: "read", rows: cond("name", "eq", v("user.id")) }], FIELDS, TRANSITIONS);
    expect(issue?.message).toContain("user.id");
    expect(issue?.message).toContain('"name" is a text');
    expect(issue?.message).toContain("member");
  });

  test("50 grants are the limit", () => {
    const keys = Array.from({ length: 51 }, (_, i) => `t${i}`);
    const grants = keys.map((transition) => ({ action: "transition", transition }));
    expect(validateGrants(grants.slice(0, 50), FIELDS, keys)).toEqual([]);
    expect(validateGrants(grants, FIELDS, keys).map(({ field, rule }) => `${field} ${rule}`)).toEqual(["grants size"]);
  });

  test("without a flow, every transition key is unknown", () => {
    expect(validateGrants([{ action: "transition", transition: "start" }], FIELDS, [])[0]?.rule).toBe("unknown_transition");
  });

  test("the filter limits apply to row rules unchanged", () => {
    expect(FILTER_LIMITS.maxDepth).toBe(6);
    expect(FILTER_LIMITS.maxConditions).toBe(100);
  });
});

describe("ordinary filters keep refusing variables", () => {
  test.each([
    { name: "user.id on a member", filter: cond("owner", "eq", v("user.id")) },
    { name: "now on a date", filter: cond("due", "gt", v("now")) },
    { name: "user.roles in", filter: cond("color", "in", v("user.roles")) },
    { name: "member attribute on text", filter: cond("name", "contains", v("member.region")) },
  ])("$name", ({ filter }) => {
    expect(validateFilter(filter, FIELDS, referenced).map((issue) => issue.rule)).toEqual(["value"]);
    expect(validateFilter(filter, FIELDS, referenced, { variables: true })).toEqual([]);
  });
});

describe("PermissionGrantSchema", () => {
  test.each([
    {
      name: "read with rows and fields",
      grant: { action: "read", rows: cond("owner", "eq", v("user.id")), fields: ["name"] },
      ok: true,
    },
    { name: "create with presets", grant: { action: "create", presets: { owner: v("user.id"), qty: 1 } }, ok: true },
    { name: "transition with a key", grant: { action: "transition", transition: "start" }, ok: true },
    { name: "rows on create", grant: { action: "create", rows: null }, ok: false },
    { name: "fields on delete", grant: { action: "delete", fields: ["name"] }, ok: false },
    { name: "presets on read", grant: { action: "read", presets: {} }, ok: false },
    { name: "unknown action", grant: { action: "publish" }, ok: false },
    { name: "unknown variable name", grant: { action: "read", rows: cond("owner", "eq", v("user.uid")) }, ok: false },
    { name: "system field in fields", grant: { action: "read", fields: ["id"] }, ok: false },
    { name: "field listed twice", grant: { action: "read", fields: ["name", "name"] }, ok: true },
    { name: "rule beyond the depth limit", grant: { action: "read", rows: nest(6, cond("qty", "eq", 1)) }, ok: false },
    { name: "preset with an unknown variable", grant: { action: "create", presets: { owner: v("user.uid") } }, ok: false },
    { name: "preset null", grant: { action: "create", presets: { owner: null } }, ok: false },
  ])("$name", ({ grant, ok }) => {
    expect(PermissionGrantSchema.safeParse(grant).success).toBe(ok);
  });

  test("at most 50 grants", () => {
    const grants = Array.from({ length: 51 }, (_, i) => ({ action: "transition", transition: `t${i}` }));
    expect(PermissionGrantsSchema.safeParse(grants).success).toBe(false);
    expect(PermissionGrantsSchema.safeParse(grants.slice(0, 50)).success).toBe(true);
  });
});
