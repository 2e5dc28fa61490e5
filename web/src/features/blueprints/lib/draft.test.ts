import type { FieldDefinition } from "@flexoffice/shared";
import { describe, expect, test } from "vitest";
import { type BlueprintChange, type Draft, draftChanges, draftFromVersion, moveChanges } from "./draft.ts";

/** What the database does with a change list (private.apply_blueprint_change), reduced to keys, types and options. */
function apply(fields: FieldDefinition[], changes: BlueprintChange[]): FieldDefinition[] {
  let list = fields.map((f) => ({ ...f }));
  const at = (key: string) => {
    const index = list.findIndex((f) => f.key === key);
    if (index < 0) throw new Error(`no field ${key}`);
    return index;
  };
  const insert = (field: FieldDefinition, after: string | null) => {
    list.splice(after === null ? 0 : at(after) + 1, 0, field);
  };
  for (const change of changes) {
    switch (change.op) {
      case "set_details":
        break;
      case "add_field":
        if (list.some((f) => f.key === change.field.key)) throw new Error(`duplicate ${change.field.key}`);
        insert(change.field, change.after);
        break;
      case "remove_field":
        list.splice(at(change.key), 1);
        break;
      case "rename_field": {
        if (list.some((f) => f.key === change.to)) throw new Error(`rename onto ${change.to}`);
        const index = at(change.from);
        list[index] = { ...(list[index] as FieldDefinition), key: change.to };
        break;
      }
      case "update_field":
      case "change_type":
        list[at(change.key)] = change.field;
        break;
      case "rename_option": {
        const index = at(change.key);
        const field = list[index] as FieldDefinition;
        list[index] = {
          ...field,
          options: field.options?.map((o) => (o.value === change.from ? { ...o, value: change.to } : o)),
        };
        break;
      }
      case "merge_options":
        break;
      case "move_field": {
        const [moved] = list.splice(at(change.key), 1);
        insert(moved as FieldDefinition, change.after);
        break;
      }
    }
  }
  list = list.map((f) => ({ ...f }));
  return list;
}

const text = (key: string, extra: Partial<FieldDefinition> = {}): FieldDefinition => ({
  key,
  label: key,
  type: "text",
  ...extra,
});
const details = { name: "Delivery", description: "", icon: null };
const loaded = [
  text("title", { required: true }),
  { key: "state", label: "State", type: "single_select", options: [{ value: "NEW" }, { value: "DONE" }] },
  { key: "weight", label: "Weight", type: "number" },
  text("note"),
] satisfies FieldDefinition[];

function edit(change: (draft: Draft) => void): { changes: BlueprintChange[]; result: FieldDefinition[]; draft: Draft } {
  const draft = draftFromVersion(details, loaded);
  change(draft);
  const { changes } = draftChanges({ details, fields: loaded }, draft);
  return { changes, result: apply(loaded, changes), draft };
}

const keysOf = (fields: FieldDefinition[]) => fields.map((f) => f.key);

