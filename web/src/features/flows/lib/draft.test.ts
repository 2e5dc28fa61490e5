import { expect, test } from "vitest";
import { blueprintChanges, draftFromDesign, draftSignature, flowPayload, parseOperand, updatePayload } from "./draft.ts";
import { addState, addTransition, deleteState, updateState, updateTransition } from "./draft-edits.ts";
import { deliveryDesign, present } from "./test-fixtures.ts";

test("a blueprint without a flow starts with its options laid out and its default as the initial state", () => {
  const draft = draftFromDesign(deliveryDesign());
  expect(draft.states.map((s) => [s.key, s.label, s.x, s.y])).toEqual([["NEW", "New", 0, 0]]);
  expect(draft.initial).toBe("NEW");
  expect(draft.transitions).toEqual([]);
});

test("saved positions win over the row layout", () => {
  const design = deliveryDesign({ flow: { version: 3, states: [{ key: "NEW", x: 40, y: 80 }], transitions: [] } });
  const [state] = draftFromDesign(design).states;
  expect([state?.x, state?.y]).toEqual([40, 80]);
});

test("building the delivery flow gives the payload save_flow takes", () => {
  let draft = draftFromDesign(deliveryDesign());
  const inDelivery = addState(draft, "In delivery");
  draft = inDelivery.draft;
  draft = addState(draft, "Delivered").draft;
  const started = addTransition(draft, ["NEW"], "IN_DELIVERY", "Delivery started");
  draft = started.draft;
  draft = updateTransition(draft, started.id, {
    updates: [{ id: "u1", field: "started_at", kind: "now", value: undefined, from: "", operand: "", source: "operand" }],
  });
  const payload = flowPayload(draft, "status");
  expect(payload.states).toEqual([
    { key: "NEW", x: 0, y: 0 },
    { key: "IN_DELIVERY", x: 0, y: 140 },
    { key: "DELIVERED", x: 0, y: 280 },
  ]);
  expect(payload.transitions).toEqual([
    {
      key: "delivery_started",
      name: "Delivery started",
      from: ["NEW"],
      to: "IN_DELIVERY",
      guard: null,
      roles: [],
      updates: [{ field: "started_at", kind: "now" }],
      inputs: [],
    },
  ]);
});

test.each([
  { name: "nothing changed", edit: (d: ReturnType<typeof draftFromDesign>) => d, ops: [] },
  { name: "a state added", edit: (d: ReturnType<typeof draftFromDesign>) => addState(d, "Done").draft, ops: ["update_field"] },
  {
    name: "a key renamed",
    edit: (d: ReturnType<typeof draftFromDesign>) => updateState(d, d.states[0]?.id ?? "", { key: "FRESH" }),
    ops: ["rename_option"],
  },
  {
    name: "a key renamed and a colour changed",
    edit: (d: ReturnType<typeof draftFromDesign>) => updateState(d, d.states[0]?.id ?? "", { key: "FRESH", color: "blue" }),
    ops: ["rename_option", "update_field"],
  },
])("status field changes: $name", ({ edit, ops }) => {
  const design = deliveryDesign();
  const { changes } = blueprintChanges(present(design.statusField), edit(draftFromDesign(design)));
  expect(changes.map((c) => c.op)).toEqual(ops);
});

test("an option without a label is not a change", () => {
  const design = deliveryDesign();
  const bare = { ...present(design.statusField), options: [{ value: "NEW" }] };
  expect(blueprintChanges(bare, draftFromDesign({ ...design, statusField: bare })).changes).toEqual([]);
});

test("the new status field carries the states and the initial state", () => {
  const design = deliveryDesign();
  let draft = addState(draftFromDesign(design), "Done").draft;
  draft = { ...draft, initial: null };
  const [change] = blueprintChanges(present(design.statusField), draft).changes;
  expect(change).toEqual({
    op: "update_field",
    key: "status",
    field: {
      key: "status",
      label: "Status",
      type: "status",
      options: [
        { value: "NEW", label: "New", color: "gray" },
        { value: "DONE", label: "Done" },
      ],
    },
  });
});

