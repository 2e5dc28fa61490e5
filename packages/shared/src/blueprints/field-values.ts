/**
 * Formats of stored field values (docs/entities.md, "Field types and stored values").
 * The database canonicalises every write; these checks let forms and the filter validator
 * refuse what could never be stored or never match, before a round trip.
 */

/** Lowercase 8-4-4-4-12 hex, the form Postgres prints: entity, member and reference ids compare as text. */
export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Currency codes are three capital letters (ISO 4217 shape; the list is not checked). */
export const CURRENCY_CODE_PATTERN = /^[A-Z]{3}$/;

/** The stored datetime form: UTC with 6 decimals, so that text order is time order. */
export const CANONICAL_DATETIME_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

/** `json` values are at most 64 KiB once serialised. */
export const MAX_JSON_BYTES = 64 * 1024;

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
// The forms the database's private.parse_datetime reads with an explicit offset.
const INSTANT_PATTERN =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(?:([Zz])|([+-])(\d{2})(?::?(\d{2}))?)$/;
const EMAIL_PATTERN = /^[^@\s]+@[^@\s]+\.[^@\s.]+$/;
const URL_PATTERN = /^https?:\/\/[^\s/?#]+\S*$/i;
const PHONE_PATTERN = /^\+?[0-9 ().-]{3,30}$/;
const LINE_BREAK = /[\r\n]/;

/** Ids in filters must be in the printed form, since references are stored and compared as text. */
export function isUuid(value: unknown): value is string {
  return typeof value === "string" && UUID_PATTERN.test(value);
}

/** A calendar day `YYYY-MM-DD` between years 1 and 9999: the range both Postgres and `Date` agree on. */
export function isIsoDate(value: unknown): value is string {
  if (typeof value !== "string") return false;
  const m = DATE_PATTERN.exec(value);
  return m !== null && isCalendarDay(Number(m[1]), Number(m[2]), Number(m[3]));
}

function isCalendarDay(year: number, month: number, day: number): boolean {
  if (year < 1 || month < 1 || month > 12 || day < 1) return false;
  const probe = new Date(0);
  probe.setUTCFullYear(year, month - 1, day);
  return probe.getUTCMonth() === month - 1 && probe.getUTCDate() === day;
}

/** Postgres rounds fractional seconds with C `rint` (half to even) on the parsed double; so do we. */
function rint(x: number): number {
  const r = Math.round(x);
  return r - x === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

const pad = (n: number, width: number): string => String(n).padStart(width, "0");

/**
 * Turns an ISO 8601 instant (extended format, with `Z` or an offset) into the stored
 * canonical `YYYY-MM-DDTHH:MM:SS.ffffffZ`, or `undefined` when it is not one.
 *
 * Why: datetimes are compared as text, so a filter value must be in exactly the stored
 * form before comparing. A time without an offset is refused: the database would read it
 * in the tenant's timezone, which a pure function cannot know.
 */
export function normalizeInstant(value: unknown): string | undefined {
  if (typeof value !== "string") return undefined;
  const m = INSTANT_PATTERN.exec(value);
  if (!m) return undefined;
  const [year, month, day, hour, minute] = [1, 2, 3, 4, 5].map((i) => Number(m[i]));
  const second = m[6] === undefined ? 0 : Number(m[6]);
  if (year === undefined || month === undefined || day === undefined || hour === undefined || minute === undefined) {
    return undefined;
  }
  if (!isCalendarDay(year, month, day) || hour > 23 || minute > 59 || second > 59) return undefined;
  let offsetMinutes = 0;
  if (m[8] === undefined) {
    const offsetHours = Number(m[10]);
    const offsetMins = m[11] === undefined ? 0 : Number(m[11]);
    if (offsetHours > 15 || offsetMins > 59) return undefined;
    offsetMinutes = (m[9] === "-" ? -1 : 1) * (offsetHours * 60 + offsetMins);
  }
  let micros = m[7] === undefined ? 0 : rint(Number.parseFloat(`0${m[7]}`) * 1_000_000);
  const at = new Date(0);
  at.setUTCFullYear(year, month - 1, day);
  at.setUTCHours(hour, minute, second, 0);
  let ms = at.getTime() - offsetMinutes * 60_000;
  if (micros >= 1_000_000) {
    micros -= 1_000_000;
    ms += 1000;
  }
  const utc = new Date(ms);
  const utcYear = utc.getUTCFullYear();
  if (utcYear < 1 || utcYear > 9999) return undefined;
  return (
    `${pad(utcYear, 4)}-${pad(utc.getUTCMonth() + 1, 2)}-${pad(utc.getUTCDate(), 2)}` +
    `T${pad(utc.getUTCHours(), 2)}:${pad(utc.getUTCMinutes(), 2)}:${pad(utc.getUTCSeconds(), 2)}.${pad(micros, 6)}Z`
  );
}

/** Stored emails are trimmed and lowercased, so only that form can ever match. */
export function isEmail(value: unknown): value is string {
  return typeof value === "string" && EMAIL_PATTERN.test(value) && value === value.toLowerCase();
}

/** The database's url check: http:// or https:// (any case) with a host, no whitespace. */
export function isHttpUrl(value: unknown): value is string {
  return typeof value === "string" && URL_PATTERN.test(value);
}

/** Digits with an optional leading `+` and `( ) - .` or spaces, 3-30 characters, at least 3 digits. */
export function isPhone(value: unknown): value is string {
  return typeof value === "string" && PHONE_PATTERN.test(value) && value.replace(/\D/g, "").length >= 3;
}

/** One line of text: the stored `text` form never holds a line break. */
export function isOneLine(value: unknown): value is string {
  return typeof value === "string" && !LINE_BREAK.test(value);
}

/** Decimals of a JSON number as written by `String()`, exponent form included (1e-7 has 7). */
export function decimalPlaces(value: number): number {
  const [mantissa = "", exponent = "0"] = String(Math.abs(value)).split("e");
  const fraction = mantissa.split(".")[1] ?? "";
  return Math.max(0, fraction.length - Number(exponent));
}

/** Serialised size in UTF-8 bytes, the measure the 64 KiB `json` limit uses. */
export function jsonBytes(value: unknown): number {
  return new TextEncoder().encode(JSON.stringify(value) ?? "").length;
}

/** Characters as Postgres counts them (code points), not UTF-16 code units. */
export function charLength(value: string): number {
  let count = 0;
  for (const _ of value) count += 1;
  return count;
}
