import { describe, expect, test } from "vitest";
import {
  type CallerContext,
  createPermissionEvaluator,
  defaultGrants,
  type FieldDefinition,
  FieldDefinitionSchema,
  type Filter,
  PERMISSION_ACTIONS,
  type PermissionGrant,
  type PermissionRole,
  validateGrants,
} from "../../src/index.ts";
import { ALICE, BOB, builtin, CUSTOMERS, caller, custom, entity, FIELDS, referenced, TRANSITIONS } from "./fixtures.ts";

const c = (field: string, op: string, value?: unknown): Filter => ({ field, op, value }) as Filter;
const v = (name: string) => ({ var: name });

function evaluator(roles: PermissionRole[], who: Partial<CallerContext> = {}, fields: readonly FieldDefinition[] = FIELDS) {
  for (const role of roles) {
    if (role.grants) expect(validateGrants(role.grants, fields, TRANSITIONS, referenced)).toEqual([]);
  }
  return createPermissionEvaluator({
    fields,
    referencedFields: referenced,
    resolve: (key, id) => (key === "customer" ? CUSTOMERS.find((customer) => customer.id === id) : undefined),
    caller: caller(who),
    roles,
  });
}

const mine = entity(1, { name: "Mine", owner: ALICE, qty: 5, color: "RED", notes: "secret" });
const theirs = entity(2, { name: "Theirs", owner: BOB, qty: 1, color: "BLUE", notes: "hidden" });
const north = entity(3, { name: "north", owner: BOB, qty: 9, color: "GREEN" });
const ENTITIES = [mine, theirs, north];
const ids = (entities: { id: string }[]) => entities.map((e) => e.id);

describe("defaults", () => {
  test.each([
    { name: "admin", role: builtin("admin"), actions: PERMISSION_ACTIONS },
    { name: "editor", role: builtin("editor"), actions: PERMISSION_ACTIONS },
    { name: "viewer", role: builtin("viewer"), actions: ["read"] },
    { name: "custom role never saved", role: custom("sales", null), actions: [] },
    { name: "custom role saved empty", role: custom("sales", []), actions: [] },
    { name: "editor saved empty has nothing", role: builtin("editor", []), actions: [] },
    { name: "viewer given update", role: builtin("viewer", [{ action: "update" }]), actions: ["update"] },
    {
      name: "admin given grants keeps everything",
      role: builtin("admin", [{ action: "read", fields: ["name"] }]),
      actions: PERMISSION_ACTIONS,
    },
  ])("$name", ({ role, actions }) => {
    const permissions = evaluator([role]);
    expect(PERMISSION_ACTIONS.filter((action) => permissions.allows(action))).toEqual([...actions]);
  });

  test("defaults read every row and field", () => {
    for (const key of ["admin", "editor", "viewer"] as const) {
      const permissions = evaluator([builtin(key)]);
      expect(ids(permissions.readableRows(ENTITIES))).toEqual(ids(ENTITIES));
      expect(permissions.readableFields).toBeNull();
      expect(permissions.projectEntity(mine)).toEqual(mine);
    }
  });

  test("editor writes without rules, viewer is refused with permission", () => {
    const editor = evaluator([builtin("editor")]);
    expect(editor.canCreate({ name: "x" })).toMatchObject({ allowed: true });
    expect(editor.canUpdate(theirs, { qty: 2 })).toMatchObject({ allowed: true });
    expect(editor.canDelete(theirs)).toEqual({ allowed: true });
    expect(editor.canTransition(theirs, "finish")).toEqual({ allowed: true });
    const viewer = evaluator([builtin("viewer")]);
    expect(viewer.canCreate({ name: "x" })).toEqual({ allowed: false, rule: "permission" });
    expect(viewer.canUpdate(theirs, { qty: 2 })).toEqual({ allowed: false, rule: "permission" });
    expect(viewer.canDelete(theirs)).toEqual({ allowed: false, rule: "permission" });
    expect(viewer.canTransition(theirs, "finish")).toEqual({ allowed: false, rule: "permission" });
  });

  test("a custom role without grants reads nothing", () => {
    const permissions = evaluator([custom("sales", null)]);
    expect(permissions.readableRows(ENTITIES)).toEqual([]);
    expect(permissions.readableFields).toEqual([]);
    expect(permissions.projectEntity(mine).data).toEqual({});
  });

  test("defaultGrants", () => {
    expect(defaultGrants({ key: "viewer", builtin: true })).toEqual([{ action: "read" }]);
    expect(defaultGrants({ key: "viewer", builtin: false })).toEqual([]);
  });
});

