import type { FieldDefinition } from "@flexoffice/shared";
import { useMemo } from "react";
import type { FilterBuilderField } from "../../../components/filter-builder/filter-builder.tsx";
import { type FlowDraft, statusFieldFrom } from "../lib/draft.ts";
import { useFlowEditor } from "./editor-context.tsx";

/**
 * The blueprint's fields as a guard sees them once the draft is saved: the status field
 * offers the draft's states, so a condition may name a state added a moment ago.
 */
export function fieldsWithDraftStates(
  fields: readonly FieldDefinition[],
  statusKey: string | undefined,
  draft: FlowDraft,
): FieldDefinition[] {
  return fields.map((field) => (field.key === statusKey ? statusFieldFrom(field, draft) : field));
}

/** Those fields in the shape the shared condition builder takes. */
export function useGuardFields(): { definitions: FieldDefinition[]; builder: FilterBuilderField[] } {
  const { design, draft } = useFlowEditor();
  return useMemo(() => {
    const definitions = fieldsWithDraftStates(design.fields, design.statusField?.key, draft);
    const builder = definitions.map((field) => ({
      key: field.key,
      label: field.label,
      type: field.type,
      ...(field.options ? { options: field.options.map((o) => ({ value: o.value, label: o.label ?? o.value })) } : {}),
    }));
    return { definitions, builder };
  }, [design.fields, design.statusField?.key, draft]);
}
