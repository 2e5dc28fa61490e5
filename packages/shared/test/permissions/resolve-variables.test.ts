import fc from "fast-check";
import { describe, expect, test } from "vitest";
import {
  type CallerContext,
  type EvaluationContext,
  type Filter,
  type FilterEntity,
  matchesFilter,
  type ResolvedRule,
  resolveFieldPath,
  resolvePreset,
  resolveRuleFilter,
  todayIn,
  validateFilter,
  variableFits,
} from "../../src/index.ts";
import { blueprintArb, entityArb, filterArb, referencedOf } from "../filters/arbitraries.ts";
import { ALICE, BOB, caller, ctx, entity, FIELDS, referenced } from "./fixtures.ts";

const c = (field: string, op: string, value?: unknown): Filter => ({ field, op, value }) as Filter;
const v = (name: string) => ({ var: name });

const resolve = (filter: Filter, who: CallerContext = caller()) => resolveRuleFilter(filter, FIELDS, who, referenced);
const decide = (rule: ResolvedRule, e: FilterEntity) => (typeof rule === "boolean" ? rule : matchesFilter(rule, e, ctx));

type Row = { name: string; filter: Filter; who?: Partial<CallerContext>; resolved: ResolvedRule };

const rows: Row[] = [
  { name: "no variable: unchanged", filter: c("qty", "gt", 1), resolved: c("qty", "gt", 1) },
  { name: "user.id", filter: c("owner", "eq", v("user.id")), resolved: c("owner", "eq", ALICE) },
  { name: "user.id without a user is false", filter: c("owner", "eq", v("user.id")), who: { userId: null }, resolved: false },
  {
    name: "user.email is lowercased",
    filter: c("email", "eq", v("user.email")),
    resolved: c("email", "eq", "alice@example.com"),
  },
  { name: "user.email empty is false", filter: c("name", "contains", v("user.email")), who: { email: "" }, resolved: false },
  {
    name: "user.roles keeps keys that fit the field",
    filter: c("color", "in", v("user.roles")),
    who: { roleKeys: ["sales", "RED", "BLUE"] },
    resolved: c("color", "in", ["RED", "BLUE"]),
  },
  { name: "user.roles: none fits is false", filter: c("tags", "in", v("user.roles")), resolved: false },
  {
    name: "user.roles on text keeps all",
    filter: c("name", "in", v("user.roles")),
    resolved: c("name", "in", ["sales", "support"]),
  },
  { name: "user.roles without roles is false", filter: c("name", "in", v("user.roles")), who: { roleKeys: [] }, resolved: false },
  { name: "member attribute string", filter: c("name", "eq", v("member.region")), resolved: c("name", "eq", "north") },
  { name: "member attribute number", filter: c("qty", "lte", v("member.level")), resolved: c("qty", "lte", 3) },
  { name: "member attribute boolean", filter: c("active", "eq", v("member.vip")), resolved: c("active", "eq", true) },
  { name: "missing attribute is false", filter: c("name", "eq", v("member.team")), resolved: false },
  { name: "string attribute on a number is false", filter: c("qty", "eq", v("member.region")), resolved: false },
  { name: "number attribute on text is false", filter: c("name", "eq", v("member.level")), resolved: false },
  { name: "boolean attribute on text is false", filter: c("name", "eq", v("member.vip")), resolved: false },
  { name: "string attribute on a boolean is false", filter: c("active", "eq", v("member.region")), resolved: false },
  {
    name: "empty string attribute is false",
    filter: c("name", "neq", v("member.region")),
    who: { attributes: { region: "" } },
    resolved: false,
  },
  {
    name: "object attribute is false",
    filter: c("name", "eq", v("member.obj")),
    who: { attributes: { obj: { a: 1 } } },
    resolved: false,
  },
  {
    name: "null attribute is false",
    filter: c("name", "eq", v("member.region")),
    who: { attributes: { region: null } },
    resolved: false,
  },
  { name: "prototype key is missing", filter: c("name", "eq", v("member.constructor")), resolved: false },
  { name: "not of a missing attribute is true", filter: { not: c("name", "eq", v("member.team")) }, resolved: true },
  { name: "not of a mismatch is true", filter: { not: c("qty", "eq", v("member.region")) }, resolved: true },
  {
    name: "and with a false item is false",
    filter: { and: [c("qty", "gt", 1), c("name", "eq", v("member.team"))] },
    resolved: false,
  },
  {
    name: "or drops false items",
    filter: { or: [c("qty", "gt", 1), c("name", "eq", v("member.team")), c("qty", "lt", 0)] },
    resolved: { or: [c("qty", "gt", 1), c("qty", "lt", 0)] },
  },
  {
    name: "or with one item left stays a group",
    filter: { or: [c("qty", "gt", 1), c("qty", "eq", v("member.region"))] },
    resolved: { or: [c("qty", "gt", 1)] },
  },
  {
    name: "and drops true items",
    filter: { and: [{ not: c("qty", "eq", v("member.region")) }, c("owner", "eq", v("user.id"))] },
    resolved: { and: [c("owner", "eq", ALICE)] },
  },
  {
    name: "or with a true item is true",
    filter: { or: [c("qty", "gt", 1), { not: c("name", "eq", v("member.team")) }] },
    resolved: true,
  },
  { name: "double not", filter: { not: { not: c("name", "eq", v("member.team")) } }, resolved: false },
  { name: "now on a datetime", filter: c("at", "lt", v("now")), resolved: c("at", "lt", "2026-03-01T23:30:00.000000Z") },
  { name: "now on a date in UTC", filter: c("due", "eq", v("now")), resolved: c("due", "eq", "2026-03-01") },
  {
    name: "now on a date in Paris is the next day",
    filter: c("due", "eq", v("now")),
    who: { timezone: "Europe/Paris" },
    resolved: c("due", "eq", "2026-03-02"),
  },
  {
    name: "now on a date in Honolulu",
    filter: c("due", "eq", v("now")),
    who: { timezone: "Pacific/Honolulu", now: new Date("2026-03-02T05:00:00Z") },
    resolved: c("due", "eq", "2026-03-01"),
  },
  {
    name: "now through a reference",
    filter: c("customer.created_at", "gte", v("now")),
    resolved: c("customer.created_at", "gte", "2026-03-01T23:30:00.000000Z"),
  },
];