describe("stacking", () => {
  const own: PermissionGrant[] = [{ action: "read", rows: c("owner", "eq", v("user.id")), fields: ["name", "owner"] }];
  const regional: PermissionGrant[] = [{ action: "read", rows: c("name", "eq", v("member.region")), fields: ["qty", "name"] }];

  test("rows are the union of the roles' row rules", () => {
    expect(ids(evaluator([custom("mine", own)]).readableRows(ENTITIES))).toEqual([mine.id]);
    expect(ids(evaluator([custom("regional", regional)]).readableRows(ENTITIES))).toEqual([north.id]);
    expect(ids(evaluator([custom("mine", own), custom("regional", regional)]).readableRows(ENTITIES))).toEqual([
      mine.id,
      north.id,
    ]);
  });

  test("fields are the union, in blueprint order", () => {
    const permissions = evaluator([custom("mine", own), custom("regional", regional)]);
    expect(permissions.readableFields).toEqual(["name", "qty", "owner"]);
    expect(permissions.projectEntity(mine).data).toEqual({ name: "Mine", owner: ALICE, qty: 5 });
    expect(permissions.projectEntity(mine).id).toBe(mine.id);
  });

  test("a grant without fields gives every field", () => {
    const permissions = evaluator([custom("mine", own), custom("all", [{ action: "read", rows: c("qty", "eq", 1) }])]);
    expect(permissions.readableFields).toBeNull();
    expect(ids(permissions.readableRows(ENTITIES))).toEqual([mine.id, theirs.id]);
  });

  test("a grant without rows gives every row", () => {
    const permissions = evaluator([custom("mine", own), builtin("viewer")]);
    expect(ids(permissions.readableRows(ENTITIES))).toEqual(ids(ENTITIES));
  });

  test("a role whose rule cannot resolve adds nothing; another role still reads", () => {
    const permissions = evaluator([custom("mine", own), custom("regional", regional)], { attributes: {} });
    expect(ids(permissions.readableRows(ENTITIES))).toEqual([mine.id]);
  });

  test("hidden fields cannot be filtered or sorted by", () => {
    const permissions = evaluator([custom("mine", own)]);
    expect(permissions.hiddenField({ filter: c("name", "eq", "x") })).toBeUndefined();
    expect(permissions.hiddenField({ filter: c("created_at", "gt", "2026-01-01T00:00:00Z") })).toBeUndefined();
    expect(permissions.hiddenField({ filter: { and: [c("name", "eq", "x"), { not: c("notes", "contains", "s") }] } })).toBe(
      "notes",
    );
    expect(permissions.hiddenField({ sort: [{ field: "qty", direction: "asc" }] })).toBe("qty");
    expect(permissions.hiddenField({ filter: c("customer.name", "eq", "Acme") })).toBe("customer.name");
  });

  test("filtering through a reference needs the whole referenced blueprint", () => {
    const roles = [custom("r", [{ action: "read", fields: ["name", "customer"] }])];
    const query = { filter: c("customer.tier", "eq", "GOLD") };
    expect(evaluator(roles).hiddenField(query)).toBe("customer.tier");
    const withTarget = (reads: boolean) =>
      createPermissionEvaluator({
        fields: FIELDS,
        referencedFields: referenced,
        caller: caller(),
        roles,
        referencedReadsEverything: () => reads,
      });
    expect(withTarget(false).hiddenField(query)).toBe("customer.tier");
    expect(withTarget(true).hiddenField(query)).toBeUndefined();
  });

  test("readsEverything", () => {
    expect(evaluator([builtin("viewer")]).readsEverything).toBe(true);
    expect(evaluator([custom("mine", own)]).readsEverything).toBe(false);
    expect(evaluator([custom("r", [{ action: "read", fields: null }])]).readsEverything).toBe(true);
    expect(evaluator([custom("r", [{ action: "read", rows: c("qty", "gt", 0) }])]).readsEverything).toBe(false);
    expect(evaluator([custom("r", [{ action: "read", fields: ["name"] }]), builtin("viewer")]).readsEverything).toBe(true);
  });
});

