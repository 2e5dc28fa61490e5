import { useEffect, useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Textarea } from "../../ui/textarea.tsx";
import { describedBy, type TypedInputProps } from "./control-props.ts";

const toText = (value: unknown): string => (value === null || value === undefined ? "" : JSON.stringify(value, null, 2));

function sameJson(text: string, value: unknown): boolean {
  if (text.trim() === "") return value === null || value === undefined;
  try {
    return JSON.stringify(JSON.parse(text)) === JSON.stringify(value);
  } catch {
    return false;
  }
}

/**
 * Any JSON value (json). Text that is not JSON yet is never sent as a string in disguise:
 * the field keeps its last valid value and says so until the text parses.
 */
export function JsonInput({
  value,
  onChange,
  ref,
  field: _field,
  "aria-invalid": invalid,
  "aria-describedby": ariaDescribedBy,
  ...control
}: TypedInputProps<unknown>) {
  const { t } = useTranslation();
  const messageId = useId();
  const [draft, setDraft] = useState(() => toText(value));
  const [broken, setBroken] = useState(false);
  const draftRef = useRef(draft);
  draftRef.current = draft;
  const emitted = useRef<unknown>(value);

  // A value from outside (a reset, another version) replaces the text; our own echo does not.
  useEffect(() => {
    if (Object.is(value, emitted.current) || sameJson(draftRef.current, value)) return;
    emitted.current = value;
    setDraft(toText(value));
    setBroken(false);
  }, [value]);

  const emit = (next: unknown) => {
    emitted.current = next;
    onChange(next);
  };

  return (
    <div className="grid gap-1">
      <Textarea
        {...control}
        ref={ref}
        rows={5}
        spellCheck={false}
        className="font-mono text-xs"
        aria-invalid={invalid || broken}
        aria-describedby={describedBy(ariaDescribedBy, broken ? messageId : undefined)}
        value={draft}
        onChange={(event) => {
          const text = event.target.value;
          setDraft(text);
          if (text.trim() === "") {
            setBroken(false);
            emit(null);
            return;
          }
          try {
            const parsed: unknown = JSON.parse(text);
            setBroken(false);
            emit(parsed);
          } catch {
            setBroken(true);
          }
        }}
      />
      {broken ? (
        <p id={messageId} className="text-sm text-destructive">
          {t("fields.invalidJson")}
        </p>
      ) : null}
    </div>
  );
}
