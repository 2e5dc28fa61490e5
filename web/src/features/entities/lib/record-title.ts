import type { FieldDefinition, Json } from "@flexoffice/shared";

const TITLE_TYPES = ["text", "email", "url", "phone"] as const;

/**
 * The field that names an entity in titles, cards and reference pickers: the first one-line
 * text field the member can read, else the first readable field. Blueprints have no title
 * setting; the first text field is what people put first.
 */
export function titleFieldOf(fields: readonly FieldDefinition[], readable: (key: string) => boolean = () => true) {
  const visible = fields.filter((field) => readable(field.key));
  return (
    visible.find((field) => (TITLE_TYPES as readonly string[]).includes(field.type)) ??
    visible.find((field) => field.type !== "json" && field.type !== "long_text")
  );
}

/** The entity's name as text, or null when its title field is empty or not text-like. */
export function entityTitle(field: FieldDefinition | undefined, data: Record<string, Json>): string | null {
  if (!field) return null;
  const value = data[field.key];
  if (typeof value === "string" && value.trim() !== "") {
    const option = field.options?.find((o) => o.value === value);
    return option?.label ?? value;
  }
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return null;
}
