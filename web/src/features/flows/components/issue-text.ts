import { useTranslation } from "react-i18next";
import type { DraftIssue } from "../lib/issues.ts";

/** A problem as a sentence: the catalogue's words for a check, the database's (already human) message as is. */
export function useIssueText(): (issue: DraftIssue | undefined) => string | undefined {
  const { t } = useTranslation(["flows", "translation"]);
  return (issue) => {
    if (!issue) return undefined;
    if ("code" in issue) return t(`validation.${issue.code}`);
    if ("field" in issue) return t(`translation:fields.validation.${issue.field.rule}`, issue.field.values ?? {});
    return issue.message;
  };
}
