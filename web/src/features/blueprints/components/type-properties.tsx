import { FIELD_PROPERTY_TYPES, type FieldDefinition, type FieldType } from "@flexoffice/shared";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { FieldInput, NumberBox } from "../../../components/fields/index.ts";
import { FormField } from "../../../components/ui/form-field.tsx";
import { Input } from "../../../components/ui/input.tsx";
import { Select } from "../../../components/ui/select.tsx";
import type { BlueprintSummary } from "../api/blueprints-query.ts";
import { withProperty } from "../lib/field-edits.ts";

type TypePropertiesProps = {
  field: FieldDefinition;
  onChange: (update: (field: FieldDefinition) => FieldDefinition) => void;
  errorFor: (property: string) => string | undefined;
  timeZone: string;
  /** Blueprints a reference field can point at (live ones of this tenant). */
  targets: readonly BlueprintSummary[];
};

const applies = (property: keyof typeof FIELD_PROPERTY_TYPES, type: FieldType) => FIELD_PROPERTY_TYPES[property].includes(type);

/** A whole-number or decimal property (bounds, lengths, precision); empty clears it. */
function NumberProperty(props: {
  label: string;
  hint?: string | undefined;
  value: unknown;
  integer?: boolean;
  error: string | undefined;
  onChange: (value: number | string | null) => void;
}) {
  return (
    <FormField label={props.label} hint={props.hint} error={props.error}>
      {(control) => <NumberBox {...control} integer={props.integer} value={props.value ?? null} onChange={props.onChange} />}
    </FormField>
  );
}

/** Currency codes as typed ("EUR, USD"), kept as text while typing and stored as a list. */
function CurrenciesProperty({
  field,
  onChange,
  error,
}: Pick<TypePropertiesProps, "field" | "onChange"> & { error?: string | undefined }) {
  const { t } = useTranslation("blueprints");
  const stored = field.currencies?.join(", ") ?? "";
  const [text, setText] = useState(stored);
  useEffect(() => {
    setText((current) =>
      current
        .split(/[\s,;]+/)
        .filter(Boolean)
        .join(", ")
        .toUpperCase() === stored
        ? current
        : stored,
    );
  }, [stored]);
  return (
    <FormField label={t("properties.currencies")} hint={t("properties.currenciesHint")} error={error}>
      {(control) => (
        <Input
          {...control}
          className="font-mono uppercase"
          spellCheck={false}
          value={text}
          onChange={(event) => {
            setText(event.target.value);
            const codes = event.target.value
              .toUpperCase()
              .split(/[\s,;]+/)
              .filter(Boolean);
            onChange((f) => withProperty(f, "currencies", codes.length > 0 ? [...new Set(codes)] : undefined));
          }}
        />
      )}
    </FormField>
  );
}

/** The bounds of a field: numbers, days, or instants on the tenant's clock, by type. */
function RangeProperties({ field, onChange, errorFor, timeZone }: Omit<TypePropertiesProps, "targets">) {
  const { t } = useTranslation("blueprints");
  const set = (bound: "min" | "max") => (value: unknown) => onChange((f) => withProperty(f, bound, value));
  const label = (bound: "min" | "max") =>
    field.type === "date" || field.type === "datetime" ? t(`properties.${bound}Date`) : t(`properties.${bound}Number`);
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      {(["min", "max"] as const).map((bound) =>
        field.type === "date" ? (
          <FormField key={bound} label={label(bound)} error={errorFor(bound)}>
            {(control) => (
              <Input
                {...control}
                type="date"
                value={typeof field[bound] === "string" ? (field[bound] as string) : ""}
                onChange={(event) => set(bound)(event.target.value)}
              />
            )}
          </FormField>
        ) : field.type === "datetime" ? (
          <FormField key={bound} label={label(bound)} error={errorFor(bound)}>
            {(control) => (
              <FieldInput
                {...control}
                field={{ key: bound, label: label(bound), type: "datetime" }}
                timeZone={timeZone}
                value={field[bound] ?? null}
                onChange={set(bound)}
              />
            )}
          </FormField>
        ) : (
          <NumberProperty
            key={bound}
            label={label(bound)}
            integer={field.type === "integer"}
            value={field[bound]}
            error={errorFor(bound)}
            onChange={set(bound)}
          />
        ),
      )}
    </div>
  );
}

