import type { FieldDefinition, PermissionGrant } from "@flexoffice/shared";
import { validateGrants } from "@flexoffice/shared";
import { describe, expect, test } from "vitest";
import {
  defaultGrants,
  draftFromGrants,
  fieldAllowed,
  grantsFingerprint,
  grantsFromDraft,
  locateGrantField,
  newPresetId,
  presetVariableFits,
  slotId,
  toggleField,
} from "./grants.ts";

const FIELDS: FieldDefinition[] = [
  { key: "title", label: "Title", type: "text" },
  { key: "driver", label: "Driver", type: "member" },
  { key: "weight", label: "Weight", type: "number" },
  { key: "note", label: "Note", type: "long_text" },
];
const KEYS = FIELDS.map((field) => field.key);

describe("grants <-> editor draft", () => {
  test.each<{ name: string; grants: PermissionGrant[] }>([
    { name: "nothing", grants: [] },
    { name: "Viewer default", grants: defaultGrants("viewer", true) },
    { name: "Editor default", grants: defaultGrants("editor", true) },
    {
      name: "a driver",
      grants: [
        { action: "read", rows: { field: "driver", op: "eq", value: { var: "user.id" } }, fields: ["title", "driver", "weight"] },
        { action: "create", fields: ["title", "weight"], presets: { driver: { var: "user.id" }, weight: 1 } },
        {
          action: "update",
          rows: { field: "driver", op: "eq", value: { var: "user.id" } },
          fields: ["weight"],
          validation: { field: "weight", op: "lte", value: 30 },
        },
        { action: "transition", transition: "deliver", rows: { field: "driver", op: "eq", value: { var: "user.id" } } },
      ],
    },
  ])("round trip: $name", ({ grants }) => {
    const draft = draftFromGrants(grants, ["deliver", "start"], FIELDS);
    const back = grantsFromDraft(draft, FIELDS).grants;
    expect(grantsFingerprint(back)).toBe(grantsFingerprint(grants));
    expect(validateGrants(back, FIELDS, ["deliver", "start"])).toEqual([]);
  });

  test("defaults: custom roles get nothing, Admin is not edited", () => {
    expect(defaultGrants("driver", false)).toEqual([]);
    expect(defaultGrants("admin", true)).toEqual([]);
  });

  test("a transition the flow no longer has is kept, not dropped", () => {
    const draft = draftFromGrants([{ action: "transition", transition: "gone" }], ["deliver"], FIELDS);
    expect(draft.transitions.map((transition) => [transition.key, transition.enabled])).toEqual([
      [null, false],
      ["deliver", false],
      ["gone", true],
    ]);
    expect(grantsFromDraft(draft, FIELDS).grants).toEqual([{ action: "transition", transition: "gone" }]);
  });

  test("slots tell which card a grant came from", () => {
    const draft = draftFromGrants(
      [{ action: "read" }, { action: "delete" }, { action: "transition" }, { action: "transition", transition: "deliver" }],
      ["deliver"],
      FIELDS,
    );
    const { slots } = grantsFromDraft(draft, FIELDS);
    expect(slots.map(slotId)).toEqual(["read", "delete", "transition:*", "transition:deliver"]);
    expect(locateGrantField("grants.3.rows.and.0", slots)).toEqual({
      slot: { action: "transition", key: "deliver" },
      part: "rows",
      detail: "and.0",
    });
    expect(locateGrantField("grants.1", slots)).toEqual({ slot: { action: "delete" }, part: "", detail: "" });
    expect(locateGrantField("grants.9.rows", slots)).toBeNull();
    expect(locateGrantField("role_id", slots)).toBeNull();
  });

  test("a preset literal is typed text converted for its field; an empty one saves null for the database to refuse", () => {
    const draft = draftFromGrants([{ action: "create" }], [], FIELDS);
    draft.create.presets = [
      { id: newPresetId(), field: "weight", source: "value", text: "2.5" },
      { id: newPresetId(), field: "title", source: "value", text: "" },
      { id: newPresetId(), field: "", source: "value", text: "ignored" },
    ];
    expect(grantsFromDraft(draft, FIELDS).grants).toEqual([{ action: "create", presets: { weight: 2.5, title: null } }]);
  });

  test("preset variables: never user.roles", () => {
    expect(presetVariableFits("user.id", "member")).toBe(true);
    expect(presetVariableFits("user.roles", "text")).toBe(false);
    expect(presetVariableFits("now", "date")).toBe(true);
    expect(presetVariableFits("member.region", "text")).toBe(true);
  });
});

describe("field matrix", () => {
  test("unticking one field from 'every field' lists the others, ticking it back keeps the order", () => {
    const draft = draftFromGrants([{ action: "read" }], [], FIELDS);
    const hidden = toggleField(draft.read, "note", KEYS, false);
    expect(hidden.fields).toEqual(["title", "driver", "weight"]);
    expect(fieldAllowed(hidden, "note")).toBe(false);
    expect(toggleField(hidden, "note", KEYS, true).fields).toEqual(KEYS);
  });

  test("nothing is allowed while the action is off", () => {
    const draft = draftFromGrants([], [], FIELDS);
    expect(fieldAllowed(draft.read, "title")).toBe(false);
  });
});
