import type { FieldDefinition, FieldType } from "@flexoffice/shared";
import { useTranslation } from "react-i18next";
import type { BlueprintSummary } from "../api/blueprints-query.ts";

/** Properties the catalogue has a name for (`properties.<name>`). */
const NAMED = [
  "key",
  "label",
  "type",
  "description",
  "required",
  "unique",
  "indexed",
  "default",
  "min",
  "max",
  "min_length",
  "max_length",
  "pattern",
  "precision",
  "scale",
  "reference",
  "currencies",
] as const;
type Named = (typeof NAMED)[number];

export type PropertyText = ((property: string, value: unknown, field: FieldDefinition) => string) & {
  label: (property: string) => string;
};

/** Words for a field property and its value, for the version diff ("Required: No → Yes"). */
export function usePropertyText(targets: readonly BlueprintSummary[]): PropertyText {
  const { t } = useTranslation("blueprints");
  const { t: tc } = useTranslation();
  const format = (property: string, value: unknown, field: FieldDefinition): string => {
    if (value === undefined || value === null) return t("diff.none");
    if (typeof value === "boolean") return value ? tc("fields.yes") : tc("fields.no");
    if (property === "type") return t(`types.${value as FieldType}.name`);
    if (property === "default") {
      const fallback = value as NonNullable<FieldDefinition["default"]>;
      if (fallback.kind === "now") return field.type === "date" ? t("defaults.today") : t("defaults.now");
      if (fallback.kind === "current_user") return t("defaults.currentUserShort");
      return format("value", fallback.value, field);
    }
    if (property === "reference") {
      const reference = value as NonNullable<FieldDefinition["reference"]>;
      const name = targets.find((b) => b.id === reference.blueprint_id)?.name ?? t("diff.unknownBlueprint");
      return `${name} · ${reference.on_delete === "set_null" ? t("properties.onDeleteSetNull") : t("properties.onDeleteRestrict")}`;
    }
    if (Array.isArray(value)) return value.map((item) => (typeof item === "string" ? item : JSON.stringify(item))).join(", ");
    if (typeof value === "object") return JSON.stringify(value);
    return String(value);
  };
  const label = (property: string) =>
    (NAMED as readonly string[]).includes(property) ? t(`properties.${property as Named}`) : property;
  return Object.assign(format, { label });
}
