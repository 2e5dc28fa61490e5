import { expect, test } from "vitest";
import { isInputKey, snakeKeyFrom, stateKeyFrom } from "./keys.ts";

test.each([
  { name: "words in capitals", label: "In delivery", taken: [], key: "IN_DELIVERY" },
  { name: "accents dropped", label: "Übergabe läuft", taken: [], key: "UBERGABE_LAUFT" },
  { name: "sharp s", label: "Straße", taken: [], key: "STRASSE" },
  { name: "punctuation collapses", label: "  Done!! (final) ", taken: [], key: "DONE_FINAL" },
  { name: "nothing usable", label: "…", taken: [], key: "STATE" },
  { name: "taken gets a number", label: "New", taken: ["NEW", "NEW_2"], key: "NEW_3" },
])("state key: $name", ({ label, taken, key }) => {
  expect(stateKeyFrom(label, taken)).toBe(key);
});

test.each([
  { name: "snake case", label: "Delivery started", taken: [], key: "delivery_started" },
  { name: "leading digit gets the fallback", label: "2nd try", taken: [], key: "transition_2nd_try" },
  { name: "empty gets the fallback", label: "", taken: [], key: "transition" },
  { name: "taken gets a number", label: "Delivered", taken: ["delivered"], key: "delivered_2" },
])("transition key: $name", ({ label, taken, key }) => {
  expect(snakeKeyFrom(label, taken, "transition")).toBe(key);
});

test.each([
  { name: "plain key", key: "recipient_name", ok: true },
  { name: "system field", key: "created_at", ok: false },
  { name: "reserved column", key: "data", ok: false },
  { name: "uppercase", key: "Recipient", ok: false },
])("input key: $name", ({ key, ok }) => {
  expect(isInputKey(key)).toBe(ok);
});
