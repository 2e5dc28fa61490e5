import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { stackEnv, uniqueName } from "../../src/testing/index.ts";

const env = stackEnv();
const sql = postgres(env.dbUrl, { max: 4, onnotice: () => {} });
const queues: string[] = [];

type Message = { msg_id: string; read_ct: number; enqueued_at: Date; vt: Date; message: Record<string, unknown> };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function newQueue(kind: "create" | "create_unlogged" = "create"): Promise<string> {
  const name = uniqueName("q").toLowerCase();
  await sql.unsafe(`select pgmq.${kind}($1)`, [name]);
  queues.push(name);
  return name;
}

const ids = (rows: Array<{ msg_id: string } | Record<string, unknown>>, column = "msg_id") =>
  rows.map((r) => Number(r[column as keyof typeof r]));

afterAll(async () => {
  for (const q of queues) await sql`select pgmq.drop_queue(${q})`;
  await sql.end();
});

describe("queue management", () => {
  let queue = "";
  beforeAll(async () => {
    queue = await newQueue();
  });

  test("create makes pgmq.q_<name> and pgmq.a_<name>, owned by postgres, listed in list_queues", async () => {
    const tables = await sql`select c.relname, pg_get_userbyid(c.relowner) as owner from pg_class c
                              where c.relnamespace = 'pgmq'::regnamespace and c.relname in (${`q_${queue}`}, ${`a_${queue}`})
                              order by c.relname`;
    expect(tables).toEqual([
      { relname: `a_${queue}`, owner: "postgres" },
      { relname: `q_${queue}`, owner: "postgres" },
    ]);
    const [listed] =
      await sql`select queue_name, is_partitioned, is_unlogged from pgmq.list_queues() where queue_name = ${queue}`;
    expect(listed).toEqual({ queue_name: queue, is_partitioned: false, is_unlogged: false });
  });

  test("create is idempotent", async () => {
    await sql`select pgmq.create(${queue})`;
    expect(await sql`select 1 from pgmq.list_queues() where queue_name = ${queue}`).toHaveLength(1);
  });

  test("create_unlogged makes an unlogged queue table", async () => {
    const q = await newQueue("create_unlogged");
    const [row] = await sql`select relpersistence from pg_class where oid = ${`pgmq.q_${q}`}::regclass`;
    expect(row?.relpersistence).toBe("u");
    const [listed] = await sql`select is_unlogged from pgmq.list_queues() where queue_name = ${q}`;
    expect(listed?.is_unlogged).toBe(true);
  });

  test("drop_queue removes both tables and the listing; a second drop returns false", async () => {
    const name = uniqueName("drop").toLowerCase();
    await sql`select pgmq.create(${name})`;
    const [first] = await sql`select pgmq.drop_queue(${name}) as dropped`;
    const [second] = await sql`select pgmq.drop_queue(${name}) as dropped`;
    expect([first?.dropped, second?.dropped]).toEqual([true, false]);
    const [left] = await sql`select to_regclass(${`pgmq.q_${name}`}) as q, to_regclass(${`pgmq.a_${name}`}) as a`;
    expect(left).toEqual({ q: null, a: null });
    expect(await sql`select 1 from pgmq.list_queues() where queue_name = ${name}`).toHaveLength(0);
  });

  test.each([
    { name: "a hyphen", queue: "bad-name", error: /queue name "bad-name" is invalid/ },
    { name: "a leading digit", queue: "1queue", error: /queue name "1queue" is invalid/ },
    { name: "a quote", queue: "x'y", error: /invalid/ },
    { name: "an empty name", queue: "", error: /must not be empty/ },
    { name: "48 characters", queue: "a".repeat(48), error: /maximum length is 47 characters/ },
  ])("rejects $name with a clear error", async ({ queue: bad, error }) => {
    await expect(sql`select pgmq.create(${bad})`).rejects.toThrow(error);
  });

  test("using a queue that does not exist fails", async () => {
    await expect(sql`select * from pgmq.read(${uniqueName("missing")}, 1, 1)`).rejects.toThrow(/does not exist/);
  });

  test("purge_queue deletes every message and returns the count", async () => {
    const q = await newQueue();
    await sql`select pgmq.send_batch(${q}, array['{"a":1}', '{"a":2}', '{"a":3}']::jsonb[])`;
    const [row] = await sql`select pgmq.purge_queue(${q}) as purged`;
    expect(Number(row?.purged)).toBe(3);
    expect(await sql`select * from pgmq.read(${q}, 1, 10)`).toHaveLength(0);
  });
});