describe("draftChanges", () => {
  test("no edit, no change", () => {
    expect(edit(() => undefined).changes).toEqual([]);
  });

  test.each([
    {
      name: "details",
      change: (d: Draft) => {
        d.details = { name: "Deliveries ", description: "All of them", icon: "truck" };
      },
      ops: [{ op: "set_details", name: "Deliveries", description: "All of them", icon: "truck" }],
    },
    {
      name: "make a field required",
      change: (d: Draft) => {
        (d.fields[2] as Draft["fields"][number]).field = { ...loaded[2], required: true } as FieldDefinition;
      },
      ops: [{ op: "update_field", key: "weight", field: { key: "weight", label: "Weight", type: "number", required: true } }],
    },
    {
      name: "change a type to currency names the currency",
      change: (d: Draft) => {
        (d.fields[2] as Draft["fields"][number]).field = {
          key: "weight",
          label: "Weight",
          type: "currency",
          currencies: ["USD"],
        };
      },
      ops: [
        {
          op: "change_type",
          key: "weight",
          field: { key: "weight", label: "Weight", type: "currency", currencies: ["USD"] },
          currency: "USD",
        },
      ],
    },
    {
      name: "remove",
      change: (d: Draft) => {
        d.fields.splice(3, 1);
      },
      ops: [{ op: "remove_field", key: "note" }],
    },
    {
      name: "an option value edited is a rename",
      change: (d: Draft) => {
        const item = d.fields[1] as Draft["fields"][number];
        item.field = { ...item.field, options: [{ value: "OPEN" }, { value: "DONE" }] };
      },
      ops: [{ op: "rename_option", key: "state", from: "NEW", to: "OPEN" }],
    },
    {
      name: "a blank description is no change",
      change: (d: Draft) => {
        const item = d.fields[0] as Draft["fields"][number];
        item.field = { ...item.field, description: "" };
      },
      ops: [],
    },
  ])("$name", ({ change, ops }) => {
    expect(edit(change).changes).toEqual(ops);
  });

  test("rename, then edit under the new key", () => {
    const { changes, result } = edit((d) => {
      const item = d.fields[0] as Draft["fields"][number];
      item.field = { ...item.field, key: "subject", label: "Subject" };
    });
    expect(changes.map((c) => c.op)).toEqual(["rename_field", "update_field"]);
    expect(keysOf(result)).toEqual(["subject", "state", "weight", "note"]);
  });

  test("swapping two keys goes through a temporary key", () => {
    const { changes, result } = edit((d) => {
      const [a, , , b] = d.fields as Draft["fields"];
      if (!a || !b) throw new Error("fixture");
      a.field = { ...a.field, key: "note" };
      b.field = { ...b.field, key: "title" };
    });
    expect(changes.filter((c) => c.op === "rename_field")).toHaveLength(3);
    expect(keysOf(result)).toEqual(["note", "state", "weight", "title"]);
    expect(result[0]?.required).toBe(true);
  });

  test("added fields land where the draft shows them", () => {
    const { result, changes } = edit((d) => {
      d.fields.unshift({ uid: "a", originalKey: null, optionOrigins: [], field: text("first"), keyTouched: true });
      d.fields.splice(3, 0, { uid: "b", originalKey: null, optionOrigins: [], field: text("middle"), keyTouched: true });
      d.fields.push({ uid: "c", originalKey: null, optionOrigins: [], field: text("last"), keyTouched: true });
    });
    expect(changes.every((c) => c.op === "add_field")).toBe(true);
    expect(keysOf(result)).toEqual(["first", "title", "state", "middle", "weight", "note", "last"]);
  });

  test("a field moved to the end is one move", () => {
    const { changes, result } = edit((d) => {
      d.fields.push(d.fields.shift() as Draft["fields"][number]);
    });
    expect(changes).toEqual([{ op: "move_field", key: "title", after: "note" }]);
    expect(keysOf(result)).toEqual(["state", "weight", "note", "title"]);
  });

  test("everything at once ends in the draft's order and keys", () => {
    const { draft, result } = edit((d) => {
      d.fields.reverse();
      d.fields.splice(1, 1);
      d.fields.splice(2, 0, { uid: "n", originalKey: null, optionOrigins: [], field: text("extra"), keyTouched: true });
      const first = d.fields[0] as Draft["fields"][number];
      first.field = { ...first.field, key: "remarks" };
    });
    expect(keysOf(result)).toEqual(draft.fields.map((f) => f.field.key));
  });
});

describe("moveChanges", () => {
  const permutations = (items: string[]): string[][] =>
    items.length <= 1
      ? [items]
      : items.flatMap((item, i) => permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]));

  test.each([{ name: "every order of five fields" }])("$name", () => {
    const start = ["a", "b", "c", "d", "e"];
    for (const target of permutations(start)) {
      const order = [...start];
      for (const { key, after } of moveChanges(start, target)) {
        order.splice(order.indexOf(key), 1);
        order.splice(after === null ? 0 : order.indexOf(after) + 1, 0, key);
      }
      expect(order).toEqual(target);
    }
  });

  test.each([
    { name: "unchanged", target: ["a", "b", "c"], moves: 0 },
    { name: "one to the front", target: ["c", "a", "b"], moves: 1 },
    { name: "one to the back", target: ["b", "c", "a"], moves: 1 },
    { name: "reversed", target: ["c", "b", "a"], moves: 2 },
  ])("$name", ({ target, moves }) => {
    expect(moveChanges(["a", "b", "c"], target)).toHaveLength(moves);
  });
});
