import { describe, expect, test } from "vitest";
import { instantToZonedInput, numberInputText, parseNumberInput, zonedInputToInstant } from "./conversions.ts";

describe("parseNumberInput", () => {
  test.each([
    { name: "empty box", text: "", expected: null },
    { name: "spaces only", text: "   ", expected: null },
    { name: "whole number", text: "42", expected: 42 },
    { name: "decimal point", text: "12.5", expected: 12.5 },
    { name: "decimal comma", text: "12,5", expected: 12.5 },
    { name: "negative", text: "-0.75", expected: -0.75 },
    { name: "leading separator", text: ",5", expected: 0.5 },
    { name: "trailing separator while typing", text: "12,", expected: 12 },
    { name: "exponent", text: "1e3", expected: 1000 },
    { name: "surrounding spaces", text: " 7 ", expected: 7 },
    { name: "letters", text: "12kg", expected: undefined },
    { name: "two separators", text: "1.234,5", expected: undefined },
    { name: "sign only", text: "-", expected: undefined },
    { name: "overflow", text: "1e400", expected: undefined },
  ])("$name", ({ text, expected }) => {
    expect(parseNumberInput(text)).toBe(expected);
  });
});

describe("numberInputText", () => {
  test.each([
    { name: "english keeps the point", value: 12.5, language: "en", expected: "12.5" },
    { name: "german writes a comma", value: 12.5, language: "de", expected: "12,5" },
    { name: "no grouping", value: 1234567.25, language: "en", expected: "1234567.25" },
    { name: "empty for null", value: null, language: "en", expected: "" },
    { name: "unparsed text stays as typed", value: "12kg", language: "en", expected: "12kg" },
  ])("$name", ({ value, language, expected }) => {
    expect(numberInputText(value, language)).toBe(expected);
  });
});

describe("zonedInputToInstant", () => {
  test.each([
    { name: "winter in Berlin", text: "2026-11-21T14:30", zone: "Europe/Berlin", expected: "2026-11-21T13:30:00.000000Z" },
    { name: "summer in Berlin", text: "2026-07-01T09:00", zone: "Europe/Berlin", expected: "2026-07-01T07:00:00.000000Z" },
    { name: "UTC", text: "2026-01-01T00:00", zone: "UTC", expected: "2026-01-01T00:00:00.000000Z" },
    { name: "seconds kept", text: "2026-01-01T00:00:05", zone: "UTC", expected: "2026-01-01T00:00:05.000000Z" },
    {
      name: "west of UTC crosses the day",
      text: "2026-01-01T20:00",
      zone: "America/New_York",
      expected: "2026-01-02T01:00:00.000000Z",
    },
    { name: "half-hour zone", text: "2026-01-01T12:00", zone: "Asia/Kolkata", expected: "2026-01-01T06:30:00.000000Z" },
    // 02:30 does not exist on 29 March 2026 in Berlin; Postgres reads it with the offset before the change (+01).
    { name: "spring gap", text: "2026-03-29T02:30", zone: "Europe/Berlin", expected: "2026-03-29T01:30:00.000000Z" },
    // 02:30 happens twice on 25 October 2026 in Berlin; Postgres takes the later one (+01).
    { name: "autumn repeat", text: "2026-10-25T02:30", zone: "Europe/Berlin", expected: "2026-10-25T01:30:00.000000Z" },
    { name: "not a date", text: "2026-02-30T10:00", zone: "UTC", expected: undefined },
    { name: "no time", text: "2026-02-01", zone: "UTC", expected: undefined },
    { name: "hour out of range", text: "2026-02-01T24:00", zone: "UTC", expected: undefined },
  ])("$name", ({ text, zone, expected }) => {
    expect(zonedInputToInstant(text, zone)).toBe(expected);
  });
});

describe("instantToZonedInput", () => {
  test.each([
    { name: "winter in Berlin", value: "2026-11-21T13:30:00.000000Z", zone: "Europe/Berlin", expected: "2026-11-21T14:30" },
    { name: "summer in Berlin", value: "2026-07-01T07:00:00.000000Z", zone: "Europe/Berlin", expected: "2026-07-01T09:00" },
    { name: "seconds shown when set", value: "2026-01-01T00:00:05.000000Z", zone: "UTC", expected: "2026-01-01T00:00:05" },
    { name: "midnight is 00, not 24", value: "2026-01-01T23:00:00.000000Z", zone: "Europe/Berlin", expected: "2026-01-02T00:00" },
    { name: "offset input accepted", value: "2026-01-01T10:00:00+02:00", zone: "UTC", expected: "2026-01-01T08:00" },
    { name: "empty for null", value: null, zone: "UTC", expected: "" },
    { name: "empty for garbage", value: "yesterday", zone: "UTC", expected: "" },
  ])("$name", ({ value, zone, expected }) => {
    expect(instantToZonedInput(value, zone)).toBe(expected);
  });

  test.each([
    { name: "Berlin", zone: "Europe/Berlin" },
    { name: "New York", zone: "America/New_York" },
    { name: "Kolkata", zone: "Asia/Kolkata" },
    { name: "Chatham", zone: "Pacific/Chatham" },
  ])("round trip through the box in $name", ({ zone }) => {
    // Not the repeated autumn hour: its first occurrence reads back as the second, as in Postgres.
    for (const instant of ["2026-01-15T08:45:00.000000Z", "2026-06-15T23:59:00.000000Z", "2026-10-25T03:30:00.000000Z"]) {
      expect(zonedInputToInstant(instantToZonedInput(instant, zone), zone)).toBe(instant);
    }
  });
});
