import type { FieldOption } from "@flexoffice/shared";
import { ArrowDown, ArrowUp, Plus, Trash2 } from "lucide-react";
import { useTranslation } from "react-i18next";
import { OPTION_COLORS, optionDotClass } from "../../../components/fields/index.ts";
import { Button } from "../../../components/ui/button.tsx";
import { cn } from "../../../components/ui/cn.ts";
import { Input } from "../../../components/ui/input.tsx";
import { Select } from "../../../components/ui/select.tsx";
import { suggestOptionValue } from "../lib/field-edits.ts";

type OptionsEditorProps = {
  options: FieldOption[];
  /** Per option, its value in the saved version (null: new), so an edited value becomes a rename. */
  origins: (string | null)[];
  onChange: (options: FieldOption[], origins: (string | null)[]) => void;
  /** The option values of the saved version (none for a new field). */
  savedValues: readonly string[];
  error?: string | undefined;
  errorId: string;
  fieldLabel: string;
};

/**
 * The choices of a select or status field: value (what is stored), label (what people
 * read) and colour, in order. A saved option's value can be edited: saving renames the
 * value in every entity. Removing one makes entities holding it fail their migration
 * until someone picks another value, which the migration check lists.
 */
export function OptionsEditor({ options, origins, onChange, savedValues, error, errorId, fieldLabel }: OptionsEditorProps) {
  const { t } = useTranslation("blueprints");
  const { t: tc } = useTranslation();
  const update = (index: number, patch: Partial<FieldOption>) => {
    const current = options[index];
    if (!current) return;
    const next = { ...current, ...patch };
    // A new option's value follows its label until the value is typed.
    if (patch.label !== undefined && origins[index] === null && current.value === suggestOptionValue(current.label ?? "")) {
      next.value = suggestOptionValue(patch.label);
    }
    onChange(
      options.map((option, i) => (i === index ? next : option)),
      origins,
    );
  };
  const move = (index: number, delta: number) => {
    const to = index + delta;
    if (to < 0 || to >= options.length) return;
    const nextOptions = [...options];
    const nextOrigins = [...origins];
    nextOptions.splice(to, 0, ...nextOptions.splice(index, 1));
    nextOrigins.splice(to, 0, ...nextOrigins.splice(index, 1));
    onChange(nextOptions, nextOrigins);
  };
  const remove = (index: number) =>
    onChange(
      options.filter((_, i) => i !== index),
      origins.filter((_, i) => i !== index),
    );
  const renamed = options.some((option, i) => origins[i] !== null && origins[i] !== undefined && origins[i] !== option.value);
  const removedSaved = savedValues.some((value) => !origins.includes(value));

  return (
    <fieldset className="@container grid gap-2" aria-describedby={error ? errorId : undefined}>
      <legend className="mb-1 text-sm font-medium">{t("options.title")}</legend>
      <div className="hidden grid-cols-[minmax(0,1fr)_minmax(0,1fr)_9rem_auto] gap-2 text-xs font-medium text-muted-foreground @xl:grid">
        <span>{t("options.label")}</span>
        <span>{t("options.value")}</span>
        <span>{t("options.color")}</span>
        <span className="sr-only">{t("options.actions")}</span>
      </div>
      <ol className="grid gap-2">
        {options.map((option, index) => {
          const position = { n: index + 1, field: fieldLabel };
          return (
            <li
              // biome-ignore lint/suspicious/noArrayIndexKey: options have no id of their own; the position is their identity while editing
              key={index}
              className="grid grid-cols-2 gap-2 border-b pb-2 last:border-b-0 @xl:grid-cols-[minmax(0,1fr)_minmax(0,1fr)_9rem_auto] @xl:border-b-0 @xl:pb-0"
            >
              <Input
                aria-label={t("options.labelOf", position)}
                value={option.label ?? ""}
                maxLength={100}
                placeholder={option.value || t("options.labelPlaceholder")}
                onChange={(event) => update(index, { label: event.target.value })}
              />
              <Input
                aria-label={t("options.valueOf", position)}
                aria-invalid={Boolean(error) && option.value.trim() === ""}
                className="font-mono"
                placeholder={t("options.value")}
                value={option.value}
                maxLength={100}
                spellCheck={false}
                onChange={(event) => update(index, { value: event.target.value })}
              />
              <div className="flex items-center gap-2">
                <span aria-hidden="true" className={cn("size-3 shrink-0 rounded-full", optionDotClass(option.color))} />
                <Select
                  aria-label={t("options.colorOf", position)}
                  value={option.color ?? ""}
                  onChange={(event) => update(index, { color: event.target.value || undefined })}
                >
                  <option value="">{t("options.noColor")}</option>
                  {OPTION_COLORS.map((color) => (
                    <option key={color} value={color}>
                      {tc(`fields.colors.${color}`)}
                    </option>
                  ))}
                </Select>
              </div>
              <div className="flex items-center gap-1">
                <Button
                  variant="ghost"
                  size="icon"
                  className="size-9"
                  disabled={index === 0}
                  aria-label={t("options.moveUp", position)}
                  onClick={() => move(index, -1)}
                >
                  <ArrowUp aria-hidden="true" className="size-4" />
                </Button>
                <Button
                  variant="ghost"
                  size="icon"
                  className="size-9"
                  disabled={index === options.length - 1}
                  aria-label={t("options.moveDown", position)}
                  onClick={() => move(index, 1)}
                >
                  <ArrowDown aria-hidden="true" className="size-4" />
                </Button>
                <Button
                  variant="ghost"
                  size="icon"
                  className="size-9"
                  aria-label={t("options.remove", position)}
                  onClick={() => remove(index)}
                >
                  <Trash2 aria-hidden="true" className="size-4" />
                </Button>
              </div>
            </li>
          );
        })}
      </ol>
      <div>
        <Button variant="outline" size="sm" onClick={() => onChange([...options, { value: "" }], [...origins, null])}>
          <Plus aria-hidden="true" className="size-4" />
          {t("options.add")}
        </Button>
      </div>
      {renamed ? <p className="text-xs text-muted-foreground">{t("options.renameNote")}</p> : null}
      {removedSaved ? <p className="text-xs text-muted-foreground">{t("options.removeNote")}</p> : null}
      {error ? (
        <p id={errorId} className="text-sm text-destructive">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
