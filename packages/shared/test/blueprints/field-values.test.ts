import { describe, expect, test } from "vitest";
import { decimalPlaces, isEmail, isHttpUrl, isIsoDate, isPhone, isUuid, normalizeInstant } from "../../src/index.ts";

describe("normalizeInstant", () => {
  test.each([
    { name: "Z with 6 decimals is unchanged", input: "2026-01-31T09:30:00.123456Z", expected: "2026-01-31T09:30:00.123456Z" },
    { name: "no seconds", input: "2026-01-31T09:30Z", expected: "2026-01-31T09:30:00.000000Z" },
    { name: "positive offset", input: "2026-01-31T09:30:00+01:00", expected: "2026-01-31T08:30:00.000000Z" },
    { name: "negative offset across midnight", input: "2026-01-31T22:00:00-05:00", expected: "2026-02-01T03:00:00.000000Z" },
    { name: "offset across new year", input: "2026-01-01T00:30:00+01:00", expected: "2025-12-31T23:30:00.000000Z" },
    { name: "leap day", input: "2028-02-29T12:00:00Z", expected: "2028-02-29T12:00:00.000000Z" },
    { name: "offset without colon", input: "2026-01-31T09:30:00+0530", expected: "2026-01-31T04:00:00.000000Z" },
    { name: "hour-only offset", input: "2026-01-31T09:30:00-03", expected: "2026-01-31T12:30:00.000000Z" },
    { name: "lowercase z", input: "2026-01-31T09:30:00z", expected: "2026-01-31T09:30:00.000000Z" },
    { name: "space separator", input: "2026-01-31 09:30:00+00:00", expected: "2026-01-31T09:30:00.000000Z" },
    { name: "PostgREST form", input: "2026-01-31T09:30:00.5+00:00", expected: "2026-01-31T09:30:00.500000Z" },
    { name: "milliseconds", input: "2026-01-31T09:30:00.123Z", expected: "2026-01-31T09:30:00.123000Z" },
    { name: "7 decimals round", input: "2026-01-31T09:30:00.1234567Z", expected: "2026-01-31T09:30:00.123457Z" },
    {
      name: "rounding carries into the next second",
      input: "2026-12-31T23:59:59.9999996Z",
      expected: "2027-01-01T00:00:00.000000Z",
    },
    { name: "year 1 kept", input: "0001-01-01T00:00:00Z", expected: "0001-01-01T00:00:00.000000Z" },
  ])("$name", ({ input, expected }) => {
    expect(normalizeInstant(input)).toBe(expected);
  });

  test.each([
    { name: "no zone", input: "2026-01-31T09:30:00" },
    { name: "date only", input: "2026-01-31" },
    { name: "February 30", input: "2026-02-30T00:00:00Z" },
    { name: "hour 24", input: "2026-01-31T24:00:00Z" },
    { name: "second 60", input: "2026-01-31T23:59:60Z" },
    { name: "offset 16 hours", input: "2026-01-31T09:30:00+16:00" },
    { name: "before year 1", input: "0001-01-01T00:00:00+01:00" },
    { name: "not a string", input: 1_700_000_000_000 },
    { name: "trailing text", input: "2026-01-31T09:30:00Z; drop" },
    { name: "lowercase t", input: "2026-01-31t09:30:00Z" },
    { name: "10 decimals", input: "2026-01-31T09:30:00.1234567890Z" },
  ])("refuses $name", ({ input }) => {
    expect(normalizeInstant(input)).toBeUndefined();
  });
});

describe("value formats", () => {
  test.each([
    { name: "uuid lowercase", check: isUuid, value: "0190c4a2-7b1e-7c3d-9f00-aabbccddeeff", ok: true },
    { name: "uuid uppercase", check: isUuid, value: "0190C4A2-7B1E-7C3D-9F00-AABBCCDDEEFF", ok: false },
    { name: "uuid without dashes", check: isUuid, value: "0190c4a27b1e7c3d9f00aabbccddeeff", ok: false },
    { name: "date", check: isIsoDate, value: "2024-02-29", ok: true },
    { name: "date not leap", check: isIsoDate, value: "2026-02-29", ok: false },
    { name: "date year 0", check: isIsoDate, value: "0000-01-01", ok: false },
    { name: "email", check: isEmail, value: "ann.lee@example.co.uk", ok: true },
    { name: "email without tld", check: isEmail, value: "ann@localhost", ok: false },
    { name: "email uppercase", check: isEmail, value: "Ann@example.com", ok: false },
    { name: "url https", check: isHttpUrl, value: "https://example.com/a?b=1", ok: true },
    { name: "url ftp", check: isHttpUrl, value: "ftp://example.com", ok: false },
    { name: "url no host", check: isHttpUrl, value: "http://", ok: false },
    { name: "phone", check: isPhone, value: "+33 (0)1 23-45.67", ok: true },
    { name: "phone too short", check: isPhone, value: "12", ok: false },
    { name: "phone letters", check: isPhone, value: "+33 CALL ME", ok: false },
    { name: "phone plus inside", check: isPhone, value: "12+34", ok: false },
    { name: "phone with 2 digits", check: isPhone, value: "(1)-2", ok: false },
    { name: "phone 31 characters", check: isPhone, value: "1".repeat(31), ok: false },
    { name: "email trailing dot", check: isEmail, value: "a@b.co.", ok: false },
    { name: "url uppercase scheme", check: isHttpUrl, value: "HTTPS://example.com", ok: true },
    { name: "url with space", check: isHttpUrl, value: "https://a b.com", ok: false },
  ])("$name", ({ check, value, ok }) => {
    expect(check(value)).toBe(ok);
  });

  test.each([
    { name: "integer", value: 12, expected: 0 },
    { name: "two decimals", value: 1.25, expected: 2 },
    { name: "exponent", value: 1e-7, expected: 7 },
    { name: "large exponent", value: 1e21, expected: 0 },
    { name: "negative", value: -0.125, expected: 3 },
  ])("decimalPlaces $name", ({ value, expected }) => {
    expect(decimalPlaces(value)).toBe(expected);
  });
});
