import type { FieldDefinition } from "@flexoffice/shared";
import { expect, test } from "vitest";
import type { EntityAccess } from "../api/access-query.ts";
import { formFieldSpecs } from "./form-fields.ts";

const fields: FieldDefinition[] = [
  { key: "title", label: "Title", type: "text", required: true },
  {
    key: "status",
    label: "Status",
    type: "status",
    required: true,
    options: [{ value: "NEW" }],
    default: { kind: "literal", value: "NEW" },
  },
  { key: "started_at", label: "Started", type: "datetime", default: { kind: "now" } },
  { key: "secret", label: "Secret", type: "text" },
  { key: "region", label: "Region", type: "text" },
];

const access = (over: Partial<EntityAccess> = {}): EntityAccess => ({
  read: { allowed: true, fields: null },
  create: { allowed: true, fields: null },
  update: { allowed: true, fields: null },
  delete: { allowed: true, fields: null },
  transition: { allowed: true, fields: null },
  presetOnCreate: new Set(),
  entity: null,
  ...over,
});

const summary = (specs: ReturnType<typeof formFieldSpecs>) =>
  specs.map(
    (spec) =>
      `${spec.field.key}:${spec.editable ? "edit" : "locked"}${spec.required ? "*" : ""}${spec.note ? `(${spec.note})` : ""}`,
  );

test("create: a default makes a required field optional; now and me defaults are explained", () => {
  expect(summary(formFieldSpecs("create", fields, access(), "status"))).toEqual([
    "title:edit*",
    "status:edit",
    "started_at:edit(defaultNow)",
    "secret:edit",
    "region:edit",
  ]);
});

test("edit: the state field belongs to the flow", () => {
  expect(summary(formFieldSpecs("edit", fields, access(), "status"))).toEqual([
    "title:edit*",
    "status:locked(flow)",
    "started_at:edit",
    "secret:edit",
    "region:edit",
  ]);
});

test("hidden fields are absent; readable but not writable ones are locked; presets are explained", () => {
  const restricted = access({
    read: { allowed: true, fields: ["title", "status", "started_at", "region"] },
    create: { allowed: true, fields: ["title", "region"] },
    update: { allowed: true, fields: ["title"] },
    presetOnCreate: new Set(["region"]),
  });
  expect(summary(formFieldSpecs("create", fields, restricted, "status"))).toEqual([
    "title:edit*",
    "status:locked(readOnly)",
    "started_at:locked(readOnly)",
    "region:locked(preset)",
  ]);
  expect(summary(formFieldSpecs("edit", fields, restricted, "status"))).toEqual([
    "title:edit*",
    "status:locked(flow)",
    "started_at:locked(readOnly)",
    "region:locked(readOnly)",
  ]);
});