describe("variables in row rules", () => {
  const grants: PermissionGrant[] = [{ action: "read", rows: { not: c("qty", "eq", v("member.level")) } }];

  test("a type mismatch under not matches every row", () => {
    const permissions = evaluator([custom("r", grants)], { attributes: { level: "high" } });
    expect(ids(permissions.readableRows(ENTITIES))).toEqual(ids(ENTITIES));
  });

  test("a missing attribute under not matches every row", () => {
    const permissions = evaluator([custom("r", grants)], { attributes: {} });
    expect(ids(permissions.readableRows(ENTITIES))).toEqual(ids(ENTITIES));
  });

  test("a fitting attribute under not excludes its rows", () => {
    const permissions = evaluator([custom("r", grants)], { attributes: { level: 5 } });
    expect(ids(permissions.readableRows(ENTITIES))).toEqual([theirs.id, north.id]);
  });

  test("a missing attribute without not matches nothing", () => {
    const permissions = evaluator([custom("r", [{ action: "read", rows: c("qty", "eq", v("member.level")) }])], {
      attributes: {},
    });
    expect(permissions.readableRows(ENTITIES)).toEqual([]);
    expect(permissions.rowRule("read")).toBe(false);
  });

  test("user.roles against a select", () => {
    const rows = c("color", "in", v("user.roles"));
    expect(ids(evaluator([custom("r", [{ action: "read", rows }])], { roleKeys: ["r", "BLUE"] }).readableRows(ENTITIES))).toEqual(
      [theirs.id],
    );
  });

  test("now on created_at", () => {
    const rows = c("created_at", "lt", v("now"));
    const old = entity(4, {}, { created_at: "2026-03-01T23:29:59.999999Z" });
    const late = entity(5, {}, { created_at: "2026-03-01T23:30:00.000000Z" });
    expect(ids(evaluator([custom("r", [{ action: "read", rows }])]).readableRows([old, late]))).toEqual([old.id]);
  });
});

