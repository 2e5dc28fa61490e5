import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createTestClient, stackEnv } from "../../../packages/devstack/src/testing/index.ts";
import { adminSql, createTenant, newSignedInUser, type SignedInUser } from "../helpers.ts";

/**
 * The audit table against its strongest opponents: the service role (through the
 * API and in SQL) and a superuser. The service role has no way in; a superuser's
 * UPDATE, DELETE and TRUNCATE meet triggers that fire even in replica mode; and a
 * superuser who disables them and alters a row is caught by the chain check that an
 * Admin runs through the API, which names the altered entry.
 */
const superuser = adminSql();
const owner = postgres(stackEnv().dbUrl, { max: 1, onnotice: () => {} });
afterAll(async () => {
  await superuser.end();
  await owner.end();
});

let admin: SignedInUser;
let tenant: string;
let entryIds: number[];

beforeAll(async () => {
  admin = await newSignedInUser("audit-tamper");
  tenant = await createTenant(admin);
  for (const name of ["One", "Two", "Three"]) {
    const { error } = await admin.client.rpc("update_tenant", { p_tenant_id: tenant, p_changes: { name: `Tamper ${name}` } });
    expect(error).toBeNull();
  }
  entryIds = (await superuser<{ id: string }[]>`select id from audit.entries where tenant_id = ${tenant} order by chain_seq`).map(
    (r) => Number(r.id),
  );
});

async function errorOf(run: () => Promise<unknown>): Promise<{ code?: string; message: string }> {
  try {
    await run();
  } catch (e) {
    const err = e as { code?: string; message: string };
    return { code: err.code, message: err.message };
  }
  throw new Error("expected the statement to fail");
}

async function fingerprint(): Promise<string> {
  const [row] = await superuser<{ md5: string }[]>`
    select md5(string_agg(to_jsonb(e)::text, ',' order by id)) from audit.entries e where tenant_id = ${tenant}`;
  return row?.md5 ?? "";
}

describe("the service role", () => {
  test("cannot reach the audit schema through the API", async () => {
    const service = createTestClient(stackEnv().serviceRoleKey);
    const update = await service.schema("audit").from("entries").update({ action: "changed" }).eq("tenant_id", tenant);
    const remove = await service.schema("audit").from("entries").delete().eq("tenant_id", tenant);
    expect(update.error?.code).toBe("PGRST106");
    expect(remove.error?.code).toBe("PGRST106");
  });

  test("cannot UPDATE, DELETE or TRUNCATE in SQL either", async () => {
    const before = await fingerprint();
    for (const statement of [
      `update audit.entries set action = 'changed' where tenant_id = '${tenant}'`,
      `delete from audit.entries where tenant_id = '${tenant}'`,
      "truncate audit.entries",
    ]) {
      const err = await errorOf(() =>
        owner.begin(async (tx) => {
          await tx`set local role service_role`;
          await tx.unsafe(statement);
        }),
      );
      expect(err.code, statement).toBe("42501");
    }
    expect(await fingerprint()).toBe(before);
  });
});

describe("a superuser", () => {
  test.each([
    { name: "UPDATE", statement: "update audit.entries set action = 'changed' where tenant_id = $1", rule: "append_only" },
    { name: "DELETE", statement: "delete from audit.entries where tenant_id = $1", rule: "append_only" },
  ])("is refused $name, in replica mode too", async ({ statement, rule }) => {
    const before = await fingerprint();
    for (const replica of [false, true]) {
      const err = await errorOf(() =>
        superuser.begin(async (tx) => {
          if (replica) await tx`set local session_replication_role = replica`;
          await tx.unsafe(statement, [tenant]);
        }),
      );
      expect(err.code).toBe("PGRST");
      expect(JSON.parse(err.message)).toMatchObject({ code: "FODEN", details: `{"rule": "${rule}", "field": "audit.entries"}` });
    }
    expect(await fingerprint()).toBe(before);
  });

  test("is refused TRUNCATE by the trigger, privileges notwithstanding", async () => {
    const err = await errorOf(() => superuser.begin((tx) => tx`truncate audit.entries`));
    expect(err.code).toBe("PGRST");
    expect(JSON.parse(err.message)).toMatchObject({ code: "FODEN" });
  });

  test("who disables the triggers and alters a row is caught by the chain check, which names the row", async () => {
    const altered = entryIds[2] as number;
    await superuser.begin(async (tx) => {
      await tx`alter table audit.entries disable trigger audit_entries_refuse_update`;
      await tx`update audit.entries set after = after || '{"name": "Forged"}' where id = ${altered}`;
      await tx`alter table audit.entries enable always trigger audit_entries_refuse_update`;
    });
    const { data, error } = await admin.client.rpc("verify_audit_chain", { p_tenant_id: tenant });
    expect(error).toBeNull();
    expect(data).toEqual({
      ok: false,
      checked: entryIds.length,
      first_broken_id: altered,
      reason: "the entry was altered: its hash does not match its content",
    });
  });
});
