import { useTranslation } from "react-i18next";
import type { FieldIssue } from "../lib/field-issues.ts";

/** Issues whose shared-schema message says more than the catalogue can (which option, which value). */
const SPECIFIC: ReadonlySet<FieldIssue["key"]> = new Set(["default", "notAllowed"]);

/**
 * The words for a draft problem in the current language. In English the shared schema's
 * own sentence is added where it is more precise than the catalogue's.
 */
export function useIssueText(): (issue: FieldIssue) => string {
  const { t, i18n } = useTranslation("blueprints");
  const english = (i18n.resolvedLanguage ?? "en").startsWith("en");
  return (issue) => {
    const text = t(`issues.${issue.key}`);
    if (!english || !SPECIFIC.has(issue.key) || !issue.detail) return text;
    return `${text} (${issue.detail})`;
  };
}