describe("resolveRuleFilter", () => {
  test.each(rows)("$name", ({ filter, who, resolved }) => {
    expect(validateFilter(filter, FIELDS, referenced, { variables: true })).toEqual([]);
    const result = resolve(filter, caller(who));
    expect(result).toEqual(resolved);
    if (typeof result !== "boolean") expect(validateFilter(result, FIELDS, referenced)).toEqual([]);
  });

  test.each([
    { name: "a fraction on an integer", filter: c("qty", "eq", v("member.ratio")), value: 1.5 },
    { name: "a non-option on a select", filter: c("color", "neq", v("member.ratio")), value: "north" },
    { name: "uppercase on an email", filter: c("email", "neq", v("member.ratio")), value: "A@B.CO" },
  ])("a value of the right JSON type compares as it is: $name", ({ filter, value }) => {
    const result = resolve(filter, caller({ attributes: { ratio: value } }));
    expect(result).toEqual({ ...filter, value });
    const red = entity(1, { qty: 1, color: "RED", email: "a@b.co" });
    // eq never matches a value no entity can hold; neq matches every present value, as in SQL.
    expect(decide(result, red)).toBe((filter as { op: string }).op === "neq");
  });
});

describe("variables decide like an empty value", () => {
  const missing = c("name", "eq", v("member.team"));
  const mismatch = c("qty", "eq", v("member.region"));
  const withName = entity(1, { name: "north", qty: 3 });
  const empty = entity(2, {});

  test.each([
    { name: "a missing attribute matches no row", filter: missing, entity: withName, expected: false },
    { name: "not of a missing attribute matches a row with a value", filter: { not: missing }, entity: withName, expected: true },
    { name: "not of a missing attribute matches an empty row", filter: { not: missing }, entity: empty, expected: true },
    { name: "a mismatched attribute matches no row", filter: mismatch, entity: withName, expected: false },
    { name: "not of a mismatch matches", filter: { not: mismatch }, entity: withName, expected: true },
    {
      name: "neq with a missing attribute is false too",
      filter: c("name", "neq", v("member.team")),
      entity: withName,
      expected: false,
    },
    { name: "a present attribute compares", filter: c("name", "eq", v("member.region")), entity: withName, expected: true },
    {
      name: "not of a present attribute",
      filter: { not: c("name", "eq", v("member.region")) },
      entity: withName,
      expected: false,
    },
  ] satisfies { name: string; filter: Filter; entity: FilterEntity; expected: boolean }[])(
    "$name",
    ({ filter, entity: e, expected }) => {
      expect(decide(resolve(filter), e)).toBe(expected);
    },
  );

  test("user.id picks the caller's rows", () => {
    const rule = resolve(c("owner", "eq", v("user.id")));
    expect(decide(rule, entity(1, { owner: ALICE }))).toBe(true);
    expect(decide(rule, entity(2, { owner: BOB }))).toBe(false);
    expect(decide(rule, entity(3, {}))).toBe(false);
  });
});

