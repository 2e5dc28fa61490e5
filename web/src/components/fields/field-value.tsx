import { decimalShape, type FieldDefinition, isIsoDate, normalizeInstant } from "@flexoffice/shared";
import type { JSX, ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { formatDateTime } from "../../lib/format.ts";
import { cn } from "../ui/cn.ts";
import { formatDay, formatMoney, formatNumber } from "./lib/conversions.ts";
import { isEmptyValue } from "./lib/field-input-values.ts";
import { optionDotClass } from "./option-colors.ts";

export type FieldValueProps = {
  field: FieldDefinition;
  /** The stored value (docs/entities.md); anything else is shown as best it can, never thrown on. */
  value: unknown;
  /** The tenant's time zone: date-times read on its clock. */
  timeZone: string;
  /** The reader's language: digits, dates and money in their conventions. */
  language: string;
  /** The label of a referenced entity or member, when the caller knows it; else a short id is shown. */
  referenceLabel?: (field: FieldDefinition, id: string) => string | undefined;
  className?: string;
};

function Empty() {
  const { t } = useTranslation();
  return (
    <span className="text-muted-foreground">
      <span aria-hidden="true">—</span>
      <span className="sr-only">{t("fields.empty")}</span>
    </span>
  );
}

// Only the rare texts below ask i18next: a grid renders hundreds of values, and every
// useTranslation is a hook with its own subscription.
function RetiredOption({ value }: { value: string }) {
  const { t } = useTranslation();
  return t("fields.retiredOption", { value });
}

function YesNo({ value }: { value: boolean }) {
  const { t } = useTranslation();
  return value ? t("fields.yes") : t("fields.no");
}

function OptionChip({ field, value }: { field: FieldDefinition; value: string }) {
  const option = field.options?.find((o) => o.value === value);
  return (
    <span className="inline-flex items-center gap-1.5 rounded-full border px-2 py-0.5 text-xs font-medium whitespace-nowrap">
      <span aria-hidden="true" className={cn("size-2 shrink-0 rounded-full", optionDotClass(option?.color))} />
      {option ? (option.label ?? option.value) : <RetiredOption value={value} />}
    </span>
  );
}

function ExternalLink({ href, children }: { href: string; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <a href={href} target="_blank" rel="noopener noreferrer" className="text-primary underline-offset-4 hover:underline">
      {children}
      <span className="sr-only"> {t("fields.opensInNewTab")}</span>
    </a>
  );
}

function display(props: FieldValueProps): ReactNode {
  const { field, value, timeZone, language, referenceLabel } = props;
  const text = typeof value === "string" ? value : undefined;
  switch (field.type) {
    case "text":
    case "long_text":
      return text ?? JSON.stringify(value);
    case "email":
      return text ? (
        <a href={`mailto:${text}`} className="text-primary underline-offset-4 hover:underline">
          {text}
        </a>
      ) : null;
    case "url":
      return text && /^https?:\/\//i.test(text) ? <ExternalLink href={text}>{text}</ExternalLink> : text;
    case "phone":
      return text ? (
        <a href={`tel:${text.replace(/[^\d+]/g, "")}`} className="text-primary underline-offset-4 hover:underline">
          {text}
        </a>
      ) : null;
    case "number":
      return typeof value === "number" ? formatNumber(value, language, decimalShape(field).scale) : String(value);
    case "integer":
      return typeof value === "number" ? formatNumber(value, language, 0) : String(value);
    case "currency": {
      const money = value as { amount?: unknown; currency?: unknown };
      return typeof money.amount === "number" && typeof money.currency === "string"
        ? formatMoney(money.amount, money.currency, language, decimalShape(field).scale)
        : JSON.stringify(value);
    }
    case "boolean":
      return typeof value === "boolean" ? <YesNo value={value} /> : String(value);
    case "date":
      return isIsoDate(value) ? <time dateTime={value}>{formatDay(value, language)}</time> : text;
    case "datetime": {
      const instant = normalizeInstant(value);
      return instant ? <time dateTime={instant}>{formatDateTime(instant, language, timeZone)}</time> : text;
    }
    case "single_select":
    case "status":
      return text ? <OptionChip field={field} value={text} /> : null;
    case "multi_select":
      return Array.isArray(value) ? (
        <span className="inline-flex flex-wrap gap-1">
          {value.map((choice) => (
            <OptionChip key={String(choice)} field={field} value={String(choice)} />
          ))}
        </span>
      ) : null;
    case "reference":
    case "member":
      return text ? (referenceLabel?.(field, text) ?? <span className="font-mono text-xs">{text.slice(0, 8)}…</span>) : null;
    case "json":
      return <code className="font-mono text-xs break-all">{JSON.stringify(value)}</code>;
  }
}

/**
 * A stored value as people read it, for grid cells and the entity page: numbers, money and
 * dates in the reader's conventions, date-times on the tenant's clock, options with their
 * labels and colours, links for email, url and phone. Empty values show a dash (and say
 * "Empty" to screen readers).
 */
export function FieldValue(props: FieldValueProps): JSX.Element {
  if (isEmptyValue(props.value)) return <Empty />;
  const shown = display(props);
  return (
    <span className={cn(props.field.type === "long_text" && "whitespace-pre-line", props.className)}>{shown ?? <Empty />}</span>
  );
}
