import type { EffectiveFieldType, VariableName } from "@flexoffice/shared";
import { FILTER_LIMITS } from "@flexoffice/shared";
import type { TFunction } from "i18next";
import { X } from "lucide-react";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { Button } from "../ui/button.tsx";
import { cn } from "../ui/cn.ts";
import { Select } from "../ui/select.tsx";
import { operatorLabel } from "./describe-filter.ts";
import {
  type BuilderField,
  type DraftCondition,
  type NodeProblem,
  operatorsFor,
  type UiOperator,
  variableFitsOperator,
  withField,
  withOperator,
} from "./filter-tree.ts";
import { ValueEditor } from "./value-editor.tsx";

export type BuilderVariable = { name: VariableName; label: string };

/** A problem of a node in words, with the limits it refers to. */
export function problemText(t: TFunction, problem: NodeProblem): string {
  if (problem.kind === "incomplete") return t(`filterBuilder.incomplete.${problem.missing}`);
  const max = problem.rule === "list_size" ? FILTER_LIMITS.maxInValues : FILTER_LIMITS.maxTextLength;
  return t(`filterBuilder.rules.${problem.rule}`, {
    depth: FILTER_LIMITS.maxDepth,
    conditions: FILTER_LIMITS.maxConditions,
    items: FILTER_LIMITS.maxGroupItems,
    max,
  });
}

type ConditionEditorProps = {
  condition: DraftCondition;
  number: number;
  fields: readonly BuilderField[];
  variables?: readonly BuilderVariable[];
  problem: NodeProblem | undefined;
  /** Moves focus to the field control once, right after the condition was added. */
  focusOnMount: boolean;
  onChange: (next: DraftCondition) => void;
  onRemove: () => void;
};

/** One condition: field, comparison, what to compare with (a value or a variable), and remove. */
export function ConditionEditor({
  condition,
  number,
  fields,
  variables,
  problem,
  focusOnMount,
  onChange,
  onRemove,
}: ConditionEditorProps) {
  const { t } = useTranslation();
  const fieldRef = useRef<HTMLSelectElement>(null);
  useEffect(() => {
    if (focusOnMount) fieldRef.current?.focus();
  }, [focusOnMount]);

  const field = fields.find((candidate) => candidate.key === condition.field);
  const type: EffectiveFieldType = field?.type ?? "text";
  const operators = field ? operatorsFor(field.type) : [];
  const fitting =
    field && condition.operator !== ""
      ? (variables ?? []).filter((variable) => variableFitsOperator(variable.name, type, condition.operator))
      : [];
  const problemId = `${condition.id}-problem`;
  const isRule = problem?.kind === "rule";
  const invalid = (part: "field" | "operator" | "value") =>
    isRule
      ? part === "field"
        ? problem.rule === "unknown_field"
        : part === "operator"
          ? problem.rule === "operator"
          : true
      : false;
  const control = (part: "field" | "operator" | "value") => ({
    "aria-describedby": problem ? problemId : undefined,
    "aria-invalid": invalid(part) || (problem?.kind === "incomplete" && problem.missing === part) || undefined,
  });

  return (
    <li className="grid gap-1.5">
      <div className="grid grid-cols-[minmax(0,1fr)_auto] items-start gap-2">
        <div className="flex min-w-0 flex-wrap items-start gap-2">
          <Select
            ref={fieldRef}
            aria-label={t("filterBuilder.fieldLabel", { number })}
            className="w-full sm:w-44"
            value={condition.field}
            onChange={(event) =>
              onChange(
                withField(
                  condition,
                  fields.find((f) => f.key === event.target.value),
                ),
              )
            }
            {...control("field")}
          >
            <option value="">{t("filterBuilder.chooseField")}</option>
            {field || condition.field === "" ? null : <option value={condition.field}>{condition.field}</option>}
            {fields.map((candidate) => (
              <option key={candidate.key} value={candidate.key}>
                {candidate.label}
              </option>
            ))}
          </Select>
          {field ? (
            <Select
              aria-label={t("filterBuilder.operatorLabel", { number })}
              className="w-full sm:w-48"
              value={condition.operator}
              onChange={(event) => onChange(withOperator(condition, event.target.value as UiOperator, type))}
              {...control("operator")}
            >
              {condition.operator === "" || operators.includes(condition.operator) ? null : (
                <option value={condition.operator}>{operatorLabel(t, condition.operator, type)}</option>
              )}
              {operators.map((operator) => (
                <option key={operator} value={operator}>
                  {operatorLabel(t, operator, type)}
                </option>
              ))}
            </Select>
          ) : null}
          {fitting.length > 0 ? (
            <Select
              aria-label={t("filterBuilder.sourceLabel", { number })}
              className="w-full sm:w-48"
              value={condition.variable}
              onChange={(event) => onChange({ ...condition, variable: event.target.value as VariableName | "" })}
              {...control("value")}
            >
              <option value="">{t("filterBuilder.aValue")}</option>
              {fitting.map((variable) => (
                <option key={variable.name} value={variable.name}>
                  {variable.label}
                </option>
              ))}
            </Select>
          ) : null}
          {field ? (
            <div className="min-w-40 flex-1">
              <ValueEditor
                condition={condition}
                field={field}
                number={number}
                control={control("value")}
                onChange={(patch) => onChange({ ...condition, ...patch })}
              />
            </div>
          ) : null}
        </div>
        <Button
          variant="ghost"
          size="icon"
          aria-label={t("filterBuilder.removeCondition", { number })}
          onClick={onRemove}
          className="shrink-0"
        >
          <X aria-hidden="true" className="size-4" />
        </Button>
      </div>
      {problem ? (
        <p id={problemId} className={cn("text-xs", isRule ? "text-destructive" : "text-muted-foreground")}>
          {problemText(t, problem)}
        </p>
      ) : null}
    </li>
  );
}
