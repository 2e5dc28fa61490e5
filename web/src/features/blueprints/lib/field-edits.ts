import {
  FIELD_PROPERTY_TYPES,
  type FieldDefinition,
  type FieldType,
  NOT_INDEXED_TYPES,
  NOT_UNIQUE_TYPES,
  OPTION_FIELD_TYPES,
} from "@flexoffice/shared";

const hasOptions = (type: FieldType) => (OPTION_FIELD_TYPES as readonly FieldType[]).includes(type);

/**
 * The field with another type: what still applies is kept (key, label, description,
 * required, options between select types, ranges between number types), the rest is
 * dropped so the definition never carries settings that would be refused. A select type
 * starts with one empty option to fill in.
 */
export function retypeField(field: FieldDefinition, type: FieldType): FieldDefinition {
  const next: Record<string, unknown> = { ...field, type };
  for (const [property, types] of Object.entries(FIELD_PROPERTY_TYPES)) {
    if (!(types as readonly FieldType[]).includes(type)) delete next[property];
  }
  // Bounds mean something else for dates than for numbers.
  const numeric = (t: FieldType) => t === "number" || t === "integer" || t === "currency";
  if (numeric(field.type) !== numeric(type)) {
    delete next.min;
    delete next.max;
  }
  if (field.type === "multi_select" || type === "multi_select") {
    delete next.min_length;
    delete next.max_length;
  }
  if (NOT_UNIQUE_TYPES.includes(type)) delete next.unique;
  if (NOT_INDEXED_TYPES.includes(type)) delete next.indexed;
  delete next.default;
  if (hasOptions(type) && !next.options) next.options = [{ value: "" }];
  return next as FieldDefinition;
}

/** Sets or clears (undefined, null, "") one property of a definition. */
export function withProperty<K extends keyof FieldDefinition>(
  field: FieldDefinition,
  property: K,
  value: unknown,
): FieldDefinition {
  const next: Record<string, unknown> = { ...field };
  if (value === undefined || value === null || value === "" || value === false) delete next[property];
  else next[property] = value;
  return next as FieldDefinition;
}

/** An option value from its label while the person has not typed one: "In progress" → "IN_PROGRESS". */
export function suggestOptionValue(label: string): string {
  return label
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .trim()
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "")
    .slice(0, 100);
}
