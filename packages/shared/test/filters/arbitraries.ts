import fc from "fast-check";
import {
  FIELD_TYPES,
  type FieldDefinition,
  type FieldType,
  type Filter,
  type FilterEntity,
  type FilterOperator,
  OPERATORS_BY_TYPE,
  type ResolvedField,
  resolveFieldPath,
  type Sort,
  SYSTEM_FIELDS,
} from "../../src/index.ts";
import { uuid } from "./fixtures.ts";

/** Arbitraries for property tests: small blueprints, valid filters against them, and entities in stored form. */

const OPTION_VALUES = ["A", "B", "C", "a", "É"];
const IDS = [uuid(1), uuid(2), uuid(3)];
const REF_IDS = [uuid(201), uuid(202)];
const TEXTS = ["", "a", "A", "ab", "b", "B", "é", "Zebra", "zeb", "😀", "\uE000"];

const field = (type: FieldType, options: string[]): FieldDefinition => {
  const base = { key: `f_${type}`, label: type, type };
  if (type === "single_select" || type === "multi_select" || type === "status") {
    return { ...base, options: options.map((value) => ({ value, label: value })) };
  }
  if (type === "reference") return { ...base, reference: { blueprint_id: uuid(500), on_delete: "restrict" } };
  return base;
};

export type Blueprint = { fields: FieldDefinition[]; targetFields: FieldDefinition[] };

const fieldsArb = fc
  .tuple(
    fc.uniqueArray(fc.constantFrom(...FIELD_TYPES), { minLength: 1, maxLength: 6 }),
    fc.uniqueArray(fc.constantFrom(...OPTION_VALUES), { minLength: 1, maxLength: 4 }),
  )
  .map(([types, options]) => types.map((type) => field(type, options)));

/** A random small blueprint, and the blueprint its reference field (if any) points to. */
export const blueprintArb: fc.Arbitrary<Blueprint> = fc
  .tuple(fieldsArb, fieldsArb)
  .map(([fields, targetFields]) => ({ fields, targetFields: targetFields.filter((f) => f.type !== "reference") }));

export const referencedOf = (blueprint: Blueprint) => (key: string) =>
  key === "f_reference" ? blueprint.targetFields : undefined;

const pad = (n: number, width = 2) => String(Math.abs(n)).padStart(width, "0");
const dateArb = fc.date({ min: new Date("2000-01-01T00:00:00Z"), max: new Date("2040-12-31T00:00:00Z"), noInvalidDate: true });

/** An instant written with a random offset: the evaluator must normalise it. */
const instantArb = fc.tuple(dateArb, fc.integer({ min: -48, max: 56 })).map(([date, quarters]) => {
  const local = new Date(date.getTime() + quarters * 15 * 60_000);
  const sign = quarters < 0 ? "-" : "+";
  const offset = `${sign}${pad(Math.trunc(Math.abs(quarters) / 4))}:${pad((Math.abs(quarters) % 4) * 15)}`;
  return `${local.toISOString().slice(0, 19)}.${pad(local.getUTCMilliseconds(), 3)}${offset}`;
});
const canonicalArb = dateArb.map((date) => `${date.toISOString().slice(0, 23)}000Z`);
const dayArb = dateArb.map((date) => date.toISOString().slice(0, 10));
const numberArb = fc.oneof(
  fc.integer({ min: -3, max: 3 }),
  fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 }),
);

/** One valid filter operand for a field. */
function scalarArb(field: ResolvedField): fc.Arbitrary<unknown> {
  const options = field.definition?.options?.map((option) => option.value) ?? OPTION_VALUES;
  switch (field.type) {
    case "text":
      return fc.oneof(
        fc.constantFrom(...TEXTS),
        fc.string({ maxLength: 4 }).filter((s) => !/[\r\n]/.test(s)),
      );
    case "email":
      return fc.constantFrom("a@b.co", "z@b.co");
    case "url":
      return fc.constantFrom("https://a.io", "http://b.io/x");
    case "phone":
      return fc.constantFrom("+33 1 23", "555-0100");
    case "number":
    case "currency":
      return numberArb;
    case "integer":
      return fc.integer({ min: -3, max: 3 });
    case "boolean":
      return fc.boolean();
    case "date":
      return dayArb;
    case "datetime":
      return fc.oneof(instantArb, canonicalArb);
    case "single_select":
    case "multi_select":
    case "status":
      return fc.constantFrom(...options);
    case "reference":
      return fc.constantFrom(...REF_IDS);
    case "member":
    case "id":
      return fc.constantFrom(...IDS);
    default:
      throw new Error(`no operand for ${field.type}`);
  }
}