/**
 * The settings only some types have: lengths and a pattern for text, bounds for numbers
 * and dates, digits for decimals, the allowed currencies, and what a reference points at.
 * Options have their own editor.
 */
export function TypeProperties(props: TypePropertiesProps) {
  const { field, onChange, errorFor, targets } = props;
  const { t } = useTranslation("blueprints");
  const set = (property: keyof FieldDefinition) => (value: unknown) => onChange((f) => withProperty(f, property, value));
  const choices = field.type === "multi_select";
  const sections = [];

  if (applies("min_length", field.type)) {
    sections.push(
      <div key="lengths" className="grid gap-4 sm:grid-cols-2">
        <NumberProperty
          label={choices ? t("properties.minChoices") : t("properties.minLength")}
          integer
          value={field.min_length}
          error={errorFor("min_length")}
          onChange={set("min_length")}
        />
        <NumberProperty
          label={choices ? t("properties.maxChoices") : t("properties.maxLength")}
          integer
          value={field.max_length}
          error={errorFor("max_length")}
          onChange={set("max_length")}
        />
      </div>,
    );
  }
  if (applies("pattern", field.type)) {
    sections.push(
      <FormField key="pattern" label={t("properties.pattern")} hint={t("properties.patternHint")} error={errorFor("pattern")}>
        {(control) => (
          <Input
            {...control}
            className="font-mono"
            spellCheck={false}
            maxLength={200}
            value={field.pattern ?? ""}
            onChange={(event) => set("pattern")(event.target.value)}
          />
        )}
      </FormField>,
    );
  }
  if (applies("precision", field.type)) {
    sections.push(
      <div key="digits" className="grid gap-4 sm:grid-cols-2">
        <NumberProperty
          label={t("properties.precision")}
          hint={t("properties.precisionHint")}
          integer
          value={field.precision}
          error={errorFor("precision")}
          onChange={set("precision")}
        />
        <NumberProperty
          label={t("properties.scale")}
          hint={t("properties.scaleHint")}
          integer
          value={field.scale}
          error={errorFor("scale")}
          onChange={set("scale")}
        />
      </div>,
    );
  }
  if (applies("min", field.type)) sections.push(<RangeProperties key="range" {...props} />);
  if (applies("currencies", field.type)) {
    sections.push(<CurrenciesProperty key="currencies" field={field} onChange={onChange} error={errorFor("currencies")} />);
  }
  if (field.type === "reference") {
    const target = field.reference?.blueprint_id ?? "";
    sections.push(
      <div key="reference" className="grid gap-4 sm:grid-cols-2">
        <FormField label={t("properties.target")} hint={t("properties.targetHint")} error={errorFor("reference")}>
          {(control) => (
            <Select
              {...control}
              value={target}
              onChange={(event) =>
                onChange((f) =>
                  withProperty(
                    f,
                    "reference",
                    event.target.value ? { ...f.reference, blueprint_id: event.target.value } : undefined,
                  ),
                )
              }
            >
              <option value="">{t("properties.targetNone")}</option>
              {targets.map((blueprint) => (
                <option key={blueprint.id} value={blueprint.id}>
                  {blueprint.name}
                </option>
              ))}
            </Select>
          )}
        </FormField>
        <FormField label={t("properties.onDelete")} error={undefined}>
          {(control) => (
            <Select
              {...control}
              disabled={!target}
              value={field.reference?.on_delete ?? "restrict"}
              onChange={(event) =>
                onChange((f) =>
                  f.reference
                    ? { ...f, reference: { ...f.reference, on_delete: event.target.value as "restrict" | "set_null" } }
                    : f,
                )
              }
            >
              <option value="restrict">{t("properties.onDeleteRestrict")}</option>
              <option value="set_null">{t("properties.onDeleteSetNull")}</option>
            </Select>
          )}
        </FormField>
      </div>,
    );
  }
  if (sections.length === 0) return null;
  return <div className="grid gap-4">{sections}</div>;
}
