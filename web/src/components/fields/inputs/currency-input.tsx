import type { FieldDefinition } from "@flexoffice/shared";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Input } from "../../ui/input.tsx";
import { Select } from "../../ui/select.tsx";
import type { TypedInputProps } from "./control-props.ts";
import { NumberBox } from "./number-input.tsx";

type MoneyDraft = { amount: unknown; currency: string };

function asMoney(value: unknown): MoneyDraft | null {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return null;
  const { amount, currency } = value as Record<string, unknown>;
  return { amount, currency: typeof currency === "string" ? currency : "" };
}

/** The currency a new amount gets: the default's, else the first allowed one, else euros. */
export function defaultCurrency(field: FieldDefinition): string {
  const fallback = field.default?.kind === "literal" ? asMoney(field.default.value)?.currency : undefined;
  return fallback || field.currencies?.[0] || "EUR";
}

/**
 * An amount and its currency (currency), stored as `{amount, currency}`. The field's label
 * names the amount box; the currency picker has its own label. An empty amount clears the value.
 */
export function CurrencyInput({ field, value, onChange, ...control }: TypedInputProps<unknown>) {
  const { t } = useTranslation();
  const money = asMoney(value);
  const [currency, setCurrency] = useState(() => money?.currency || defaultCurrency(field));
  const stored = money?.currency;
  useEffect(() => {
    if (stored) setCurrency(stored);
  }, [stored]);

  const emit = (amount: unknown, code: string) =>
    onChange(amount === null || amount === undefined ? null : { amount, currency: code });
  const pickCurrency = (code: string) => {
    setCurrency(code);
    if (money) emit(money.amount, code);
  };
  const choices = field.currencies && !field.currencies.includes(currency) ? [currency, ...field.currencies] : field.currencies;
  return (
    <div className="flex gap-2">
      <NumberBox {...control} className="flex-1" value={money?.amount ?? null} onChange={(amount) => emit(amount, currency)} />
      {choices ? (
        <Select
          aria-label={t("fields.currency")}
          disabled={control.disabled}
          className="w-28"
          value={currency}
          onChange={(event) => pickCurrency(event.target.value)}
        >
          {choices.map((code) => (
            <option key={code} value={code}>
              {code}
            </option>
          ))}
        </Select>
      ) : (
        <Input
          aria-label={t("fields.currency")}
          disabled={control.disabled}
          className="w-24 uppercase"
          maxLength={3}
          autoComplete="off"
          spellCheck={false}
          value={currency}
          onChange={(event) => pickCurrency(event.target.value.toUpperCase())}
        />
      )}
    </div>
  );
}
