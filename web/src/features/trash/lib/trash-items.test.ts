import { describe, expect, test } from "vitest";
import { daysLeft, entityTitle, filterTrash, type TrashItem, toTrashItems, trashBlueprints } from "./trash-items.ts";

describe("daysLeft", () => {
  const now = new Date("2026-11-21T12:00:00Z");
  test.each([
    { name: "deleted just now, 30 days", deletedAt: "2026-11-21T12:00:00Z", retention: 30, left: 30 },
    { name: "a bit more than 29 days left rounds up", deletedAt: "2026-11-21T11:00:00Z", retention: 30, left: 30 },
    { name: "deleted 29.5 days ago", deletedAt: "2026-10-23T00:00:00Z", retention: 30, left: 1 },
    { name: "due exactly now", deletedAt: "2026-10-22T12:00:00Z", retention: 30, left: 0 },
    { name: "overdue (the job has not run yet)", deletedAt: "2026-01-01T00:00:00Z", retention: 30, left: 0 },
    { name: "one-day retention", deletedAt: "2026-11-21T00:00:00Z", retention: 1, left: 1 },
  ])("$name", ({ deletedAt, retention, left }) => {
    expect(daysLeft(deletedAt, retention, now)).toBe(left);
  });
});

describe("entityTitle", () => {
  const fields = [
    { key: "amount", label: "Amount", type: "number" },
    { key: "customer", label: "Customer", type: "text" },
    { key: "notes", label: "Notes", type: "long_text" },
  ];
  test.each([
    { name: "first text field with a value", data: { amount: 3, customer: "Acme", notes: "x" }, title: "Acme" },
    { name: "skips empty text", data: { customer: "  ", notes: "first line\nsecond" }, title: "first line" },
    { name: "numbers are not names", data: { amount: 3 }, title: null },
    { name: "hidden fields are absent", data: {}, title: null },
  ])("$name", ({ data, title }) => {
    expect(entityTitle(data, fields)).toBe(title);
  });

  test("without the version's fields, any text value names it", () => {
    expect(entityTitle({ n: 1, a: "Found" }, undefined)).toBe("Found");
  });
});

const page = {
  blueprints: [
    {
      id: "b1",
      key: "orders",
      name: "Orders",
      description: null,
      deleted_at: "2026-11-20T10:00:00Z",
      deleted_by: "u1",
      entities: 2,
    },
  ],
  entities: [
    {
      id: "e1aaaaaaaaaa",
      blueprint_id: "b2",
      blueprint_version: 1,
      blueprint_name: "Customers",
      data: { name: "Zed" },
      deleted_at: "2026-11-21T10:00:00Z",
      deleted_by: "u2",
      with_blueprint: false,
    },
    {
      id: "e2bbbbbbbbbb",
      blueprint_id: "b1",
      blueprint_version: 2,
      blueprint_name: "Orders",
      data: {},
      deleted_at: "2026-11-20T10:00:00Z",
      deleted_by: "u1",
      with_blueprint: true,
    },
  ],
};
const fieldsOf = (id: string) => (id === "b2" ? [{ key: "name", label: "Name", type: "text" }] : []);

describe("toTrashItems", () => {
  test("one list, newest deletion first, with titles", () => {
    const items = toTrashItems(page, fieldsOf);
    expect(items.map((i) => [i.kind, i.id, i.title])).toEqual([
      ["entity", "e1aaaaaaaaaa", "Zed"],
      ["blueprint", "b1", "Orders"],
      ["entity", "e2bbbbbbbbbb", "#e2bbbbbb"],
    ]);
    expect(items[1]?.entityCount).toBe(2);
    expect(items[2]?.withBlueprint).toBe(true);
  });
});

describe("filterTrash", () => {
  const items: TrashItem[] = toTrashItems(page, fieldsOf);
  test.each([
    { name: "everything", filter: { kind: "all", blueprintId: "all" } as const, ids: ["e1aaaaaaaaaa", "b1", "e2bbbbbbbbbb"] },
    { name: "blueprints only", filter: { kind: "blueprint", blueprintId: "all" } as const, ids: ["b1"] },
    { name: "entities only", filter: { kind: "entity", blueprintId: "all" } as const, ids: ["e1aaaaaaaaaa", "e2bbbbbbbbbb"] },
    { name: "one blueprint and its entities", filter: { kind: "all", blueprintId: "b1" } as const, ids: ["b1", "e2bbbbbbbbbb"] },
    { name: "entities of one blueprint", filter: { kind: "entity", blueprintId: "b2" } as const, ids: ["e1aaaaaaaaaa"] },
  ])("$name", ({ filter, ids }) => {
    expect(filterTrash(items, filter).map((i) => i.id)).toEqual(ids);
  });

  test("the blueprint choices come from the items, by name", () => {
    expect(trashBlueprints(items)).toEqual([
      { id: "b2", name: "Customers" },
      { id: "b1", name: "Orders" },
    ]);
  });

  test("live blueprints are choices too: their deleted records may be on pages not loaded yet", () => {
    expect(
      trashBlueprints(items, [
        { id: "b3", name: "Assets" },
        { id: "b1", name: "Orders" },
      ]),
    ).toEqual([
      { id: "b3", name: "Assets" },
      { id: "b2", name: "Customers" },
      { id: "b1", name: "Orders" },
    ]);
  });
});