describe("todayIn", () => {
  test.each([
    { name: "UTC", timezone: "UTC", now: "2026-12-31T23:59:59Z", today: "2026-12-31" },
    { name: "ahead of UTC crosses the year", timezone: "Asia/Tokyo", now: "2026-12-31T15:00:00Z", today: "2027-01-01" },
    { name: "behind UTC", timezone: "America/New_York", now: "2026-07-01T03:00:00Z", today: "2026-06-30" },
    { name: "offset input", timezone: "UTC", now: "2026-07-01T01:00:00+02:00", today: "2026-06-30" },
  ])("$name", ({ timezone, now, today }) => {
    expect(todayIn(timezone, now)).toBe(today);
  });
});

describe("resolvePreset", () => {
  const field = (key: string) => {
    const found = FIELDS.find((f) => f.key === key);
    if (!found) throw new Error(key);
    return found;
  };
  test.each([
    { name: "a literal", key: "qty", preset: 4, who: {}, value: 4 },
    { name: "user.id", key: "owner", preset: v("user.id"), who: {}, value: ALICE },
    { name: "user.email lowercased", key: "email", preset: v("user.email"), who: {}, value: "alice@example.com" },
    { name: "now on a date", key: "due", preset: v("now"), who: { timezone: "Asia/Tokyo" }, value: "2026-03-02" },
    { name: "now on a datetime", key: "at", preset: v("now"), who: {}, value: "2026-03-01T23:30:00.000000Z" },
    { name: "an attribute that fits", key: "qty", preset: v("member.level"), who: {}, value: 3 },
    {
      name: "an attribute the field does not take is left for the write to refuse",
      key: "qty",
      preset: v("member.region"),
      who: {},
      value: "north",
    },
    { name: "a missing attribute empties", key: "name", preset: v("member.team"), who: {}, value: null },
    {
      name: "an attribute is stored trimmed",
      key: "name",
      preset: v("member.pad"),
      who: { attributes: { pad: " x " } },
      value: "x",
    },
    {
      name: "an email attribute is stored lowercase",
      key: "email",
      preset: v("member.mail"),
      who: { attributes: { mail: "A@B.CO" } },
      value: "a@b.co",
    },
    { name: "an empty attribute empties", key: "name", preset: v("member.pad"), who: { attributes: { pad: "" } }, value: null },
    {
      name: "a blank attribute is stored empty on a text field",
      key: "name",
      preset: v("member.pad"),
      who: { attributes: { pad: "  " } },
      value: null,
    },
    {
      name: "a blank attribute is stored empty on a long text field",
      key: "notes",
      preset: v("member.pad"),
      who: { attributes: { pad: " \n " } },
      value: null,
    },
    {
      name: "a long text attribute keeps its spaces",
      key: "notes",
      preset: v("member.pad"),
      who: { attributes: { pad: " x\n" } },
      value: " x\n",
    },
    {
      name: "a number written as text is stored as a number (integer)",
      key: "qty",
      preset: v("member.level"),
      who: { attributes: { level: " 2 " } },
      value: 2,
    },
    {
      name: "a number written as text is stored as a number (number)",
      key: "weight",
      preset: v("member.level"),
      who: { attributes: { level: "2.50" } },
      value: 2.5,
    },
    {
      name: "text that is not a number is left for the write to refuse",
      key: "weight",
      preset: v("member.level"),
      who: { attributes: { level: "2 kg" } },
      value: "2 kg",
    },
  ])("$name", ({ key, preset, who, value }) => {
    expect(resolvePreset(field(key), preset, caller(who))).toEqual(value);
  });
});

