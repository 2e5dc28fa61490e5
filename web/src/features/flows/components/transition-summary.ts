import { useTranslation } from "react-i18next";
import { describeFilter } from "../../../components/filter-builder/filter-builder.tsx";
import type { TransitionDraft, UpdateDraft } from "../lib/draft.ts";
import { isArithmetic } from "../lib/update-kinds.ts";
import { useFlowEditor } from "./editor-context.tsx";
import { useGuardFields } from "./guard-fields.ts";

/** A value as one short piece of text for a summary line. */
function valueText(value: unknown): string {
  if (value === undefined || value === null) return "—";
  if (typeof value === "string") return `“${value}”`;
  return JSON.stringify(value);
}

/**
 * What a transition does, in one line per part ("only when …", "Started at = now", "asks for 1 input"), for
 * the list view, where the canvas shows only names.
 */
export function useTransitionSummary(): (transition: TransitionDraft) => string[] {
  const { t } = useTranslation("flows");
  const { t: tc } = useTranslation();
  const { design } = useFlowEditor();
  const { builder } = useGuardFields();
  const fieldLabel = (key: string) => design.fields.find((f) => f.key === key)?.label ?? key;
  const updateText = (update: UpdateDraft, transition: TransitionDraft): string => {
    const field = fieldLabel(update.field);
    switch (update.kind) {
      case "now":
      case "current_user":
        return t(`summary.${update.kind}`, { field });
      case "literal":
        return t("summary.literal", { field, value: valueText(update.value) });
      case "copy":
        return t("summary.copy", { field, from: fieldLabel(update.from) });
      case "input":
        return t("summary.input", {
          field,
          from: transition.inputs.find((i) => i.key === update.from)?.label ?? update.from,
        });
      default:
        if (!isArithmetic(update.kind)) return field;
        return t(`summary.${update.kind}`, {
          field,
          by: update.source === "field" ? fieldLabel(update.from) : update.operand,
        });
    }
  };
  return (transition) => {
    const parts = transition.updates.map((u) => updateText(u, transition));
    if (transition.guard) parts.unshift(t("summary.guard", { condition: describeFilter(transition.guard, builder, tc) }));
    if (transition.inputs.length > 0) parts.push(t("summary.inputs", { count: transition.inputs.length }));
    return parts;
  };
}
