import { describe, expect, test } from "vitest";
import { activeFilterCount, EMPTY_FILTERS, filtersFromParams, filtersToParams, searchArgs } from "./audit-filters.ts";

const actor = "3f0c8b1e-2a4d-4c6e-9f10-1234567890ab";

describe("filters in the URL", () => {
  test("round trip keeps what is set and nothing else", () => {
    const filters = { ...EMPTY_FILTERS, text: "acme", actor, outcome: "denied" as const, from: "2026-11-01" };
    const params = filtersToParams(filters);
    expect(params.toString()).toBe(`q=acme&actor=${actor}&outcome=denied&from=2026-11-01`);
    expect(filtersFromParams(params)).toEqual(filters);
  });

  test.each([
    { name: "an actor that is not a uuid", query: "actor=ann", filters: EMPTY_FILTERS },
    { name: "an unknown outcome", query: "outcome=maybe", filters: EMPTY_FILTERS },
    { name: "a date in another format", query: "from=21.11.2026", filters: EMPTY_FILTERS },
    {
      name: "text longer than the search takes",
      query: `q=${"a".repeat(250)}`,
      filters: { ...EMPTY_FILTERS, text: "a".repeat(200) },
    },
  ])("$name", ({ query, filters }) => {
    expect(filtersFromParams(new URLSearchParams(query))).toEqual(filters);
  });
});

describe("searchArgs", () => {
  test.each([
    { name: "no filters", filters: EMPTY_FILTERS, args: {} },
    {
      name: "text and outcome, trimmed",
      filters: { ...EMPTY_FILTERS, text: "  acme ", outcome: "failure" as const },
      args: { p_text: "acme", p_outcome: "failure" },
    },
    {
      name: "a day range in the tenant's zone",
      filters: { ...EMPTY_FILTERS, from: "2026-11-21", to: "2026-11-21" },
      args: { p_from: "2026-11-20T23:00:00.000Z", p_to: "2026-11-21T23:00:00.000Z" },
    },
    {
      name: "object and action",
      filters: { ...EMPTY_FILTERS, objectType: "entities", objectId: "abc", action: "delete_entity", actor },
      args: { p_object_type: "entities", p_object_id: "abc", p_action: "delete_entity", p_actor: actor },
    },
  ])("$name", ({ filters, args }) => {
    expect(searchArgs(filters, "Europe/Berlin")).toEqual(args);
  });

  test("counts the filters set", () => {
    expect(activeFilterCount({ ...EMPTY_FILTERS, text: "x", to: "2026-01-01" })).toBe(2);
    expect(activeFilterCount(EMPTY_FILTERS)).toBe(0);
  });
});