describe("sending and reading", () => {
  test("send returns the new id; send_batch returns one id per message, in order", async () => {
    const q = await newQueue();
    const one = await sql`select * from pgmq.send(${q}, '{"n": 1}'::jsonb)`;
    const batch = await sql`select * from pgmq.send_batch(${q}, array['{"n": 2}', '{"n": 3}']::jsonb[])`;
    expect(ids(one, "send")).toEqual([1]);
    expect(ids(batch, "send_batch")).toEqual([2, 3]);
    const read = await sql<Message[]>`select * from pgmq.read(${q}, 30, 10)`;
    expect(read.map((m) => m.message)).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
    expect(Object.keys(read[0] ?? {})).toEqual(["msg_id", "read_ct", "enqueued_at", "vt", "message"]);
  });

  test("a message read and not deleted is visible again after its visibility timeout, with read_ct counted", async () => {
    const q = await newQueue();
    await sql`select pgmq.send(${q}, '{"job": "resize"}'::jsonb)`;
    const [first] = await sql<Message[]>`select * from pgmq.read(${q}, 2, 1)`;
    expect(first).toMatchObject({ read_ct: 1, message: { job: "resize" } });
    expect(await sql`select * from pgmq.read(${q}, 2, 1)`).toHaveLength(0);
    await sleep(2_300);
    const [again] = await sql<Message[]>`select * from pgmq.read(${q}, 2, 1)`;
    expect(again).toMatchObject({ msg_id: first?.msg_id, read_ct: 2, message: { job: "resize" } });
  });

  test("qty bounds how many messages one read takes", async () => {
    const q = await newQueue();
    await sql`select pgmq.send_batch(${q}, array['{}', '{}', '{}', '{}', '{}']::jsonb[])`;
    expect(await sql`select * from pgmq.read(${q}, 30, 2)`).toHaveLength(2);
    expect(await sql`select * from pgmq.read(${q}, 30, 10)`).toHaveLength(3);
  });

  test("send with a delay hides the message until the delay passes", async () => {
    const q = await newQueue();
    await sql`select pgmq.send(${q}, '{"later": true}'::jsonb, 1)`;
    await sql`select pgmq.send_batch(${q}, array['{"later": "batch"}']::jsonb[], 1)`;
    expect(await sql`select * from pgmq.read(${q}, 30, 10)`).toHaveLength(0);
    await sleep(1_300);
    expect(await sql`select * from pgmq.read(${q}, 30, 10)`).toHaveLength(2);
  });

  test("concurrent readers never get the same message (FOR UPDATE SKIP LOCKED)", async () => {
    const q = await newQueue();
    await sql`select pgmq.send_batch(${q}, array(select jsonb_build_object('i', g) from generate_series(1, 40) g))`;
    const reads = await Promise.all(Array.from({ length: 4 }, () => sql<Message[]>`select * from pgmq.read(${q}, 30, 15)`));
    const all = reads.flat().map((m) => m.msg_id);
    expect(all).toHaveLength(40);
    expect(new Set(all).size).toBe(40);
  });

  test("a reader skips visible messages another open transaction has locked", async () => {
    const q = await newQueue();
    await sql`select pgmq.send_batch(${q}, array['{"i": 1}', '{"i": 2}']::jsonb[])`;
    await sql.begin(async (tx) => {
      // Lock message 1 without hiding it: only SKIP LOCKED keeps other readers off it.
      await tx.unsafe(`select msg_id from pgmq."q_${q}" where msg_id = 1 for update`);
      const other = await sql<Message[]>`select * from pgmq.read(${q}, 30, 10)`;
      expect(other.map((m) => m.message)).toEqual([{ i: 2 }]);
    });
  });
});

