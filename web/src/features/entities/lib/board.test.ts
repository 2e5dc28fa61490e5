import type { FieldDefinition } from "@flexoffice/shared";
import { expect, test } from "vitest";
import type { EntityTransition } from "../api/entity-transitions-query.ts";
import { boardColumns, planMove, reachableStates } from "./board.ts";

const transition = (key: string, to: string, extra: Partial<EntityTransition> = {}): EntityTransition => ({
  key,
  name: key,
  to,
  inputs: [],
  available: true,
  reason: null,
  guard: null,
  ...extra,
});

test("columns follow the flow's states, labelled by the status options; unlisted options come last", () => {
  const status: FieldDefinition = {
    key: "status",
    label: "Status",
    type: "status",
    options: [{ value: "NEW", label: "New", color: "gray" }, { value: "DONE", label: "Done" }, { value: "LOST" }],
  };
  const flow = { id: "f", version: 1, stateField: "status", states: [{ key: "DONE" }, { key: "NEW" }], transitions: [] };
  expect(boardColumns(flow, status)).toEqual([
    { state: "DONE", label: "Done", color: undefined },
    { state: "NEW", label: "New", color: "gray" },
    { state: "LOST", label: "LOST", color: undefined },
  ]);
});

test.each([
  { name: "same column", list: [transition("a", "B")], from: "A", to: "A", kind: "same" },
  { name: "one transition", list: [transition("a", "B"), transition("c", "C")], from: "A", to: "B", kind: "run" },
  { name: "two transitions", list: [transition("a", "B"), transition("b", "B")], from: "A", to: "B", kind: "choose" },
  { name: "no transition leads there", list: [transition("a", "B")], from: "A", to: "C", kind: "none" },
  {
    name: "only from another state",
    list: [transition("a", "B", { available: false, reason: "from_state" })],
    from: "A",
    to: "B",
    kind: "none",
  },
  {
    name: "guard not met",
    list: [transition("a", "B", { available: false, reason: "guard", guard: "weight > 0" })],
    from: "A",
    to: "B",
    kind: "blocked",
  },
  {
    name: "not the member's role",
    list: [transition("a", "B", { available: false, reason: "role" })],
    from: "A",
    to: "B",
    kind: "blocked",
  },
])("move: $name", ({ list, from, to, kind }) => {
  expect(planMove(list, from, to).kind).toBe(kind);
});

test("reachable columns are the targets of available transitions", () => {
  expect([...reachableStates([transition("a", "B"), transition("b", "C", { available: false, reason: "guard" })])]).toEqual([
    "B",
  ]);
});
