import type { BlueprintChange, ChangeOrigin } from "./draft.ts";

/** Where a refusal of create_blueprint / update_blueprint belongs in the designer. */
export type ErrorTarget =
  | { kind: "field"; uid: string; property: string | null }
  | { kind: "details"; property: "name" | "key" | "description" | "icon" }
  | { kind: "general" };

const DETAILS = ["name", "key", "description", "icon"] as const;
const isDetail = (value: string | undefined): value is (typeof DETAILS)[number] =>
  (DETAILS as readonly string[]).includes(value ?? "");

/** The field property a path after `field.` names ("options.1.value" → "options"). */
const propertyOf = (rest: string | undefined): string | null => (rest ? (rest.split(".")[0] ?? null) : null);

/**
 * Maps the `field` of a FOVAL/FOCON refusal onto the designer: `changes.3.field.options.1`
 * is the field that made change 3, `fields.2.key` the third field of the saved list (the
 * draft's order), `name` the blueprint's details. Anything else is shown above Save.
 */
export function locateServerError(
  errorField: string | null,
  origins: readonly ChangeOrigin[],
  changes: readonly BlueprintChange[],
  draftUids: readonly string[],
): ErrorTarget {
  if (!errorField) return { kind: "general" };
  if (isDetail(errorField)) return { kind: "details", property: errorField };
  const change = /^changes\.(\d+)(?:\.(.+))?$/.exec(errorField);
  if (change) {
    const index = Number(change[1]);
    const origin = origins[index];
    const rest = change[2];
    if (!origin) return { kind: "general" };
    if (origin.kind === "details") return isDetail(rest) ? { kind: "details", property: rest } : { kind: "general" };
    if (!origin.uid) return { kind: "general" };
    const op = changes[index]?.op;
    if (rest?.startsWith("field.")) return { kind: "field", uid: origin.uid, property: propertyOf(rest.slice("field.".length)) };
    if (op === "rename_field" && (rest === "to" || rest === "from")) return { kind: "field", uid: origin.uid, property: "key" };
    if (op === "rename_option" || op === "merge_options") return { kind: "field", uid: origin.uid, property: "options" };
    if (op === "change_type" && rest === "currency") return { kind: "field", uid: origin.uid, property: "currencies" };
    return { kind: "field", uid: origin.uid, property: null };
  }
  const listed = /^fields\.(\d+)(?:\.(.+))?$/.exec(errorField);
  if (listed) {
    const uid = draftUids[Number(listed[1])];
    return uid ? { kind: "field", uid, property: propertyOf(listed[2]) } : { kind: "general" };
  }
  return { kind: "general" };
}