function valueArb(field: ResolvedField, op: FilterOperator): fc.Arbitrary<unknown> {
  switch (op) {
    case "is_null":
      return fc.boolean();
    case "between":
      return fc.tuple(scalarArb(field), scalarArb(field));
    case "in":
      return fc.array(scalarArb(field), { minLength: 1, maxLength: 4 });
    case "contains":
    case "starts_with":
      return field.type === "multi_select"
        ? scalarArb(field)
        : fc.oneof(fc.constantFrom("a", "É", "ze"), fc.string({ minLength: 1, maxLength: 3 }));
    default:
      return scalarArb(field);
  }
}

export function filterPaths(blueprint: Blueprint): ResolvedField[] {
  const keys = [...blueprint.fields.map((f) => f.key), ...Object.keys(SYSTEM_FIELDS)];
  if (blueprint.fields.some((f) => f.type === "reference")) {
    keys.push(...[...blueprint.targetFields.map((f) => f.key), "created_at"].map((key) => `f_reference.${key}`));
  }
  return keys.flatMap((key) => resolveFieldPath(key, blueprint.fields, referencedOf(blueprint)) ?? []);
}

/** A valid filter of at most `depth` levels (and so at most 3^(depth-1) conditions). */
export function filterArb(blueprint: Blueprint, depth: number): fc.Arbitrary<Filter> {
  const condition: fc.Arbitrary<Filter> = fc
    .constantFrom(...filterPaths(blueprint))
    .chain((field) =>
      fc
        .constantFrom(...OPERATORS_BY_TYPE[field.type])
        .chain((op) => valueArb(field, op).map((value) => ({ field: field.path, op, value }))),
    );
  if (depth <= 1) return condition;
  const inner = filterArb(blueprint, depth - 1);
  const items = fc.array(inner, { minLength: 1, maxLength: 3 });
  return fc.oneof(
    { weight: 3, arbitrary: condition },
    { weight: 1, arbitrary: items.map((and) => ({ and })) },
    { weight: 1, arbitrary: items.map((or) => ({ or })) },
    { weight: 1, arbitrary: inner.map((not) => ({ not })) },
  );
}

export const sortArb = (blueprint: Blueprint): fc.Arbitrary<Sort> =>
  fc.array(
    fc.record({
      field: fc.constantFrom(
        ...filterPaths(blueprint)
          .filter((f) => !["long_text", "json", "multi_select"].includes(f.type))
          .map((f) => f.path),
      ),
      direction: fc.constantFrom("asc" as const, "desc" as const),
    }),
    { minLength: 1, maxLength: 5 },
  );

/** A stored value in canonical form, or undefined (absent key). */
function storedArb(field: FieldDefinition): fc.Arbitrary<unknown> {
  return fc.option(presentArb(field), { nil: undefined });
}

function presentArb(field: FieldDefinition): fc.Arbitrary<unknown> {
  const options = field.options?.map((option) => option.value) ?? [];
  switch (field.type) {
    case "text":
      return fc.constantFrom(...TEXTS);
    case "long_text":
      return fc.constantFrom("", "Zebra\nline", "a\nÉ", "ab");
    case "email":
      return fc.constantFrom("a@b.co", "z@b.co");
    case "url":
      return fc.constantFrom("https://a.io", "http://b.io/x");
    case "phone":
      return fc.constantFrom("+33 1 23", "555-0100");
    case "number":
      return numberArb;
    case "integer":
      return fc.integer({ min: -3, max: 3 });
    case "currency":
      return numberArb.map((amount) => ({ amount, currency: "EUR" }));
    case "boolean":
      return fc.boolean();
    case "date":
      return dayArb;
    case "datetime":
      return canonicalArb;
    case "single_select":
    case "status":
      return fc.constantFrom(...options);
    case "multi_select":
      return fc.subarray(options).map((chosen) => options.filter((o) => chosen.includes(o)));
    case "reference":
      return fc.constantFrom(...REF_IDS, uuid(299));
    case "member":
      return fc.constantFrom(...IDS);
    case "json":
      return fc.constantFrom({ a: 1 }, [1], "x", 0, false);
  }
}

export function entityArb(
  fields: readonly FieldDefinition[],
  id: fc.Arbitrary<string> = fc.constantFrom(...IDS),
): fc.Arbitrary<FilterEntity> {
  const data = fc.tuple(...fields.map(storedArb)).map((values) => {
    const record: Record<string, unknown> = {};
    fields.forEach((f, i) => {
      if (values[i] !== undefined) record[f.key] = values[i];
    });
    return record;
  });
  return fc.record({
    id,
    created_at: canonicalArb,
    created_by: fc.option(fc.constantFrom(...IDS), { nil: null }),
    updated_at: canonicalArb,
    updated_by: fc.option(fc.constantFrom(...IDS), { nil: null }),
    version: fc.integer({ min: 1, max: 4 }),
    data,
  });
}