describe("create", () => {
  const presetting: PermissionGrant = {
    action: "create",
    fields: ["name", "qty"],
    validation: c("qty", "gt", 0),
    presets: { owner: v("user.id"), color: "RED", due: v("now") },
  };

  test("presets are applied over the caller's data", () => {
    const permissions = evaluator([custom("sales", [presetting])], { timezone: "Europe/Paris" });
    expect(permissions.canCreate({ name: "x", qty: 2 })).toEqual({
      allowed: true,
      data: { name: "x", qty: 2, due: "2026-03-02", color: "RED", owner: ALICE, state: "PENDING" },
    });
  });

  test("writing a field outside the grant names the first one in key order", () => {
    const permissions = evaluator([custom("sales", [presetting])]);
    expect(permissions.canCreate({ qty: 2, weight: 1, name: "x", active: true })).toEqual({
      allowed: false,
      rule: "field_not_writable",
      field: "active",
    });
  });

  test("a preset field the caller may not write is refused, not overwritten", () => {
    const permissions = evaluator([custom("sales", [presetting])]);
    expect(permissions.canCreate({ qty: 1, owner: BOB })).toEqual({ allowed: false, rule: "field_not_writable", field: "owner" });
  });

  test("validation after the write", () => {
    const permissions = evaluator([custom("sales", [presetting])]);
    expect(permissions.canCreate({ name: "x", qty: 0 })).toEqual({ allowed: false, rule: "validation" });
    expect(permissions.canCreate({ name: "x" })).toEqual({ allowed: false, rule: "validation" });
  });

  test("validation sees the presets and defaults", () => {
    const fields = [
      ...FIELDS,
      FieldDefinitionSchema.parse({ key: "rank", label: "Rank", type: "integer", default: { kind: "literal", value: 7 } }),
    ];
    const grant: PermissionGrant = {
      action: "create",
      validation: { and: [c("owner", "eq", v("user.id")), c("rank", "eq", 7), c("created_by", "eq", v("user.id"))] },
      presets: { owner: v("user.id") },
    };
    const permissions = evaluator([custom("sales", [grant])], {}, fields);
    expect(permissions.canCreate({ name: "x" })).toMatchObject({ allowed: true, data: { owner: ALICE, rank: 7 } });
    // null keeps the field empty instead of taking the default
    expect(permissions.canCreate({ name: "x", rank: null })).toEqual({ allowed: false, rule: "validation" });
  });

  test("a preset without a value for the caller leaves the field empty, without its default", () => {
    const grant: PermissionGrant = { action: "create", presets: { name: v("member.team"), state: v("member.stage") } };
    const permissions = evaluator([custom("sales", [grant])]);
    expect(permissions.canCreate({ name: "typed", qty: 3 })).toEqual({ allowed: true, data: { qty: 3 } });
    expect(evaluator([custom("sales", [grant])], { attributes: { stage: "DONE" } }).canCreate({ qty: 3 })).toEqual({
      allowed: true,
      data: { qty: 3, state: "DONE" },
    });
  });

  test("the first accepting grant in role order supplies the presets", () => {
    const a: PermissionGrant = { action: "create", presets: { color: "RED" }, validation: c("qty", "gt", 10) };
    const b: PermissionGrant = { action: "create", presets: { color: "GREEN" } };
    const c2: PermissionGrant = { action: "create", presets: { color: "BLUE" } };
    // Roles are ordered by key, whatever order they come in.
    const permissions = evaluator([custom("zeta", [c2]), custom("beta", [b]), custom("alpha", [a])]);
    expect(permissions.grants.map((grant) => grant.role)).toEqual(["alpha", "beta", "zeta"]);
    expect(permissions.canCreate({ qty: 1 })).toMatchObject({ allowed: true, data: { color: "GREEN" } });
    expect(permissions.canCreate({ qty: 11 })).toMatchObject({ allowed: true, data: { color: "RED" } });
  });

  test("built-in roles come first, then custom roles by key", () => {
    const permissions = evaluator([
      custom("a_team", [{ action: "create", presets: { color: "RED" } }]),
      custom("ab", [{ action: "create", presets: { color: "BLUE" } }]),
      builtin("viewer", [{ action: "read" }, { action: "create", presets: { color: "GREEN" } }]),
    ]);
    expect(permissions.grants.map((grant) => `${grant.role}:${grant.action}`)).toEqual([
      "viewer:read",
      "viewer:create",
      "a_team:create",
      "ab:create",
    ]);
    expect(permissions.canCreate({})).toMatchObject({ allowed: true, data: { color: "GREEN" } });
    // byte order: "_" (0x5f) sorts before "b"
    const customs = evaluator([
      custom("ab", [{ action: "create", presets: { color: "BLUE" } }]),
      custom("a_team", [{ action: "create", presets: { color: "RED" } }]),
    ]);
    expect(customs.canCreate({})).toMatchObject({ allowed: true, data: { color: "RED" } });
  });

  test("one grant must accept the write whole: a union of fields is not enough", () => {
    const permissions = evaluator([
      custom("names", [{ action: "create", fields: ["name"] }]),
      custom("counts", [{ action: "create", fields: ["qty"] }]),
    ]);
    expect(permissions.writableFields("create")).toEqual(["name", "qty"]);
    expect(permissions.canCreate({ name: "x" })).toMatchObject({ allowed: true });
    expect(permissions.canCreate({ qty: 1 })).toMatchObject({ allowed: true });
    // Named from the first grant in role order ("counts" before "names").
    expect(permissions.canCreate({ name: "x", qty: 1 })).toEqual({ allowed: false, rule: "field_not_writable", field: "name" });
  });

  test("validation is reported when some grant covers the fields", () => {
    const permissions = evaluator([
      custom("a", [{ action: "create", fields: ["name"] }]),
      custom("b", [{ action: "create", validation: c("qty", "gt", 5) }]),
    ]);
    expect(permissions.canCreate({ qty: 1 })).toEqual({ allowed: false, rule: "validation" });
  });
});

