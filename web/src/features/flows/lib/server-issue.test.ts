import { expect, test, vi } from "vitest";
import { ApiError } from "../../../lib/api-error.ts";
import { draftFromDesign } from "./draft.ts";
import { addState, addTransition } from "./draft-edits.ts";
import { targetOfRefusal } from "./server-issue.ts";
import { deliveryDesign, present } from "./test-fixtures.ts";

// ApiError lives next to the browser client; the mapping under test never calls it.
vi.mock("../../../lib/supabase.ts", () => ({ supabase: {} }));

const refusal = (field: string | null, code: "FOVAL" | "FOCON" = "FOVAL") =>
  new ApiError({ code, status: code === "FOVAL" ? 422 : 409, serverMessage: "no", field, rule: "x" });

let draft = addState(draftFromDesign(deliveryDesign()), "In delivery").draft;
draft = addTransition(draft, ["NEW"], "IN_DELIVERY", "Go").draft;
const [newState, inDelivery] = draft.states;
const [go] = draft.transitions;

test.each([
  {
    name: "a transition's update",
    step: "flow" as const,
    field: "flow.transitions.0.updates.1.value",
    target: { kind: "transition", id: go?.id, path: "updates.1.value" },
  },
  {
    name: "a guard's condition",
    step: "flow" as const,
    field: "flow.transitions.0.guard.and.0",
    target: { kind: "transition", id: go?.id, path: "guard.and.0" },
  },
  {
    name: "a transition as a whole",
    step: "flow" as const,
    field: "flow.transitions.0",
    target: { kind: "transition", id: go?.id, path: "name" },
  },
  { name: "a transition that is not there", step: "flow" as const, field: "flow.transitions.7.name", target: { kind: "flow" } },
  { name: "a state", step: "flow" as const, field: "flow.states.1", target: { kind: "state", id: inDelivery?.id, prop: null } },
  { name: "the state field", step: "flow" as const, field: "flow.state_field", target: { kind: "states" } },
  {
    name: "an option",
    step: "states" as const,
    field: "changes.0.field.options.0",
    target: { kind: "state", id: newState?.id, prop: "label" },
  },
  { name: "the options together", step: "states" as const, field: "changes.0.field.options", target: { kind: "states" } },
])("$name", ({ step, field, target }) => {
  expect(targetOfRefusal(refusal(field), step, draft, [null])).toEqual(target);
});

test("a rename refusal lands on that state's key", () => {
  expect(targetOfRefusal(refusal("changes.0.to"), "states", draft, [present(inDelivery).id, null])).toEqual({
    kind: "state",
    id: present(inDelivery).id,
    prop: "key",
  });
});

test("conflicts and refusals without a field are not placed", () => {
  expect(targetOfRefusal(refusal("expected_version", "FOCON"), "flow", draft, [])).toBeNull();
  expect(targetOfRefusal(refusal(null), "flow", draft, [])).toBeNull();
});
