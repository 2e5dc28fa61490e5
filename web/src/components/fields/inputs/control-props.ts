import type { FieldDefinition } from "@flexoffice/shared";

/** An entry a reference or member field can point at. */
export type LookupOption = { id: string; label: string };

/** Loads what a reference field (entities of its blueprint) or a member field (members of the tenant) may hold. */
export type LookupOptions = (field: FieldDefinition, search: string) => Promise<LookupOption[]>;

/** The label of an entry already chosen, when the form only holds its id. */
export type LookupLabel = (field: FieldDefinition, id: string) => Promise<string | undefined> | string | undefined;

/** What FormField's render prop hands a control, plus the usual form wiring. */
export type ControlProps = {
  id?: string;
  "aria-invalid"?: boolean;
  "aria-describedby"?: string;
  disabled?: boolean;
  name?: string;
  onBlur?: () => void;
  /** The element that takes focus when the form points at this field (react-hook-form's `field.ref`). */
  ref?: (element: HTMLElement | null) => void;
};

/** A typed input of one field: the stored value in, the stored value (or `null` for empty) out. */
export type TypedInputProps<V> = ControlProps & {
  field: FieldDefinition;
  value: V;
  onChange: (value: unknown) => void;
};

/** Joins describedby ids, leaving out the empty ones. */
export function describedBy(...ids: (string | undefined)[]): string | undefined {
  return ids.filter(Boolean).join(" ") || undefined;
}