test("renaming a state's key renames it in transitions and the initial state", () => {
  let draft = addState(draftFromDesign(deliveryDesign()), "Done").draft;
  draft = addTransition(draft, ["NEW"], "DONE", "Finish").draft;
  draft = updateState(draft, present(draft.states[0]).id, { key: "FRESH" });
  expect(draft.initial).toBe("FRESH");
  expect(draft.transitions[0]?.from).toEqual(["FRESH"]);
});

test("a new state's key follows its name until typed", () => {
  let { draft, id } = addState(draftFromDesign(deliveryDesign()), "Untitled state");
  draft = updateState(draft, id, { label: "In delivery" });
  expect(draft.states[1]?.key).toBe("IN_DELIVERY");
  draft = updateState(draft, id, { key: "SHIPPING" });
  draft = updateState(draft, id, { label: "On the road" });
  expect(draft.states[1]?.key).toBe("SHIPPING");
});

test("deleting a state drops transitions into it and from it alone", () => {
  let draft = draftFromDesign(deliveryDesign());
  draft = addState(draft, "A").draft;
  draft = addState(draft, "B").draft;
  draft = addTransition(draft, ["NEW"], "A", "to a").draft;
  draft = addTransition(draft, ["A"], "B", "a to b").draft;
  draft = addTransition(draft, ["A", "NEW"], "B", "either to b").draft;
  draft = addTransition(draft, null, "NEW", "restart").draft;
  const a = present(draft.states.find((s) => s.key === "A"));
  const after = deleteState(draft, a.id);
  expect(after.transitions.map((t) => [t.name, t.from])).toEqual([
    ["either to b", ["NEW"]],
    ["restart", null],
  ]);
});

test("the signature ignores ids but sees positions", () => {
  const design = deliveryDesign();
  const one = draftFromDesign(design);
  const two = draftFromDesign(design);
  expect(draftSignature(one)).toBe(draftSignature(two));
  const moved = { ...two, states: two.states.map((s) => ({ ...s, x: s.x + 10 })) };
  expect(draftSignature(moved)).not.toBe(draftSignature(one));
});

test.each([
  { name: "integer", text: "3", value: 3 },
  { name: "decimal comma", text: "2,5", value: 2.5 },
  { name: "negative", text: "-1.25", value: -1.25 },
  { name: "empty", text: " ", value: null },
  { name: "letters", text: "3x", value: null },
])("operand $name", ({ text, value }) => {
  expect(parseOperand(text)).toBe(value);
});

test.each([
  {
    name: "arithmetic with an operand",
    draft: { field: "attempts", kind: "add" as const, operand: "1", source: "operand" as const, from: "", value: undefined },
    payload: { field: "attempts", kind: "add", operand: 1 },
  },
  {
    name: "arithmetic with a field",
    draft: {
      field: "attempts",
      kind: "multiply" as const,
      operand: "",
      source: "field" as const,
      from: "attempts",
      value: undefined,
    },
    payload: { field: "attempts", kind: "multiply", from: "attempts" },
  },
  {
    name: "input",
    draft: {
      field: "recipient",
      kind: "input" as const,
      operand: "",
      source: "operand" as const,
      from: "recipient_name",
      value: undefined,
    },
    payload: { field: "recipient", kind: "input", from: "recipient_name" },
  },
  {
    name: "literal",
    draft: {
      field: "recipient",
      kind: "literal" as const,
      operand: "",
      source: "operand" as const,
      from: "",
      value: "Front desk",
    },
    payload: { field: "recipient", kind: "literal", value: "Front desk" },
  },
])("update payload: $name", ({ draft, payload }) => {
  expect(updatePayload({ id: "u", ...draft })).toEqual(payload);
});

test("new states fill the first free place, in columns of four", () => {
  let draft = draftFromDesign(deliveryDesign());
  for (const name of ["B", "C", "D", "E"]) draft = addState(draft, name).draft;
  expect(draft.states.map((s) => [s.x, s.y])).toEqual([
    [0, 0],
    [0, 140],
    [0, 280],
    [0, 420],
    [280, 0],
  ]);
  const moved = { ...draft, states: draft.states.map((s) => (s.key === "C" ? { ...s, x: 900 } : s)) };
  const added = addState(moved, "F").draft.states.at(-1);
  expect([added?.x, added?.y]).toEqual([0, 280]);
});
