import { useTranslation } from "react-i18next";
import type { FieldProblem } from "../../lib/field-problems.ts";

/** A field problem in the reader's language: the shared field words, or this feature's own. */
export function useProblemText(): (problem: FieldProblem) => string {
  const { t } = useTranslation(["translation", "entities"]);
  return (problem) =>
    problem.source === "fields"
      ? t(`translation:fields.validation.${problem.rule}`, problem.values ?? {})
      : t(`entities:form.validation.${problem.rule}`, problem.values ?? {});
}
