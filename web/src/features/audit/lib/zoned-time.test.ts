import { describe, expect, test } from "vitest";
import { nextDay, zonedDayRange, zonedDayStart, zonedToday } from "./zoned-time.ts";

describe("zonedDayStart", () => {
  test.each([
    { name: "UTC", date: "2026-11-21", zone: "UTC", start: "2026-11-21T00:00:00.000Z" },
    { name: "Berlin in winter (+1)", date: "2026-11-21", zone: "Europe/Berlin", start: "2026-11-20T23:00:00.000Z" },
    { name: "Berlin in summer (+2)", date: "2026-07-01", zone: "Europe/Berlin", start: "2026-06-30T22:00:00.000Z" },
    {
      name: "Berlin on the day summer time starts",
      date: "2026-03-29",
      zone: "Europe/Berlin",
      start: "2026-03-28T23:00:00.000Z",
    },
    { name: "Berlin the day after", date: "2026-03-30", zone: "Europe/Berlin", start: "2026-03-29T22:00:00.000Z" },
    { name: "New York when summer time ends", date: "2026-11-01", zone: "America/New_York", start: "2026-11-01T04:00:00.000Z" },
    { name: "Kolkata (+5:30)", date: "2026-01-15", zone: "Asia/Kolkata", start: "2026-01-14T18:30:00.000Z" },
    { name: "not a date", date: "21.11.2026", zone: "UTC", start: null },
    { name: "an impossible date", date: "2026-02-30", zone: "UTC", start: null },
  ])("$name", ({ date, zone, start }) => {
    expect(zonedDayStart(date, zone)).toBe(start);
  });
});

describe("zonedDayRange", () => {
  test.each([
    {
      name: "one day in Berlin",
      from: "2026-11-21",
      to: "2026-11-21",
      range: { from: "2026-11-20T23:00:00.000Z", to: "2026-11-21T23:00:00.000Z" },
    },
    { name: "open start", from: "", to: "2026-12-31", range: { from: null, to: "2026-12-31T23:00:00.000Z" } },
    { name: "open end", from: "2026-01-01", to: "", range: { from: "2025-12-31T23:00:00.000Z", to: null } },
  ])("$name", ({ from, to, range }) => {
    expect(zonedDayRange(from, to, "Europe/Berlin")).toEqual(range);
  });
});

describe("calendar helpers", () => {
  test.each([
    { name: "inside a month", date: "2026-11-21", next: "2026-11-22" },
    { name: "end of year", date: "2026-12-31", next: "2027-01-01" },
    { name: "leap day", date: "2028-02-28", next: "2028-02-29" },
  ])("$name", ({ date, next }) => {
    expect(nextDay(date)).toBe(next);
  });

  test("today is the zone's date", () => {
    const now = new Date("2026-11-21T23:30:00Z");
    expect(zonedToday("UTC", now)).toBe("2026-11-21");
    expect(zonedToday("Europe/Berlin", now)).toBe("2026-11-22");
  });
});