describe("pop, archive, delete, set_vt", () => {
  test("pop returns the oldest visible message and removes it", async () => {
    const q = await newQueue();
    await sql`select pgmq.send_batch(${q}, array['{"p": 1}', '{"p": 2}']::jsonb[])`;
    const [popped] = await sql<Message[]>`select * from pgmq.pop(${q})`;
    expect(popped).toMatchObject({ read_ct: 0, message: { p: 1 } });
    const rest = await sql<Message[]>`select * from pgmq.read(${q}, 30, 10)`;
    expect(rest.map((m) => m.message)).toEqual([{ p: 2 }]);
    expect(await sql`select * from pgmq.pop(${q})`).toHaveLength(0);
  });

  test("archive moves messages to pgmq.a_<name>; single returns a boolean, batch the archived ids", async () => {
    const q = await newQueue();
    await sql`select pgmq.send_batch(${q}, array['{"a": 1}', '{"a": 2}', '{"a": 3}']::jsonb[])`;
    await sql`select * from pgmq.read(${q}, 0, 1)`;
    const [single] = await sql`select pgmq.archive(${q}, 1::bigint) as ok`;
    const [missing] = await sql`select pgmq.archive(${q}, 999::bigint) as ok`;
    expect([single?.ok, missing?.ok]).toEqual([true, false]);
    const batch = await sql`select * from pgmq.archive(${q}, array[2, 3, 999]::bigint[])`;
    expect(ids(batch, "archive").sort()).toEqual([2, 3]);
    const archived = await sql.unsafe(
      `select msg_id, read_ct, message, archived_at is not null as stamped from pgmq."a_${q}" order by msg_id`,
    );
    expect(archived.map((r) => [Number(r.msg_id), r.read_ct, r.message, r.stamped])).toEqual([
      [1, 1, { a: 1 }, true],
      [2, 0, { a: 2 }, true],
      [3, 0, { a: 3 }, true],
    ]);
    expect(await sql`select * from pgmq.read(${q}, 30, 10)`).toHaveLength(0);
  });

  test("delete removes messages for good; single returns a boolean, batch the deleted ids", async () => {
    const q = await newQueue();
    await sql`select pgmq.send_batch(${q}, array['{}', '{}', '{}']::jsonb[])`;
    const [single] = await sql`select pgmq.delete(${q}, 1::bigint) as ok`;
    const [again] = await sql`select pgmq.delete(${q}, 1::bigint) as ok`;
    expect([single?.ok, again?.ok]).toEqual([true, false]);
    const batch = await sql`select * from pgmq.delete(${q}, array[2, 999]::bigint[])`;
    expect(ids(batch, "delete")).toEqual([2]);
    const left = await sql<Message[]>`select * from pgmq.read(${q}, 30, 10)`;
    expect(left.map((m) => Number(m.msg_id))).toEqual([3]);
    expect(await sql.unsafe(`select 1 from pgmq."a_${q}"`)).toHaveLength(0);
  });

  test("set_vt moves a message's visibility and returns it", async () => {
    const q = await newQueue();
    await sql`select pgmq.send(${q}, '{"s": 1}'::jsonb)`;
    const [hidden] = await sql<Message[]>`select * from pgmq.set_vt(${q}, 1, 60)`;
    expect(hidden).toMatchObject({ read_ct: 0, message: { s: 1 } });
    expect((hidden?.vt.getTime() ?? 0) - Date.now()).toBeGreaterThan(50_000);
    expect(await sql`select * from pgmq.read(${q}, 30, 1)`).toHaveLength(0);
    await sql`select pgmq.set_vt(${q}, 1, 0)`;
    expect(await sql`select * from pgmq.read(${q}, 30, 1)`).toHaveLength(1);
    expect(await sql`select * from pgmq.set_vt(${q}, 999, 10)`).toHaveLength(0);
  });
});

describe("metrics", () => {
  test("metrics reports queue length, ages and the all-time total", async () => {
    const q = await newQueue();
    const [empty] = await sql`select * from pgmq.metrics(${q})`;
    expect(empty).toMatchObject({ queue_name: q, newest_msg_age_sec: null, oldest_msg_age_sec: null });
    expect([Number(empty?.queue_length), Number(empty?.total_messages)]).toEqual([0, 0]);

    await sql`select pgmq.send_batch(${q}, array['{}', '{}', '{}']::jsonb[])`;
    await sql`select pgmq.delete(${q}, 1::bigint)`;
    const [m] = await sql`select * from pgmq.metrics(${q})`;
    expect(Object.keys(m ?? {})).toEqual([
      "queue_name",
      "queue_length",
      "newest_msg_age_sec",
      "oldest_msg_age_sec",
      "total_messages",
      "scrape_time",
    ]);
    expect([Number(m?.queue_length), Number(m?.total_messages)]).toEqual([2, 3]);
    expect(m?.oldest_msg_age_sec).toBeGreaterThanOrEqual(0);
  });

  test("metrics_all has a row per queue", async () => {
    const a = await newQueue();
    const b = await newQueue();
    await sql`select pgmq.send(${a}, '{}'::jsonb)`;
    const rows =
      await sql`select queue_name, queue_length from pgmq.metrics_all() where queue_name in (${a}, ${b}) order by queue_name`;
    expect(Object.fromEntries(rows.map((r) => [r.queue_name, Number(r.queue_length)]))).toEqual({ [a]: 1, [b]: 0 });
  });
});

describe("who may use pgmq", () => {
  test("service_role can send to and read from a queue postgres created", async () => {
    const q = await newQueue();
    const read = await sql.begin(async (tx) => {
      await tx`set local role service_role`;
      await tx`select pgmq.send(${q}, '{"from": "service_role"}'::jsonb)`;
      return tx<Message[]>`select * from pgmq.read(${q}, 30, 1)`;
    });
    expect(read[0]?.message).toEqual({ from: "service_role" });
  });

  test.each(["anon", "authenticated"])("%s has no access to the pgmq schema", async (role) => {
    const q = await newQueue();
    await expect(
      sql.begin(async (tx) => {
        await tx.unsafe(`set local role ${role}`);
        await tx`select * from pgmq.send(${q}, '{}'::jsonb)`;
      }),
    ).rejects.toThrow(/permission denied for schema pgmq/);
  });
});
