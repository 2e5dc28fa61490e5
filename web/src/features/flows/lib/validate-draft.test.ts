import { expect, test } from "vitest";
import { draftFromDesign, type FlowDraft, type UpdateDraft } from "./draft.ts";
import { addState, addTransition, updateState, updateTransition } from "./draft-edits.ts";
import type { DraftIssue } from "./issues.ts";
import { deliveryDesign, deliveryFields, present } from "./test-fixtures.ts";
import { validateDraft } from "./validate-draft.ts";

function deliveryDraft(): { draft: FlowDraft; id: string } {
  let draft = addState(draftFromDesign(deliveryDesign()), "In delivery").draft;
  const added = addTransition(draft, ["NEW"], "IN_DELIVERY", "Delivery started");
  draft = added.draft;
  return { draft, id: added.id };
}

const update = (patch: Partial<UpdateDraft>): UpdateDraft => ({
  id: "u",
  field: "started_at",
  kind: "now",
  value: undefined,
  from: "",
  operand: "",
  source: "operand",
  ...patch,
});

const what = (issue: DraftIssue) => ("code" in issue ? issue.code : "field" in issue ? issue.field.rule : issue.message);
const where = (issues: DraftIssue[]) =>
  issues.map((issue) => `${"path" in issue.target ? issue.target.path : issue.target.kind}:${what(issue)}`);

test("the delivery flow is valid", () => {
  const { draft, id } = deliveryDraft();
  const done = updateTransition(draft, id, { updates: [update({})] });
  expect(validateDraft(done, deliveryFields, "status")).toEqual([]);
});

test.each([
  { name: "blank name", patch: { name: "  " }, found: ["name:transitionName"] },
  { name: "bad key", patch: { key: "Delivery" }, found: ["key:transitionKey"] },
  { name: "unknown target state", patch: { to: "GONE" }, found: ["to:transitionTo"] },
  { name: "no start state", patch: { from: [] }, found: ["from:transitionFrom"] },
  { name: "any start state", patch: { from: null }, found: [] },
  {
    name: "guard on an unknown field",
    patch: { guard: { field: "weight", op: "gt" as const, value: 0 } },
    found: ["guard:guardInvalid"],
  },
  { name: "guard that fits", patch: { guard: { field: "started_at", op: "is_null" as const, value: true } }, found: [] },
  { name: "update without a field", patch: { updates: [update({ field: "" })] }, found: ["updates.0.field:updateField"] },
  {
    name: "update of the state field",
    patch: { updates: [update({ field: "status" })] },
    found: ["updates.0.field:updateStateField"],
  },
  {
    name: "the same field twice",
    patch: { updates: [update({}), update({ id: "u2" })] },
    found: ["updates.1.field:updateFieldTwice"],
  },
  { name: "now on a text field", patch: { updates: [update({ field: "recipient" })] }, found: ["updates.0.kind:updateKind"] },
  {
    name: "literal without a value",
    patch: { updates: [update({ field: "recipient", kind: "literal" })] },
    found: ["updates.0.value:updateValue"],
  },
  {
    name: "literal the field does not take",
    patch: { updates: [update({ field: "attempts", kind: "literal", value: "1.5" })] },
    found: ["updates.0.value:number"],
  },
  {
    name: "literal that fits",
    patch: { updates: [update({ field: "attempts", kind: "literal", value: 3 })] },
    found: [],
  },
  {
    name: "input that does not exist",
    patch: { updates: [update({ field: "recipient", kind: "input", from: "note" })] },
    found: ["updates.0.from:updateInput"],
  },
  {
    name: "copy of a field that cannot fill it",
    patch: { updates: [update({ field: "attempts", kind: "copy", from: "started_at" })] },
    found: ["updates.0.from:updateFrom"],
  },
  {
    name: "arithmetic with a bad operand",
    patch: { updates: [update({ field: "attempts", kind: "add", operand: "one" })] },
    found: ["updates.0.operand:updateOperand"],
  },
  {
    name: "current user on a member field",
    patch: { updates: [update({ field: "courier", kind: "current_user" })] },
    found: [],
  },
  {
    name: "inputs with a system key and a duplicate",
    patch: {
      inputs: [
        { id: "i1", key: "created_at", label: "When", type: "datetime" as const, required: false, autoKey: false, rest: {} },
        { id: "i2", key: "note", label: "Note", type: "text" as const, required: true, autoKey: false, rest: {} },
        { id: "i3", key: "note", label: " ", type: "text" as const, required: true, autoKey: false, rest: {} },
      ],
    },
    found: ["inputs.0.key:inputKey", "inputs.2.label:inputLabel", "inputs.2.key:inputKeyDuplicate"],
  },
])("transition: $name", ({ patch, found }) => {
  const { draft, id } = deliveryDraft();
  expect(where(validateDraft(updateTransition(draft, id, patch), deliveryFields, "status"))).toEqual(found);
});

test("two transitions with one key", () => {
  let { draft } = deliveryDraft();
  const second = addTransition(draft, ["NEW"], "IN_DELIVERY", "Other");
  draft = updateTransition(second.draft, second.id, { key: "delivery_started" });
  expect(where(validateDraft(draft, deliveryFields, "status"))).toEqual(["key:transitionKeyDuplicate"]);
});

test("states need names and distinct keys", () => {
  let draft = addState(draftFromDesign(deliveryDesign()), "In delivery").draft;
  const [first, second] = draft.states;
  draft = updateState(draft, present(first).id, { label: " " });
  draft = { ...draft, states: draft.states.map((s) => (s.id === present(second).id ? { ...s, key: "NEW" } : s)) };
  expect(
    validateDraft(draft, deliveryFields, "status").map((i) => [i.target.kind, "prop" in i.target ? i.target.prop : "", what(i)]),
  ).toEqual([
    ["state", "label", "stateLabel"],
    ["state", "key", "stateKeyDuplicate"],
  ]);
});

test("a flow without states cannot be saved", () => {
  const empty: FlowDraft = { states: [], initial: null, transitions: [] };
  expect(where(validateDraft(empty, deliveryFields, "status"))).toEqual(["states:noStates"]);
});
