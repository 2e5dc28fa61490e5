import { type FieldDefinition, MEMBER_ATTRIBUTE_KEY_PATTERN, type VariableName } from "@flexoffice/shared";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import type { FilterBuilderField, FilterBuilderVariable } from "../../../components/filter-builder/filter-builder.tsx";
import { displayName, type Member } from "../api/members-query.ts";

const SYSTEM_RULE_FIELDS = [
  { key: "created_by", type: "member" },
  { key: "created_at", type: "datetime" },
  { key: "updated_by", type: "member" },
  { key: "updated_at", type: "datetime" },
] as const;

/**
 * What row rules and validations can name on a blueprint: its fields (options from the
 * field, members for member fields), who created or changed a record and when, and the
 * variables of docs/permissions.md with the attribute keys members have.
 */
export function useRuleVocabulary(fields: readonly FieldDefinition[], members: readonly Member[]) {
  const { t } = useTranslation("members");
  return useMemo(() => {
    const memberOptions = members
      .filter((member) => !member.isApiKey)
      .map((member) => ({ value: member.userId, label: displayName(member) }));
    const ruleFields: FilterBuilderField[] = [
      ...fields.map((field) => ({
        key: field.key,
        label: field.label,
        type: field.type,
        ...(field.type === "member"
          ? { options: memberOptions }
          : field.options
            ? { options: field.options.map((option) => ({ value: option.value, label: option.label ?? option.value })) }
            : {}),
      })),
      ...SYSTEM_RULE_FIELDS.map((field) => ({
        key: field.key,
        label: t(`permissions.systemFields.${field.key}`),
        type: field.type,
        ...(field.type === "member" ? { options: memberOptions } : {}),
      })),
    ];
    const attributeKeys = [...new Set(members.flatMap((member) => Object.keys(member.attributes)))]
      .filter((key) => MEMBER_ATTRIBUTE_KEY_PATTERN.test(key))
      .sort();
    const variables: FilterBuilderVariable[] = [
      { name: "user.id", label: t("permissions.variables.userId") },
      { name: "user.email", label: t("permissions.variables.userEmail") },
      { name: "user.roles", label: t("permissions.variables.userRoles") },
      { name: "now", label: t("permissions.variables.now") },
      ...attributeKeys.map((key) => ({
        name: `member.${key}` as VariableName,
        label: t("permissions.variables.member", { key }),
      })),
    ];
    return { ruleFields, variables, memberOptions };
  }, [fields, members, t]);
}