describe("update", () => {
  const ownRows: PermissionGrant[] = [
    { action: "update", rows: c("owner", "eq", v("user.id")), fields: ["name", "qty"], validation: c("qty", "lte", 10) },
  ];

  test("the entity must match the row rule", () => {
    const permissions = evaluator([custom("sales", ownRows)]);
    expect(permissions.canUpdate(mine, { qty: 6 })).toEqual({ allowed: true, data: { ...mine.data, qty: 6 } });
    expect(permissions.canUpdate(theirs, { qty: 6 })).toEqual({ allowed: false, rule: "row_rule" });
  });

  test("every field of the patch must be writable, even one it does not change", () => {
    const permissions = evaluator([custom("sales", ownRows)]);
    expect(permissions.canUpdate(mine, { qty: 6, name: "Mine" })).toMatchObject({ allowed: true });
    // Accepting an unchanged hidden value would tell the caller what it is.
    expect(permissions.canUpdate(mine, { qty: 6, notes: "secret" })).toEqual({
      allowed: false,
      rule: "field_not_writable",
      field: "notes",
    });
    expect(permissions.canUpdate(mine, { qty: 6, color: "BLUE" })).toEqual({
      allowed: false,
      rule: "field_not_writable",
      field: "color",
    });
    expect(permissions.canUpdate(mine, { weight: null })).toEqual({
      allowed: false,
      rule: "field_not_writable",
      field: "weight",
    });
  });

  test("validation holds for the result", () => {
    const permissions = evaluator([custom("sales", ownRows)]);
    expect(permissions.canUpdate(mine, { qty: 11 })).toEqual({ allowed: false, rule: "validation" });
    expect(permissions.canUpdate(mine, { qty: null })).toEqual({ allowed: false, rule: "validation" });
  });

  test("a second role's grant can accept what the first refuses", () => {
    const permissions = evaluator([
      custom("sales", ownRows),
      custom("colors", [{ action: "update", rows: c("qty", "gte", 5), fields: ["color"] }]),
    ]);
    expect(permissions.canUpdate(mine, { color: "BLUE" })).toMatchObject({ allowed: true });
    expect(permissions.canUpdate(north, { color: "BLUE" })).toMatchObject({ allowed: true });
    expect(permissions.canUpdate(theirs, { color: "GREEN" })).toEqual({ allowed: false, rule: "row_rule" });
    // "colors" matches first and does not cover qty.
    expect(permissions.canUpdate(mine, { color: "BLUE", qty: 6 })).toEqual({
      allowed: false,
      rule: "field_not_writable",
      field: "qty",
    });
  });

  test("validation can use the updated system fields", () => {
    const permissions = evaluator([custom("sales", [{ action: "update", validation: c("updated_by", "eq", v("user.id")) }])]);
    expect(permissions.canUpdate(theirs, { qty: 2 })).toMatchObject({ allowed: true });
  });
});

describe("delete and transition", () => {
  const grants: PermissionGrant[] = [
    { action: "delete", rows: c("owner", "eq", v("user.id")) },
    { action: "transition", transition: "start", rows: c("color", "eq", "RED") },
    { action: "transition", transition: "finish" },
  ];

  test("delete follows its row rule", () => {
    const permissions = evaluator([custom("sales", grants)]);
    expect(permissions.canDelete(mine)).toEqual({ allowed: true });
    expect(permissions.canDelete(theirs)).toEqual({ allowed: false, rule: "row_rule" });
  });

  test("transition grants are per transition", () => {
    const permissions = evaluator([custom("sales", grants)]);
    expect(permissions.canTransition(mine, "start")).toEqual({ allowed: true });
    expect(permissions.canTransition(theirs, "start")).toEqual({ allowed: false, rule: "row_rule" });
    expect(permissions.canTransition(theirs, "finish")).toEqual({ allowed: true });
    expect(permissions.canTransition(theirs, "other")).toEqual({ allowed: false, rule: "permission" });
  });

  test("a transition grant without a key covers every transition", () => {
    const permissions = evaluator([custom("ops", [{ action: "transition", rows: c("qty", "eq", 1) }])]);
    expect(permissions.canTransition(theirs, "start")).toEqual({ allowed: true });
    expect(permissions.canTransition(theirs, "finish")).toEqual({ allowed: true });
    expect(permissions.canTransition(mine, "finish")).toEqual({ allowed: false, rule: "row_rule" });
  });

  test("rowRule unions the grants of one transition", () => {
    const permissions = evaluator([custom("sales", grants), custom("ops", [{ action: "transition", rows: c("qty", "eq", 1) }])]);
    expect(permissions.rowRule("transition", "start")).toEqual({ or: [c("qty", "eq", 1), c("color", "eq", "RED")] });
    expect(permissions.rowRule("transition", "finish")).toBe(true);
    expect(permissions.rowRule("delete")).toEqual(c("owner", "eq", ALICE));
    expect(permissions.rowRule("update")).toBe(false);
  });
});
