import type { FieldDefinition } from "@flexoffice/shared";
import { type KeyboardEvent, useEffect, useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { checkFieldInput, FieldInput, type LookupLabel, type LookupOptions } from "../../../../components/fields/index.ts";
import { Button } from "../../../../components/ui/button.tsx";

export type CellEditorProps = {
  field: FieldDefinition;
  value: unknown;
  timeZone: string;
  referenceOptions?: LookupOptions;
  referenceLabel?: LookupLabel;
  /** Saves the value; answers the message to show when it was refused, or null once saved. */
  onSave: (value: unknown) => Promise<string | null>;
  onCancel: () => void;
};

const FOCUSABLE = "input, textarea, select, button, [tabindex]:not([tabindex='-1'])";

/**
 * The in-place editor of one cell: the field's own control, checked as the form checks it,
 * saved with Enter (Ctrl+Enter in a long text) and dropped with Escape. Keys stay inside it,
 * so the grid's arrow-key navigation does not move while typing.
 */
export function CellEditor({ field, value, timeZone, referenceOptions, referenceLabel, onSave, onCancel }: CellEditorProps) {
  const { t } = useTranslation(["entities", "translation"]);
  const id = useId();
  const root = useRef<HTMLDivElement>(null);
  const [draft, setDraft] = useState<unknown>(value ?? null);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    root.current?.querySelector<HTMLElement>(FOCUSABLE)?.focus();
  }, []);

  const save = async () => {
    if (JSON.stringify(draft ?? null) === JSON.stringify(value ?? null)) {
      onCancel();
      return;
    }
    const problem = checkFieldInput(field, draft);
    if (problem) {
      setError(t(`translation:fields.validation.${problem.rule}`, problem.values ?? {}));
      return;
    }
    setSaving(true);
    const refusal = await onSave(draft ?? null);
    setSaving(false);
    if (refusal) setError(refusal);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    event.stopPropagation();
    const target = event.target as HTMLElement;
    if (event.key === "Escape") {
      event.preventDefault();
      onCancel();
    } else if (event.key === "Enter" && target.tagName !== "BUTTON") {
      const multiline = target.tagName === "TEXTAREA";
      if (multiline && !(event.ctrlKey || event.metaKey)) return;
      event.preventDefault();
      void save();
    }
  };

  const hintId = `${id}-hint`;
  return (
    // biome-ignore lint/a11y/useSemanticElements: a group of controls inside a grid cell; a fieldset would add a legend box
    <div
      ref={root}
      role="group"
      aria-label={t("grid.edit.label", { label: field.label })}
      onKeyDown={onKeyDown}
      onDoubleClick={(event) => event.stopPropagation()}
      className="grid w-80 max-w-[80vw] gap-2 rounded-lg border bg-popover p-3 text-popover-foreground shadow-lg"
    >
      <label htmlFor={id} className="text-xs font-medium">
        {field.label}
      </label>
      <FieldInput
        id={id}
        field={field}
        value={draft}
        onChange={(next) => {
          setDraft(next);
          setError(null);
        }}
        timeZone={timeZone}
        referenceOptions={referenceOptions}
        referenceLabel={referenceLabel}
        aria-invalid={error !== null}
        aria-describedby={hintId}
        disabled={saving}
      />
      <p
        id={hintId}
        className={error ? "text-sm text-destructive" : "text-xs text-muted-foreground"}
        role={error ? "alert" : undefined}
      >
        {error ?? (field.type === "long_text" ? t("grid.edit.hintLong") : t("grid.edit.hint"))}
      </p>
      <div className="flex justify-end gap-2">
        <Button size="sm" variant="ghost" onClick={onCancel} disabled={saving}>
          {t("grid.edit.cancel")}
        </Button>
        <Button size="sm" onClick={() => void save()} loading={saving}>
          {t("grid.edit.save")}
        </Button>
      </div>
    </div>
  );
}