/** Replaces some conditions a member attribute can take by variables; marks those whose attribute is missing. */
type Marked = Filter | { missing: true };

describe("properties", () => {
  test("a rule without variables resolves to itself", () => {
    fc.assert(
      fc.property(
        blueprintArb.chain((blueprint) =>
          fc.record({
            blueprint: fc.constant(blueprint),
            filter: filterArb(blueprint, 4),
          }),
        ),
        ({ blueprint, filter }) => {
          const referencedFields = referencedOf(blueprint);
          const resolved = resolveRuleFilter(filter, blueprint.fields, caller(), referencedFields);
          expect(resolved).toEqual(filter);
        },
      ),
      { numRuns: 200 },
    );
  });

  test("substituting attributes decides like the literal, a missing one like false, under any nesting", () => {
    const world = blueprintArb.chain((blueprint) =>
      fc.record({
        blueprint: fc.constant(blueprint),
        filter: filterArb(blueprint, 4),
        entities: fc.array(entityArb(blueprint.fields), { minLength: 1, maxLength: 4 }),
        choices: fc.infiniteStream(fc.constantFrom("keep", "present", "missing")),
      }),
    );
    fc.assert(
      fc.property(world, ({ blueprint, filter, entities, choices }) => {
        const referencedFields = referencedOf(blueprint);
        const attributes: Record<string, unknown> = {};
        let n = 0;
        const iterator = choices[Symbol.iterator]();
        // Builds the rule with variables, and the expected decision tree with literals and missing marks.
        const substitute = (node: Filter): { rule: Filter; expected: Marked } => {
          if ("and" in node || "or" in node) {
            const items = ("and" in node ? node.and : node.or).map(substitute);
            const rule = "and" in node ? { and: items.map((i) => i.rule) } : { or: items.map((i) => i.rule) };
            const expected =
              "and" in node ? { and: items.map((i) => i.expected as Filter) } : { or: items.map((i) => i.expected as Filter) };
            return { rule, expected };
          }
          if ("not" in node) {
            const inner = substitute(node.not);
            return { rule: { not: inner.rule }, expected: { not: inner.expected as Filter } };
          }
          const field = resolveFieldPath(node.field, blueprint.fields, referencedFields);
          const scalar = typeof node.value === "string" || typeof node.value === "number" || typeof node.value === "boolean";
          const choice = iterator.next().value as string;
          if (!field || !scalar || !variableFits("member", field.type, node.op) || choice === "keep") {
            return { rule: node, expected: node };
          }
          const key = `k${n++}`;
          if (choice === "present") attributes[key] = node.value;
          // An empty string is no value (variableValue), so it decides like a missing attribute.
          const hasValue = choice === "present" && node.value !== "";
          return {
            rule: { ...node, value: { var: `member.${key}` } },
            expected: hasValue ? node : { missing: true },
          };
        };
        const { rule, expected } = substitute(filter);
        expect(validateFilter(rule, blueprint.fields, referencedFields, { variables: true })).toEqual([]);
        const who = caller({ attributes });
        const evalCtx: EvaluationContext = { fields: blueprint.fields, referencedFields, resolve: () => undefined };
        const decideExpected = (node: Marked, e: FilterEntity): boolean => {
          if ("missing" in node) return false;
          if ("and" in node) return node.and.every((item) => decideExpected(item, e));
          if ("or" in node) return node.or.some((item) => decideExpected(item, e));
          if ("not" in node) return !decideExpected(node.not, e);
          return matchesFilter(node, e, evalCtx);
        };
        for (const r of [rule, { not: rule }] as Filter[]) {
          const resolved = resolveRuleFilter(r, blueprint.fields, who, referencedFields);
          const marked: Marked = r === rule ? expected : { not: expected as Filter };
          for (const e of entities) {
            const actual = typeof resolved === "boolean" ? resolved : matchesFilter(resolved, e, evalCtx);
            expect(actual).toBe(decideExpected(marked, e));
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});
