/**
 * Calendar days in a tenant's time zone as instants, for the audit search's [from, to) range:
 * an admin in Berlin filtering "21 November" means 21 November in the workspace's zone, not
 * in UTC nor in the browser's zone.
 */

import { zoneOffsetMs } from "../../../components/fields/lib/conversions.ts";

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The instant a calendar day (YYYY-MM-DD) starts in the zone, as an ISO string; null for anything else. */
export function zonedDayStart(date: string, timeZone: string): string | null {
  const match = DATE_PATTERN.exec(date);
  if (!match) return null;
  const wall = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  if (Number.isNaN(wall) || new Date(wall).toISOString().slice(0, 10) !== date) return null;
  // Two rounds: the offset at the first guess may differ from the one at the answer (a DST change that day).
  let instant = wall - zoneOffsetMs(wall, timeZone);
  instant = wall - zoneOffsetMs(instant, timeZone);
  return new Date(instant).toISOString();
}

/** The calendar day after `date` (YYYY-MM-DD). */
export function nextDay(date: string): string {
  const [y, m, d] = date.split("-").map(Number);
  return new Date(Date.UTC(y ?? 0, (m ?? 1) - 1, (d ?? 1) + 1)).toISOString().slice(0, 10);
}

/** Today's date (YYYY-MM-DD) in the zone. */
export function zonedToday(timeZone: string, now: Date = new Date()): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
}

/**
 * The search's [p_from, p_to) for a range of whole days in the zone: from the start of the
 * first day to the start of the day after the last, so "to 21 November" includes that day.
 */
export function zonedDayRange(from: string, to: string, timeZone: string): { from: string | null; to: string | null } {
  return {
    from: from ? zonedDayStart(from, timeZone) : null,
    to: to ? zonedDayStart(nextDay(to), timeZone) : null,
  };
}
