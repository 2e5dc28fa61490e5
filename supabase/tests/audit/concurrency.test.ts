import { randomUUID } from "node:crypto";
import postgres from "postgres";
import { afterAll, describe, expect, test } from "vitest";
import { stackEnv } from "../../../packages/devstack/src/testing/index.ts";

/**
 * Concurrent writers cannot fork a chain: appends to one chain queue on its head's
 * row lock, so whatever the interleaving of transactions, the chain stays one line
 * (consecutive sequence numbers, each entry linking to the one before) and verifies.
 */
const sql = postgres(stackEnv().dbUrl, { max: 12, onnotice: () => {} });
afterAll(() => sql.end());

describe("the hash chain under concurrent writers", () => {
  test("40 transactions appending to one chain at once leave one unbroken chain", async () => {
    const chain = randomUUID();
    await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        sql.begin(async (tx) => {
          await tx`select private.record_audit_event(${chain}, 'test.concurrent', 'thing', ${String(i)})`;
          // Hold the transaction open a little, as a real RPC would, while others queue.
          await tx`select pg_sleep(${(i % 4) * 0.01})`;
          await tx`select private.record_audit_event(${chain}, 'test.concurrent', 'thing', ${`${i}-second`})`;
        }),
      ),
    );
    const rows = await sql<{ chain_seq: string; linked: boolean }[]>`
      select chain_seq, prev_hash is not distinct from lag(hash) over (order by chain_seq) as linked
      from audit.entries where tenant_id = ${chain} order by chain_seq`;
    expect(rows.map((r) => Number(r.chain_seq))).toEqual(Array.from({ length: 80 }, (_, i) => i + 1));
    expect(rows.every((r) => r.linked)).toBe(true);
    const [verified] = await sql`select * from private.verify_audit_chain(${chain})`;
    expect(verified).toMatchObject({ ok: true, checked: "80", first_broken_id: null });
  });

  test("a transaction that rolls back leaves no gap", async () => {
    const chain = randomUUID();
    await sql`select private.record_audit_event(${chain}, 'test.kept', 'thing', '1')`;
    await expect(
      sql.begin(async (tx) => {
        await tx`select private.record_audit_event(${chain}, 'test.lost', 'thing', '2')`;
        throw new Error("roll back");
      }),
    ).rejects.toThrow("roll back");
    await sql`select private.record_audit_event(${chain}, 'test.kept', 'thing', '3')`;
    const rows = await sql<{ chain_seq: string; object_id: string }[]>`
      select chain_seq, object_id from audit.entries where tenant_id = ${chain} order by chain_seq`;
    expect(rows.map((r) => [Number(r.chain_seq), r.object_id])).toEqual([
      [1, "1"],
      [2, "3"],
    ]);
    const [verified] = await sql`select ok from private.verify_audit_chain(${chain})`;
    expect(verified?.ok).toBe(true);
  });
});
