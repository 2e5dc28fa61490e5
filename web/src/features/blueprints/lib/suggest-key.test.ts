import { describe, expect, test } from "vitest";
import { suggestFieldKey, suggestKey } from "./suggest-key.ts";

describe("suggestKey", () => {
  test.each([
    { name: "words", input: "X Delivery System", expected: "x_delivery_system" },
    { name: "punctuation collapses", input: "  Orders & Returns!! ", expected: "orders_returns" },
    { name: "accents dropped", input: "Lieferadresse Straße Ü", expected: "lieferadresse_stra_e_u" },
    { name: "leading digit", input: "2026 plans", expected: "b_2026_plans" },
    { name: "nothing usable", input: "!!!", expected: "" },
    { name: "long names cut at 50", input: "a".repeat(80), expected: "a".repeat(50) },
  ])("$name", ({ input, expected }) => {
    expect(suggestKey(input)).toBe(expected);
  });
});

describe("suggestFieldKey", () => {
  test.each([
    { name: "from the label", label: "Started at", taken: [], expected: "started_at" },
    { name: "taken gets a number", label: "Weight", taken: ["weight", "weight_2"], expected: "weight_3" },
    { name: "system field avoided", label: "ID", taken: [], expected: "id_2" },
    { name: "entity column avoided", label: "Data", taken: [], expected: "data_2" },
    { name: "leading digit", label: "1st call", taken: [], expected: "f_1st_call" },
  ])("$name", ({ label, taken, expected }) => {
    expect(suggestFieldKey(label, new Set(taken))).toBe(expected);
  });
});
