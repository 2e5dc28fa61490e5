import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { SignedInUser } from "../helpers.ts";
import {
  type Blueprint,
  call,
  create,
  createBlueprint,
  createMany,
  type Entity,
  get,
  historyOf,
  query,
  refused,
  setUpTenant,
  sql,
} from "./fixtures.ts";

/**
 * The trash (a blueprint and its entities round-trip) and flow transitions (refused ones
 * write nothing) through supabase-js.
 */

afterAll(() => sql.end());

let editor: SignedInUser;
let viewer: SignedInUser;

beforeAll(async () => {
  ({ editor, viewer } = await setUpTenant("Entities trash"));
});

describe("the trash", () => {
  test("deleting then restoring a blueprint brings back exactly its live entities", async () => {
    const crates = (await createBlueprint(editor, "Crates", [{ key: "name", label: "Name", type: "text", unique: true }])).id;
    const [c1, c2, c3] = await createMany(editor, crates, [{ name: "one" }, { name: "two" }, { name: "three" }]);
    if (!c1 || !c2 || !c3) throw new Error("three crates expected");
    await call(editor, "delete_entity", { p_entity_id: c3.id }); // already in the trash on its own

    const deleted = await call<Blueprint & { entities_trashed: number }>(editor, "delete_blueprint", { p_blueprint_id: crates });
    expect(deleted.deleted_at).not.toBeNull();
    expect(deleted.entities_trashed).toBe(2);
    expect((await get(editor, c1.id)).deleted_at).not.toBeNull();
    expect((await query(editor, crates)).entities).toEqual([]);
    expect(await refused(editor, "create_entity", { p_blueprint_id: crates, p_data: { name: "four" } })).toMatchObject({
      status: 409,
      code: "FOCON",
      details: { field: "blueprint_id", rule: "in_trash" },
    });
    expect(await refused(editor, "restore_entity", { p_entity_id: c1.id })).toMatchObject({
      status: 409,
      details: { field: "blueprint_id", rule: "in_trash" },
    });

    const restored = await call<Blueprint & { entities_restored: number }>(editor, "restore_blueprint", {
      p_blueprint_id: crates,
    });
    expect(restored).toMatchObject({ deleted_at: null, entities_restored: 2 });
    const back = (await query(editor, crates, { p_sort: [{ field: "name", direction: "asc" }] })).entities;
    expect(back.map((e) => [e.id, e.data, e.deleted_at ?? null])).toEqual([
      [c1.id, { name: "one" }, null],
      [c2.id, { name: "two" }, null],
    ]);
    expect((await get(editor, c3.id)).deleted_at).not.toBeNull();
    // unique values were claimed again on the way back
    expect(await refused(editor, "create_entity", { p_blueprint_id: crates, p_data: { name: "ONE" } })).toMatchObject({
      status: 409,
      details: { field: "name", rule: "unique" },
    });
  });
});

describe("flows", () => {
  let jobs: string;

  beforeAll(async () => {
    jobs = (
      await createBlueprint(editor, "Jobs", [
        { key: "title", label: "Title", type: "text", required: true },
        { key: "weight", label: "Weight", type: "number" },
        {
          key: "status",
          label: "Status",
          type: "status",
          options: [{ value: "PENDING" }, { value: "IN_PROGRESS" }, { value: "DONE" }],
        },
        { key: "started_at", label: "Started", type: "datetime" },
        { key: "runner", label: "Runner", type: "member" },
        { key: "attempts", label: "Attempts", type: "integer" },
      ])
    ).id;
    await call(editor, "save_flow", {
      p_blueprint_id: jobs,
      p_expected_version: 0,
      p_flow: {
        state_field: "status",
        transitions: [
          {
            key: "start",
            name: "Start",
            from: ["PENDING"],
            to: "IN_PROGRESS",
            guard: { field: "weight", op: "gt", value: 0 },
            updates: [
              { field: "started_at", kind: "now" },
              { field: "runner", kind: "current_user" },
              { field: "attempts", kind: "add", operand: 1 },
            ],
          },
          { key: "finish", name: "Finish", from: ["IN_PROGRESS"], to: "DONE" },
        ],
      },
    });
  });

  test("a transition from the wrong state is refused (409 FOCON from_state) and writes nothing", async () => {
    const job = await create(editor, jobs, { title: "Paint", weight: 5 });
    expect(job.data.status).toBe("PENDING");
    const wrong = await refused(editor, "transition_entity", {
      p_entity_id: job.id,
      p_transition: "finish",
      p_expected_version: 1,
    });
    expect(wrong).toMatchObject({ status: 409, code: "FOCON", details: { field: "status", rule: "from_state" } });
    expect(await get(editor, job.id)).toEqual(job);
    expect(await historyOf(job.id)).toHaveLength(1);

    const started = await call<Entity>(editor, "transition_entity", {
      p_entity_id: job.id,
      p_transition: "start",
      p_expected_version: 1,
    });
    expect(started).toMatchObject({ version: 2, data: { status: "IN_PROGRESS", runner: editor.id, attempts: 1 } });
    expect(Date.parse(String(started.data.started_at))).toBeGreaterThan(Date.now() - 60_000);
    const stale = await refused(editor, "transition_entity", {
      p_entity_id: job.id,
      p_transition: "finish",
      p_expected_version: 1,
    });
    expect(stale).toMatchObject({ status: 409, code: "FOCON", details: { field: "expected_version", rule: "stale" } });
    const done = await call<Entity>(editor, "transition_entity", {
      p_entity_id: job.id,
      p_transition: "finish",
      p_expected_version: 2,
    });
    expect(done).toMatchObject({ version: 3, data: { status: "DONE" } });
    expect((await historyOf(job.id)).map((h) => [h.transition_key ?? h.action, h.from_state, h.to_state])).toEqual([
      ["create", null, null],
      ["start", "PENDING", "IN_PROGRESS"],
      ["finish", "IN_PROGRESS", "DONE"],
    ]);
  });

  test("a failing guard is refused and writes nothing; a Viewer may not run a transition", async () => {
    const light = await create(editor, jobs, { title: "Nothing", weight: 0 });
    const guard = await refused(editor, "transition_entity", {
      p_entity_id: light.id,
      p_transition: "start",
      p_expected_version: 1,
    });
    expect(guard).toMatchObject({ status: 409, code: "FOCON", details: { field: null, rule: "guard" } });
    expect(await get(editor, light.id)).toEqual(light);
    const heavy = await create(editor, jobs, { title: "Lift", weight: 9 });
    const denied = await refused(viewer, "transition_entity", {
      p_entity_id: heavy.id,
      p_transition: "start",
      p_expected_version: 1,
    });
    expect(denied).toMatchObject({ status: 403, code: "FODEN" });
    expect(await get(editor, heavy.id)).toEqual(heavy);
  });
});
