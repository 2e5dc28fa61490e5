import type { FieldType } from "@flexoffice/shared";

const TEXTUAL: readonly FieldType[] = ["text", "long_text", "email", "url", "phone"];

/**
 * Whether a field's type can change from one to the other with its values converted: the
 * database's cast rules (private.can_cast, docs/entities.md "Cast rules"). The designer
 * offers only these types for a field that already exists; the database refuses the rest.
 */
export function canCast(from: FieldType, to: FieldType): boolean {
  if (from === to) return true;
  switch (to) {
    case "text":
    case "long_text":
      return [...TEXTUAL, "number", "integer", "boolean", "date", "datetime", "single_select", "status", "currency"].includes(
        from,
      );
    case "email":
    case "url":
    case "phone":
      return TEXTUAL.includes(from);
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
