import { MEMBER_ATTRIBUTE_KEY_PATTERN } from "@flexoffice/shared";

/**
 * Member attributes (docs/members-and-roles.md): a flat object of at most 50 snake_case
 * keys, each a string of at most 200 characters, a number or a boolean. Row rules read
 * them as `member.<key>`, so the editor checks the same rules before saving and shows the
 * database's refusal (`attributes.<key>`) on the row it names.
 */

export type AttributeValue = string | number | boolean;
export type AttributeType = "text" | "number" | "boolean";

export const MAX_ATTRIBUTES = 50;
export const MAX_ATTRIBUTE_TEXT = 200;
export const ATTRIBUTE_KEY_MAX = 40;

/** One line of the editor, as typed. */
export type AttributeRow = { id: string; key: string; type: AttributeType; value: string };

export type AttributeProblem =
  | "key_required"
  | "key_format"
  | "key_duplicate"
  | "value_number"
  | "value_boolean"
  | "value_length";

export type AttributeCheck =
  | { ok: true; attributes: Record<string, AttributeValue> }
  | { ok: false; problems: Map<string, AttributeProblem>; tooMany: boolean };

/** The attributes of a membership row; anything that is not a string, number or boolean is left out. */
export function readAttributes(json: unknown): Record<string, AttributeValue> {
  if (typeof json !== "object" || json === null || Array.isArray(json)) return {};
  const out: Record<string, AttributeValue> = {};
  for (const [key, value] of Object.entries(json)) {
    if (typeof value === "string" || typeof value === "boolean" || (typeof value === "number" && Number.isFinite(value))) {
      out[key] = value;
    }
  }
  return out;
}

export function typeOfValue(value: AttributeValue): AttributeType {
  return typeof value === "number" ? "number" : typeof value === "boolean" ? "boolean" : "text";
}

let sequence = 0;
export function newRowId(): string {
  sequence += 1;
  return `attr${sequence}`;
}

export function rowsFromAttributes(attributes: Record<string, AttributeValue>): AttributeRow[] {
  return Object.keys(attributes)
    .sort()
    .map((key) => {
      const value = attributes[key] as AttributeValue;
      return { id: newRowId(), key, type: typeOfValue(value), value: String(value) };
    });
}

/** Rows with neither key nor value are ignored: an empty line someone added and did not use. */
function isBlank(row: AttributeRow): boolean {
  return row.key.trim() === "" && row.value.trim() === "";
}

/** The attributes to save, or the problem of each row (by row id) and whether there are too many. */
export function attributesFromRows(rows: readonly AttributeRow[]): AttributeCheck {
  const problems = new Map<string, AttributeProblem>();
  const attributes: Record<string, AttributeValue> = {};
  const used = rows.filter((row) => !isBlank(row));
  const seen = new Set<string>();
  for (const row of used) {
    const key = row.key.trim();
    if (key === "") problems.set(row.id, "key_required");
    else if (!MEMBER_ATTRIBUTE_KEY_PATTERN.test(key)) problems.set(row.id, "key_format");
    else if (seen.has(key)) problems.set(row.id, "key_duplicate");
    seen.add(key);
    if (problems.has(row.id)) continue;
    if (row.type === "number") {
      const n = Number(row.value.trim());
      if (row.value.trim() === "" || !Number.isFinite(n)) problems.set(row.id, "value_number");
      else attributes[key] = n;
    } else if (row.type === "boolean") {
      if (row.value !== "true" && row.value !== "false") problems.set(row.id, "value_boolean");
      else attributes[key] = row.value === "true";
    } else if ([...row.value].length > MAX_ATTRIBUTE_TEXT) problems.set(row.id, "value_length");
    else attributes[key] = row.value;
  }
  const tooMany = used.length > MAX_ATTRIBUTES;
  if (problems.size > 0 || tooMany) return { ok: false, problems, tooMany };
  return { ok: true, attributes };
}

/** The row a database refusal names (`details.field` = `attributes.<key>`), if any. */
export function rowForServerField(rows: readonly AttributeRow[], field: string | null): AttributeRow | undefined {
  if (!field?.startsWith("attributes.")) return undefined;
  const key = field.slice("attributes.".length);
  return rows.find((row) => row.key.trim() === key);
}
