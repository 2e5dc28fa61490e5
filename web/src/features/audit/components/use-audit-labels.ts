import { useTranslation } from "react-i18next";
import { humanize } from "../lib/audit-entries.ts";
import { auditEn } from "../locales/en.ts";

type ActionKey = keyof typeof auditEn.actions;
type ObjectTypeKey = keyof typeof auditEn.objectTypes;

const isAction = (value: string): value is ActionKey => Object.hasOwn(auditEn.actions, value);
const isObjectType = (value: string): value is ObjectTypeKey => Object.hasOwn(auditEn.objectTypes, value);

/** Words for actions and object types the catalogue knows; the raw name in plain words otherwise. */
export function useAuditLabels() {
  const { t } = useTranslation("audit");
  return {
    action: (action: string) => (isAction(action) ? t(`actions.${action}`) : humanize(action)),
    objectType: (type: string | null) => (type === null ? "" : isObjectType(type) ? t(`objectTypes.${type}`) : humanize(type)),
  };
}

/** Known names for the filter's suggestions. */
export const KNOWN_ACTIONS = Object.keys(auditEn.actions);
export const KNOWN_OBJECT_TYPES = Object.keys(auditEn.objectTypes);
