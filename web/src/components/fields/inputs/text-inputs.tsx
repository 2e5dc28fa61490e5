import type { FieldDefinition } from "@flexoffice/shared";
import { Input } from "../../ui/input.tsx";
import { Textarea } from "../../ui/textarea.tsx";
import type { TypedInputProps } from "./control-props.ts";

const INPUT_TYPES: Partial<
  Record<FieldDefinition["type"], { type: string; inputMode?: "email" | "url" | "tel"; autoComplete?: string }>
> = {
  email: { type: "email", inputMode: "email", autoComplete: "email" },
  url: { type: "url", inputMode: "url", autoComplete: "url" },
  phone: { type: "tel", inputMode: "tel", autoComplete: "tel" },
};

const asText = (value: unknown): string => (typeof value === "string" ? value : "");

/**
 * One line of text (text, email, url, phone). Emptying the box clears the value; spaces
 * around it stay as typed, the database trims them.
 */
export function TextInput({ field, value, onChange, ref, ...control }: TypedInputProps<unknown>) {
  const kind = INPUT_TYPES[field.type] ?? { type: "text", autoComplete: "off" };
  return (
    <Input
      {...control}
      ref={ref}
      type={kind.type}
      inputMode={kind.inputMode}
      autoComplete={kind.autoComplete}
      maxLength={field.max_length}
      placeholder={field.type === "url" ? "https://" : undefined}
      value={asText(value)}
      onChange={(event) => onChange(event.target.value === "" ? null : event.target.value)}
    />
  );
}

/** Several lines of text (long_text). */
export function LongTextInput({ field, value, onChange, ref, ...control }: TypedInputProps<unknown>) {
  return (
    <Textarea
      {...control}
      ref={ref}
      rows={4}
      maxLength={field.max_length}
      value={asText(value)}
      onChange={(event) => onChange(event.target.value === "" ? null : event.target.value)}
    />
  );
}
