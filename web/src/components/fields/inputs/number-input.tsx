import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Input } from "../../ui/input.tsx";
import { numberInputText, parseNumberInput } from "../lib/conversions.ts";
import type { ControlProps } from "./control-props.ts";

type NumberBoxProps = ControlProps & {
  /** The stored number, `null`, or text that did not read as a number (kept so the person can fix it). */
  value: unknown;
  /** A number, `null` for an empty box, or the text as typed when it is no number (the form and the database refuse it). */
  onChange: (value: number | string | null) => void;
  integer?: boolean;
  className?: string;
};

/** Whether the text in the box already stands for the value, so a re-render must not rewrite what is being typed. */
function draftMatches(draft: string, value: unknown): boolean {
  const parsed = parseNumberInput(draft);
  if (parsed === undefined) return typeof value === "string" && value === draft;
  return parsed === value || (parsed === null && (value === null || value === undefined));
}

/**
 * A number box that accepts "12.5" and "12,5". It keeps its own text while typing ("12,"
 * is on its way to 12.5) and only takes the value again when it changed from outside.
 */
export function NumberBox({ value, onChange, integer = false, ref, ...control }: NumberBoxProps) {
  const { i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? "en";
  const [draft, setDraft] = useState(() => numberInputText(value, language));

  useEffect(() => {
    setDraft((current) => (draftMatches(current, value) ? current : numberInputText(value, language)));
  }, [value, language]);

  return (
    <Input
      {...control}
      ref={ref}
      inputMode={integer ? "numeric" : "decimal"}
      autoComplete="off"
      value={draft}
      onChange={(event) => {
        const text = event.target.value;
        setDraft(text);
        const parsed = parseNumberInput(text);
        onChange(parsed === undefined ? text : parsed);
      }}
    />
  );
}
