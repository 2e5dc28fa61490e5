import type { FieldDefinition, FieldType } from "@flexoffice/shared";
import { useCallback, useMemo, useState } from "react";
import { type BlueprintDetails, type Draft, type DraftField, newUid } from "../lib/draft.ts";
import { retypeField } from "../lib/field-edits.ts";
import { suggestFieldKey } from "../lib/suggest-key.ts";

export type DraftActions = {
  setDetails: (patch: Partial<BlueprintDetails>) => void;
  /** Replaces a field's definition (the editor computes the next one). */
  setField: (uid: string, update: (field: FieldDefinition) => FieldDefinition, options?: { keyTouched?: boolean }) => void;
  /** Sets the label; a new field's key follows it until the key was edited. */
  setLabel: (uid: string, label: string) => void;
  setType: (uid: string, type: FieldType) => void;
  /** Replaces the options and keeps track of which stored value each one had. */
  setOptions: (uid: string, options: NonNullable<FieldDefinition["options"]>, origins: (string | null)[]) => void;
  addField: (type: FieldType) => string;
  /** Removes a field; returns what puts it back where it was. */
  removeField: (uid: string) => () => void;
  moveField: (uid: string, delta: number) => void;
};

function keysExcept(fields: readonly DraftField[], uid: string): Set<string> {
  return new Set(fields.filter((f) => f.uid !== uid).map((f) => f.field.key));
}

/** The designer's working copy and the edits it allows, each keeping the draft consistent. */
export function useDraft(initial: () => Draft): [Draft, DraftActions] {
  const [draft, setDraft] = useState(initial);

  const patchField = useCallback((uid: string, patch: (item: DraftField, all: readonly DraftField[]) => DraftField) => {
    setDraft((current) => ({
      ...current,
      fields: current.fields.map((item) => (item.uid === uid ? patch(item, current.fields) : item)),
    }));
  }, []);

  const actions = useMemo<DraftActions>(
    () => ({
      setDetails: (patch) => setDraft((current) => ({ ...current, details: { ...current.details, ...patch } })),
      setField: (uid, update, options) =>
        patchField(uid, (item) => ({ ...item, field: update(item.field), keyTouched: options?.keyTouched ?? item.keyTouched })),
      setLabel: (uid, label) =>
        patchField(uid, (item, all) => ({
          ...item,
          field: {
            ...item.field,
            label,
            key: item.keyTouched ? item.field.key : suggestFieldKey(label, keysExcept(all, uid)),
          },
        })),
      setType: (uid, type) =>
        patchField(uid, (item) => {
          const field = retypeField(item.field, type);
          // Options kept across select types keep their origins; new ones have none.
          const optionOrigins = field.options === item.field.options ? item.optionOrigins : (field.options ?? []).map(() => null);
          return { ...item, field, optionOrigins };
        }),
      setOptions: (uid, options, origins) =>
        patchField(uid, (item) => ({ ...item, field: { ...item.field, options }, optionOrigins: origins })),
      addField: (type) => {
        const uid = newUid();
        const field = retypeField({ key: "", label: "", type: "text" }, type);
        setDraft((current) => ({
          ...current,
          fields: [
            ...current.fields,
            { uid, originalKey: null, optionOrigins: (field.options ?? []).map(() => null), field, keyTouched: false },
          ],
        }));
        return uid;
      },
      removeField: (uid) => {
        let removed: { item: DraftField; index: number } | null = null;
        setDraft((current) => {
          const index = current.fields.findIndex((f) => f.uid === uid);
          const item = current.fields[index];
          if (!item) return current;
          removed = { item, index };
          return { ...current, fields: current.fields.filter((f) => f.uid !== uid) };
        });
        return () =>
          setDraft((current) => {
            if (!removed || current.fields.some((f) => f.uid === uid)) return current;
            const fields = [...current.fields];
            fields.splice(Math.min(removed.index, fields.length), 0, removed.item);
            return { ...current, fields };
          });
      },
      moveField: (uid, delta) =>
        setDraft((current) => {
          const from = current.fields.findIndex((f) => f.uid === uid);
          const to = from + delta;
          if (from < 0 || to < 0 || to >= current.fields.length) return current;
          const fields = [...current.fields];
          const [item] = fields.splice(from, 1);
          if (item) fields.splice(to, 0, item);
          return { ...current, fields };
        }),
    }),
    [patchField],
  );
  return [draft, actions];
}
