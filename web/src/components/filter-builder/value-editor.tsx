import type { EffectiveFieldType } from "@flexoffice/shared";
import { useId } from "react";
import { useTranslation } from "react-i18next";
import { Checkbox } from "../ui/checkbox.tsx";
import { Input } from "../ui/input.tsx";
import { Label } from "../ui/label.tsx";
import { Select } from "../ui/select.tsx";
import { Textarea } from "../ui/textarea.tsx";
import type { BuilderField, DraftCondition } from "./filter-tree.ts";
import { valueShape } from "./filter-tree.ts";

type ControlProps = {
  "aria-describedby"?: string | undefined;
  "aria-invalid"?: boolean;
};

type ValueEditorProps = {
  condition: DraftCondition;
  field: BuilderField;
  number: number;
  control: ControlProps;
  onChange: (patch: Partial<DraftCondition>) => void;
};

/** Input attributes that fit a field type: the browser's own date, number and email controls. */
function inputKind(type: EffectiveFieldType): { type: string; step?: string; inputMode?: "decimal" | "numeric" } {
  switch (type) {
    case "number":
    case "currency":
      return { type: "number", step: "any", inputMode: "decimal" };
    case "integer":
      return { type: "number", step: "1", inputMode: "numeric" };
    case "date":
      return { type: "date" };
    case "datetime":
      return { type: "datetime-local" };
    case "email":
      return { type: "email" };
    case "url":
      return { type: "url" };
    case "phone":
      return { type: "tel" };
    default:
      return { type: "text" };
  }
}

const ID_TYPES: readonly EffectiveFieldType[] = ["member", "reference", "id"];

/** One value: a choice for options and booleans, otherwise the input that fits the type. */
function SingleValue({
  field,
  value,
  label,
  control,
  onChange,
}: {
  field: BuilderField;
  value: string;
  label: string;
  control: ControlProps;
  onChange: (value: string) => void;
}) {
  const { t } = useTranslation();
  const options = field.options ?? [];
  if (field.type === "boolean") {
    return (
      <Select aria-label={label} value={value} onChange={(event) => onChange(event.target.value)} {...control}>
        <option value="">{t("filterBuilder.chooseOption")}</option>
        <option value="true">{t("filterBuilder.yes")}</option>
        <option value="false">{t("filterBuilder.no")}</option>
      </Select>
    );
  }
  if (options.length > 0) {
    const known = value === "" || options.some((option) => option.value === value);
    return (
      <Select aria-label={label} value={value} onChange={(event) => onChange(event.target.value)} {...control}>
        <option value="">{t("filterBuilder.chooseOption")}</option>
        {known ? null : <option value={value}>{value}</option>}
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </Select>
    );
  }
  const kind = inputKind(field.type);
  return (
    <Input
      aria-label={label}
      value={value}
      onChange={(event) => onChange(event.target.value)}
      placeholder={ID_TYPES.includes(field.type) ? t("filterBuilder.idPlaceholder") : undefined}
      spellCheck={false}
      {...kind}
      {...control}
    />
  );
}

/** Several values: checkboxes for options, one value per line otherwise. */
function ListValue({
  field,
  list,
  number,
  control,
  onChange,
}: {
  field: BuilderField;
  list: string[];
  number: number;
  control: ControlProps;
  onChange: (list: string[]) => void;
}) {
  const { t } = useTranslation();
  const baseId = useId();
  const options = field.type === "boolean" ? [] : (field.options ?? []);
  const label = t("filterBuilder.valuesLabel", { number });
  if (options.length > 0) {
    const chosen = new Set(list);
    const unknown = list.filter((value) => !options.some((option) => option.value === value));
    const all = [...options, ...unknown.map((value) => ({ value, label: value }))];
    return (
      <fieldset
        className="grid max-h-44 gap-2 overflow-y-auto rounded-md border border-input bg-card p-2"
        aria-describedby={control["aria-describedby"]}
        aria-invalid={control["aria-invalid"]}
      >
        <legend className="sr-only">{label}</legend>
        {all.map((option, index) => {
          const id = `${baseId}-${index}`;
          return (
            <div key={option.value} className="flex items-center gap-2">
              <Checkbox
                id={id}
                checked={chosen.has(option.value)}
                onCheckedChange={(checked) =>
                  onChange(checked === true ? [...list, option.value] : list.filter((value) => value !== option.value))
                }
              />
              <Label htmlFor={id} className="font-normal">
                {option.label}
              </Label>
            </div>
          );
        })}
      </fieldset>
    );
  }
  return (
    <div className="grid gap-1">
      <Textarea
        aria-label={label}
        rows={3}
        value={list.join("\n")}
        onChange={(event) => onChange(event.target.value.split("\n"))}
        spellCheck={false}
        className="min-h-16"
        {...control}
      />
      <p className="text-xs text-muted-foreground">{t("filterBuilder.listHint")}</p>
    </div>
  );
}

/** The value controls of a condition, shaped by its comparison: none, one, a range or a list. */
export function ValueEditor({ condition, field, number, control, onChange }: ValueEditorProps) {
  const { t } = useTranslation();
  if (condition.operator === "" || condition.variable !== "") return null;
  const shape = valueShape(condition.operator);
  if (shape === "none") return null;
  if (shape === "list") {
    return (
      <ListValue field={field} list={condition.list} number={number} control={control} onChange={(list) => onChange({ list })} />
    );
  }
  if (shape === "range") {
    return (
      <div className="flex min-w-0 flex-wrap items-center gap-2">
        <div className="min-w-32 flex-1">
          <SingleValue
            field={field}
            value={condition.low}
            label={t("filterBuilder.lowLabel", { number })}
            control={control}
            onChange={(low) => onChange({ low })}
          />
        </div>
        <span className="text-sm text-muted-foreground">{t("filterBuilder.rangeAnd")}</span>
        <div className="min-w-32 flex-1">
          <SingleValue
            field={field}
            value={condition.high}
            label={t("filterBuilder.highLabel", { number })}
            control={control}
            onChange={(high) => onChange({ high })}
          />
        </div>
      </div>
    );
  }
  return (
    <SingleValue
      field={field}
      value={condition.text}
      label={t("filterBuilder.valueLabel", { number })}
      control={control}
      onChange={(text) => onChange({ text })}
    />
  );
}
