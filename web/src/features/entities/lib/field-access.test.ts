import { expect, test } from "vitest";
import { canRead, canWrite, parseAccess } from "./field-access.ts";

test("an Admin may do everything with every field", () => {
  const access = parseAccess({
    roles: [{ source: "admin", grants: null }],
    actions: {
      read: { allowed: true },
      create: { allowed: true },
      update: { allowed: true },
      delete: { allowed: true },
      transition: { allowed: true },
    },
  });
  expect(canRead(access, "anything")).toBe(true);
  expect(canWrite(access, "update", "anything")).toBe(true);
  expect(access.presetOnCreate.size).toBe(0);
  expect(access.entity).toBeNull();
});

test("listed fields limit reading and writing; an action not granted allows nothing", () => {
  const access = parseAccess({
    roles: [
      {
        source: "grants",
        grants: [
          { action: "read", fields: ["title"] },
          { action: "update", fields: ["title"] },
        ],
      },
    ],
    actions: {
      read: { allowed: true, fields: ["title", "status"] },
      update: { allowed: true, fields: ["title"] },
      create: { allowed: false, reason: "no_grant" },
    },
    entity: { read: { allowed: true }, update: { allowed: false, reason: "row_rule" } },
  });
  expect(canRead(access, "status")).toBe(true);
  expect(canRead(access, "secret")).toBe(false);
  expect(canWrite(access, "update", "status")).toBe(false);
  expect(canWrite(access, "create", "title")).toBe(false);
  expect(access.entity).toEqual({ read: true, create: false, update: false, delete: false, transition: false });
});

test.each([
  {
    name: "every create grant presets the region",
    grants: [
      { action: "create", presets: { region: "north", owner: { var: "user.id" } } },
      { action: "create", presets: { region: "south" } },
    ],
    preset: ["region"],
  },
  {
    name: "one create grant without presets",
    grants: [{ action: "create", presets: { region: "north" } }, { action: "create" }],
    preset: [],
  },
  { name: "no create grant", grants: [{ action: "read" }], preset: [] },
])("presets: $name", ({ grants, preset }) => {
  const access = parseAccess({ roles: [{ source: "grants", grants }], actions: { create: { allowed: true } } });
  expect([...access.presetOnCreate]).toEqual(preset);
});
