import type { FieldDefinition } from "@flexoffice/shared";
import type { EntityAccess } from "../api/access-query.ts";
import { canRead, canWrite } from "./field-access.ts";

/** Why a field is shown but cannot be changed here, or what fills it when left empty. */
export type FieldNote = "readOnly" | "preset" | "flow" | "defaultNow" | "defaultMe";

/** One field as the form shows it. */
export type FormFieldSpec = {
  field: FieldDefinition;
  editable: boolean;
  /** Must be filled in here: required, and nothing else (a default, a preset) fills it. */
  required: boolean;
  note: FieldNote | null;
};

/**
 * Which fields a form shows and how. Hidden fields (not readable; on create, also not
 * writable) are left out entirely; readable fields the member cannot write are shown
 * disabled with the reason. On edit, the flow's state field is changed by transitions only.
 */
export function formFieldSpecs(
  mode: "create" | "edit",
  fields: readonly FieldDefinition[],
  access: EntityAccess,
  stateField: string | null,
): FormFieldSpec[] {
  const specs: FormFieldSpec[] = [];
  for (const field of fields) {
    const readable = canRead(access, field.key);
    if (mode === "create") {
      const writable = canWrite(access, "create", field.key);
      if (!readable && !writable) continue;
      const preset = access.presetOnCreate.has(field.key);
      const editable = writable && !preset;
      const fallback = field.default?.kind;
      const note: FieldNote | null = preset
        ? "preset"
        : !writable
          ? "readOnly"
          : fallback === "now"
            ? "defaultNow"
            : fallback === "current_user"
              ? "defaultMe"
              : null;
      specs.push({ field, editable, required: editable && Boolean(field.required) && fallback === undefined, note });
    } else {
      if (!readable) continue;
      const flowDriven = field.key === stateField;
      const editable = canWrite(access, "update", field.key) && !flowDriven;
      const note: FieldNote | null = flowDriven ? "flow" : editable ? null : "readOnly";
      specs.push({ field, editable, required: editable && Boolean(field.required), note });
    }
  }
  return specs;
}
