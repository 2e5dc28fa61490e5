import { type EffectiveFieldType, type FieldDefinition, isSystemField, SYSTEM_FIELDS } from "../blueprints/field-types.ts";

/**
 * What a filter or sort `field` names: a field of the blueprint, a system field, or
 * `<reference field>.<field>` one level into the referenced blueprint. Shared by the
 * validator and the evaluator so both read a path the same way.
 */

/** Fields of the blueprint a reference field of the current blueprint points to. */
export type ReferencedFields = (referenceKey: string) => readonly FieldDefinition[] | undefined;

export type ResolvedField = {
  /** The path as written in the filter. */
  path: string;
  /** Key on the entity that holds the value (the referenced entity when `via` is set). */
  key: string;
  /** The reference field traversed, if any. */
  via?: string;
  type: EffectiveFieldType;
  /** The field definition; absent for system fields. */
  definition?: FieldDefinition;
};

function lookup(key: string, fields: readonly FieldDefinition[]): Pick<ResolvedField, "type" | "definition"> | undefined {
  if (isSystemField(key)) return { type: SYSTEM_FIELDS[key] };
  const definition = fields.find((field) => field.key === key);
  return definition ? { type: definition.type, definition } : undefined;
}

/** The field a path names, or undefined: anything that is not exactly a known key (or `ref.key`) is unknown. */
export function resolveFieldPath(
  path: string,
  fields: readonly FieldDefinition[],
  referenced?: ReferencedFields,
): ResolvedField | undefined {
  const parts = path.split(".");
  if (parts.length === 1) {
    const found = lookup(path, fields);
    return found && { path, key: path, ...found };
  }
  const [via, key] = parts;
  if (parts.length !== 2 || via === undefined || key === undefined) return undefined;
  const reference = fields.find((field) => field.key === via);
  if (reference?.type !== "reference" || !referenced) return undefined;
  const targetFields = referenced(via);
  const found = targetFields && lookup(key, targetFields);
  return found && { path, key, via, ...found };
}
