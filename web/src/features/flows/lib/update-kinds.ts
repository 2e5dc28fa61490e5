import type { FieldType } from "@flexoffice/shared";

/** Every kind of data update a transition can make (FlowUpdateSchema). */
export const UPDATE_KINDS = ["now", "literal", "current_user", "copy", "input", "add", "subtract", "multiply"] as const;
export type UpdateKind = (typeof UPDATE_KINDS)[number];

const NUMERIC_TYPES: readonly FieldType[] = ["number", "integer", "currency"];

/** Whether a value of one type can fill a field of another: the database's `private.can_cast`. */
export function canCast(from: FieldType, to: FieldType): boolean {
  if (from === to) return true;
  switch (to) {
    case "text":
    case "long_text":
      return [
        "text",
        "long_text",
        "email",
        "url",
        "phone",
        "number",
        "integer",
        "boolean",
        "date",
        "datetime",
        "single_select",
        "status",
        "currency",
      ].includes(from);
    case "email":
    case "url":
    case "phone":
      return ["text", "long_text", "email", "url", "phone"].includes(from);
    case "number":
    case "integer":
      return ["text", "long_text", "number", "integer", "currency", "single_select", "status"].includes(from);
    case "currency":
      return from === "number" || from === "integer";
    case "boolean":
      return from === "text" || from === "long_text";
    case "date":
    case "datetime":
      return ["text", "long_text", "date", "datetime"].includes(from);
    case "single_select":
    case "status":
      return ["text", "long_text", "single_select", "status", "multi_select"].includes(from);
    case "multi_select":
      return from === "single_select" || from === "status";
    case "json":
      return true;
    default:
      return false;
  }
}

export function isNumericType(type: FieldType): boolean {
  return NUMERIC_TYPES.includes(type);
}

/**
 * The update kinds the editor offers for a field of this type, in its order: a subset of what
 * `private.check_flow_update` accepts, so the editor never offers a choice the save refuses.
 */
export function kindsFor(type: FieldType): UpdateKind[] {
  const kinds: UpdateKind[] = [];
  if (type === "date" || type === "datetime") kinds.push("now");
  // A fixed entity or person is picked where records are edited; here they would be bare ids.
  if (type !== "reference" && type !== "member") kinds.push("literal");
  if (type === "member") kinds.push("current_user");
  kinds.push("copy", "input");
  if (isNumericType(type)) kinds.push("add", "subtract", "multiply");
  return kinds;
}

/** Whether the kind is arithmetic (takes a number operand or a number field). */
export function isArithmetic(kind: UpdateKind): kind is "add" | "subtract" | "multiply" {
  return kind === "add" || kind === "subtract" || kind === "multiply";
}

/** Whether the database takes this kind of update for a field of this type (`private.check_flow_update`). */
export function acceptsKind(type: FieldType, kind: UpdateKind): boolean {
  if (kind === "now") return type === "date" || type === "datetime";
  if (kind === "current_user") return type === "member";
  if (isArithmetic(kind)) return isNumericType(type);
  return true;
}
