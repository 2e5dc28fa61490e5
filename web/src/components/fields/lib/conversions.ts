import { isIsoDate, normalizeInstant } from "@flexoffice/shared";
import { dateTimeFormat, numberFormat } from "../../../lib/intl-format.ts";

/**
 * Conversions between what a person types or sees and the stored form of a value
 * (docs/entities.md, "Field types and stored values"). Pure, so each one is unit-tested.
 */

const DECIMAL_INPUT = /^[+-]?(\d+([.,]\d*)?|[.,]\d+)([eE][+-]?\d{1,3})?$/;

/**
 * A number typed in either decimal notation ("12.5" or "12,5", as German keyboards
 * write it), or `null` for an empty box, or `undefined` when the text is no number.
 */
export function parseNumberInput(text: string): number | null | undefined {
  const trimmed = text.trim();
  if (trimmed === "") return null;
  if (!DECIMAL_INPUT.test(trimmed)) return undefined;
  const value = Number(trimmed.replace(",", "."));
  return Number.isFinite(value) ? value : undefined;
}

/**
 * The text an input box shows for a stored number: plain digits (no grouping, so it reads
 * back unchanged) with the decimal separator of the language.
 */
export function numberInputText(value: unknown, language: string): string {
  if (typeof value !== "number" || !Number.isFinite(value)) return typeof value === "string" ? value : "";
  const text = String(value);
  return decimalSeparator(language) === "," ? text.replace(".", ",") : text;
}

/** "," or "." as the language writes decimals. */
export function decimalSeparator(language: string): string {
  const part = numberFormat(language)
    .formatToParts(1.5)
    .find((p) => p.type === "decimal");
  return part?.value ?? ".";
}

type WallClock = { year: number; month: number; day: number; hour: number; minute: number; second: number };

function wallClockFormatter(timeZone: string): Intl.DateTimeFormat {
  return dateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
    era: "short",
  });
}

/** The wall clock of a time zone at an instant. */
function wallClockAt(ms: number, timeZone: string): WallClock {
  const parts = wallClockFormatter(timeZone).formatToParts(new Date(ms));
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const bc = parts.find((p) => p.type === "era")?.value === "BC";
  const year = get("year");
  return {
    year: bc ? 1 - year : year,
    month: get("month"),
    day: get("day"),
    hour: get("hour") % 24,
    minute: get("minute"),
    second: get("second"),
  };
}

/** Milliseconds of a wall clock read as UTC (years below 100 included, unlike Date.UTC). */
function wallClockMs(clock: WallClock): number {
  const date = new Date(0);
  date.setUTCFullYear(clock.year, clock.month - 1, clock.day);
  date.setUTCHours(clock.hour, clock.minute, clock.second, 0);
  return date.getTime();
}

/** How far the zone's clock is ahead of UTC at an instant, in milliseconds (Berlin in winter: 3,600,000). */
export function zoneOffsetMs(ms: number, timeZone: string): number {
  const whole = Math.floor(ms / 1000) * 1000;
  return wallClockMs(wallClockAt(whole, timeZone)) - whole;
}

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

const LOCAL_INPUT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?$/;

/**
 * A `datetime-local` box's value ("2026-11-21T14:30", the tenant's wall clock) as the
 * stored UTC instant ("2026-11-21T13:30:00.000000Z"), or `undefined` when it is not one.
 *
 * Why here and not in the database: the form holds stored values, so a value read back
 * from an entity and one typed compare equal. A wall-clock time skipped by a daylight
 * saving change moves forward by the gap and one that happens twice is the later instant,
 * as the database reads them.
 */
export function zonedInputToInstant(text: string, timeZone: string): string | undefined {
  const m = LOCAL_INPUT.exec(text);
  if (!m) return undefined;
  const clock: WallClock = {
    year: Number(m[1]),
    month: Number(m[2]),
    day: Number(m[3]),
    hour: Number(m[4]),
    minute: Number(m[5]),
    second: m[6] === undefined ? 0 : Number(m[6]),
  };
  if (!isIsoDate(text.slice(0, 10)) || clock.hour > 23 || clock.minute > 59 || clock.second > 59) return undefined;
  const asUtc = wallClockMs(clock);
  const day = 86_400_000;
  const candidates = [zoneOffsetMs(asUtc - day, timeZone), zoneOffsetMs(asUtc, timeZone), zoneOffsetMs(asUtc + day, timeZone)];
  candidates.push(zoneOffsetMs(asUtc - (candidates[1] ?? 0), timeZone));
  const valid = candidates.filter((offset) => zoneOffsetMs(asUtc - offset, timeZone) === offset);
  // Twice on the clock (autumn): the later instant, as Postgres reads it. Never (spring): the offset before the change.
  const instant = asUtc - Math.min(...(valid.length > 0 ? valid : candidates));
  return instantFromMs(instant);
}

function instantFromMs(ms: number): string | undefined {
  const date = new Date(ms);
  if (Number.isNaN(date.getTime())) return undefined;
  const year = date.getUTCFullYear();
  if (year < 1 || year > 9999) return undefined;
  return normalizeInstant(
    `${pad(year, 4)}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}T${pad(date.getUTCHours())}:${pad(
      date.getUTCMinutes(),
    )}:${pad(date.getUTCSeconds())}Z`,
  );
}

/**
 * A stored instant as a `datetime-local` box shows it in the tenant's time zone:
 * "2026-11-21T14:30", with seconds only when they are not zero. Empty for anything else.
 */
export function instantToZonedInput(value: unknown, timeZone: string): string {
  const instant = normalizeInstant(value);
  if (!instant) return "";
  const ms = Date.parse(instant);
  if (Number.isNaN(ms)) return "";
  const clock = wallClockAt(ms, timeZone);
  const base = `${pad(clock.year, 4)}-${pad(clock.month)}-${pad(clock.day)}T${pad(clock.hour)}:${pad(clock.minute)}`;
  return clock.second === 0 ? base : `${base}:${pad(clock.second)}`;
}

/** A short name of the zone at that instant ("CET", "GMT+1"), for the hint next to a date-time box. */
export function zoneName(timeZone: string, language: string, at: Date = new Date()): string {
  try {
    const part = new Intl.DateTimeFormat(language, { timeZone, timeZoneName: "short" })
      .formatToParts(at)
      .find((p) => p.type === "timeZoneName");
    return part?.value ?? timeZone;
  } catch {
    return timeZone;
  }
}

/** A stored day ("2026-11-21") in the language's medium style; the day never shifts with a time zone. */
export function formatDay(value: string, language: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return value;
  const date = new Date(0);
  date.setUTCFullYear(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return dateTimeFormat(language, { dateStyle: "medium", timeZone: "UTC" }).format(date);
}

/** A number with the language's digits and separators, at most `scale` decimals shown (the stored value is exact). */
export function formatNumber(value: number, language: string, maxDecimals = 20): string {
  return numberFormat(language, { maximumFractionDigits: Math.min(maxDecimals, 20) }).format(value);
}

/** An amount with its currency symbol; an unknown code still shows the code. */
export function formatMoney(amount: number, currency: string, language: string, decimals: number): string {
  try {
    return numberFormat(language, {
      style: "currency",
      currency,
      minimumFractionDigits: Math.min(decimals, 2),
      maximumFractionDigits: Math.min(Math.max(decimals, 2), 20),
    }).format(amount);
  } catch {
    return `${formatNumber(amount, language)} ${currency}`;
  }
}
