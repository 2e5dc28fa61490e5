import type { FieldDefinition } from "@flexoffice/shared";
import { describe, expect, test } from "vitest";
import { diffVersions } from "./version-diff.ts";

const v1: FieldDefinition[] = [
  { key: "title", label: "Title", type: "text" },
  { key: "state", label: "State", type: "single_select", options: [{ value: "NEW" }, { value: "DONE", color: "green" }] },
  { key: "weight", label: "Weight", type: "number" },
  { key: "note", label: "Note", type: "text" },
];

describe("diffVersions", () => {
  test("a required flag is one changed property", () => {
    const v2 = v1.map((f) => (f.key === "weight" ? { ...f, required: true } : f));
    const diff = diffVersions(v1, v2, [{ op: "update_field", key: "weight" }]);
    expect(diff.fields).toEqual([
      expect.objectContaining({
        kind: "changed",
        properties: [{ property: "required", before: undefined, after: true }],
        renamedFrom: null,
      }),
    ]);
  });

  test("a rename is followed, not an add and a remove", () => {
    const v2 = v1.map((f) => (f.key === "note" ? { ...f, key: "remarks", label: "Remarks" } : f));
    const diff = diffVersions(v1, v2, [{ op: "rename_field", from: "note", to: "remarks" }]);
    expect(diff.fields).toHaveLength(1);
    expect(diff.fields[0]).toMatchObject({
      kind: "changed",
      renamedFrom: "note",
      properties: [{ property: "label", before: "Note", after: "Remarks" }],
    });
  });

  test("added and removed fields", () => {
    const v2 = [...v1.filter((f) => f.key !== "note"), { key: "eta", label: "ETA", type: "datetime" } as FieldDefinition];
    const diff = diffVersions(v1, v2, []);
    expect(diff.fields.map((f) => f.kind)).toEqual(["added", "removed"]);
  });

  test("a type change", () => {
    const v2 = v1.map((f) => (f.key === "weight" ? ({ key: "weight", label: "Weight", type: "integer" } as FieldDefinition) : f));
    expect(diffVersions(v1, v2, [])).toMatchObject({ fields: [{ kind: "changed", typeChanged: true }] });
  });

  test.each([
    {
      name: "renamed option",
      options: [{ value: "OPEN" }, { value: "DONE", color: "green" }],
      changes: [{ op: "rename_option", key: "state", from: "NEW", to: "OPEN" }],
      expected: { added: [], removed: [], renamed: [{ from: "NEW", to: "OPEN" }], relabelled: [], reordered: false },
    },
    {
      name: "added and removed options",
      options: [{ value: "NEW" }, { value: "LOST" }],
      changes: [],
      expected: {
        added: [{ value: "LOST" }],
        removed: [{ value: "DONE", color: "green" }],
        renamed: [],
        relabelled: [],
        reordered: false,
      },
    },
    {
      name: "recoloured and reordered",
      options: [{ value: "DONE", color: "red" }, { value: "NEW" }],
      changes: [],
      expected: {
        added: [],
        removed: [],
        renamed: [],
        relabelled: [{ value: "DONE", before: { value: "DONE", color: "green" }, after: { value: "DONE", color: "red" } }],
        reordered: true,
      },
    },
  ])("$name", ({ options, changes, expected }) => {
    const v2 = v1.map((f) => (f.key === "state" ? { ...f, options } : f));
    expect(diffVersions(v1, v2, changes).fields[0]).toMatchObject({ kind: "changed", options: expected });
  });

  test("details and moves come from the declared changes", () => {
    const diff = diffVersions(v1, v1, [
      { op: "set_details", name: "Deliveries", before: { name: "Delivery", description: null, icon: null } },
      { op: "move_field", key: "note", after: null },
    ]);
    expect(diff).toEqual({
      fields: [],
      moved: ["note"],
      details: [{ property: "name", before: "Delivery", after: "Deliveries" }],
    });
  });
});
