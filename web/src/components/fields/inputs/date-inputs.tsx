import { useId } from "react";
import { useTranslation } from "react-i18next";
import { Input } from "../../ui/input.tsx";
import { instantToZonedInput, zonedInputToInstant, zoneName } from "../lib/conversions.ts";
import { describedBy, type TypedInputProps } from "./control-props.ts";

const asText = (value: unknown): string => (typeof value === "string" ? value : "");
const bound = (value: unknown): string | undefined => (typeof value === "string" ? value : undefined);

/** A calendar day (date), stored as "YYYY-MM-DD" exactly as the date picker gives it. */
export function DateInput({ field, value, onChange, ref, ...control }: TypedInputProps<unknown>) {
  return (
    <Input
      {...control}
      ref={ref}
      type="date"
      min={bound(field.min)}
      max={bound(field.max)}
      value={asText(value)}
      onChange={(event) => onChange(event.target.value === "" ? null : event.target.value)}
    />
  );
}

/**
 * A date and time (datetime) on the tenant's clock, stored as the UTC instant. The zone is
 * named next to the box so nobody wonders whose clock it is.
 */
export function DateTimeInput({
  field,
  value,
  onChange,
  timeZone,
  ref,
  "aria-describedby": ariaDescribedBy,
  ...control
}: TypedInputProps<unknown> & { timeZone: string }) {
  const { t, i18n } = useTranslation();
  const hintId = useId();
  const text = instantToZonedInput(value, timeZone);
  const withSeconds = text.length > 16;
  const limit = (edge: unknown) => (edge === undefined ? undefined : instantToZonedInput(edge, timeZone) || undefined);
  return (
    <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
      <Input
        {...control}
        ref={ref}
        type="datetime-local"
        step={withSeconds ? 1 : 60}
        min={limit(field.min)}
        max={limit(field.max)}
        className="w-auto min-w-56 flex-1"
        aria-describedby={describedBy(ariaDescribedBy, hintId)}
        value={text}
        onChange={(event) =>
          onChange(event.target.value === "" ? null : (zonedInputToInstant(event.target.value, timeZone) ?? null))
        }
      />
      <span id={hintId} className="text-xs text-muted-foreground">
        {t("fields.timeZone", {
          zone: `${timeZone.replaceAll("_", " ")} (${zoneName(timeZone, i18n.resolvedLanguage ?? "en")})`,
        })}
      </span>
    </div>
  );
}
