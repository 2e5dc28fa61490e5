import postgres from "postgres";
import { afterAll, describe, expect, test } from "vitest";
import { stackEnv, uniqueName } from "../../src/testing/index.ts";

const env = stackEnv();
const sql = postgres(env.dbUrl, { max: 2, onnotice: () => {} });
const admin = postgres(env.adminDbUrl, { max: 1, onnotice: () => {} });
const created: string[] = [];

afterAll(async () => {
  if (created.length > 0) await sql`delete from vault.secrets where id = any(${created}::uuid[])`;
  await sql.end();
  await admin.end();
});

async function createSecret(secret: string, name: string | null, description?: string): Promise<string> {
  const [row] =
    description === undefined
      ? await sql<{ id: string }[]>`select vault.create_secret(${secret}, ${name}) as id`
      : await sql<{ id: string }[]>`select vault.create_secret(${secret}, ${name}, ${description}) as id`;
  const id = (row as { id: string }).id;
  created.push(id);
  return id;
}

describe("vault.create_secret and vault.decrypted_secrets", () => {
  test("a created secret decrypts through the view, with its name and description", async () => {
    const name = uniqueName("api_key");
    const plain = `sk_live_${uniqueName("value")}`;
    const id = await createSecret(plain, name, "the provider key");
    const [row] =
      await sql`select id, name, description, decrypted_secret, key_id from vault.decrypted_secrets where name = ${name}`;
    expect(row).toEqual({ id, name, description: "the provider key", decrypted_secret: plain, key_id: null });
  });

  test("defaults: no name, empty description", async () => {
    const id = await createSecret(uniqueName("anon_secret"), null);
    const [row] = await sql`select name, description from vault.secrets where id = ${id}`;
    expect(row).toEqual({ name: null, description: "" });
  });

  test("the stored secret is not the plain text, nor plain text in base64", async () => {
    const plain = `plain-${uniqueName("marker")}`;
    const id = await createSecret(plain, uniqueName("enc"));
    const [row] = await admin<{ secret: string; nonce: Buffer }[]>`select secret, nonce from vault.secrets where id = ${id}`;
    expect(row?.secret).not.toContain(plain);
    expect(Buffer.from(row?.secret ?? "", "base64").toString("latin1")).not.toContain(plain);
    expect(row?.nonce).toHaveLength(16);
    // The same plain text under another row encrypts differently (the id and nonce are bound in).
    const other = await createSecret(plain, uniqueName("enc2"));
    const [otherRow] = await sql`select secret from vault.secrets where id = ${other}`;
    expect(otherRow?.secret).not.toBe(row?.secret);
  });

  test("names are unique", async () => {
    const name = uniqueName("dup");
    await createSecret("one", name);
    await expect(sql`select vault.create_secret('two', ${name})`).rejects.toThrow(/duplicate key/);
  });

  test("the plain text never reaches a row, not even a dead one", async () => {
    const plain = `never-stored-${uniqueName("x")}`;
    const id = await createSecret(plain, uniqueName("nodead"));
    // pageinspect is not available; instead check no version of the row ever held the plain text:
    // the only statement that writes the table is one INSERT (xmin = the inserting transaction, no update).
    const [row] = await admin`select xmin::text, xmax::text from vault.secrets where id = ${id}`;
    expect(row?.xmax).toBe("0");
  });
});

describe("vault.update_secret", () => {
  test("changes the secret, name and description; null arguments keep the old values", async () => {
    const id = await createSecret("first", uniqueName("upd"), "old description");
    const newName = uniqueName("upd_new");
    await sql`select vault.update_secret(${id}, 'second', ${newName})`;
    const [row] = await sql`select name, description, decrypted_secret, updated_at > created_at as touched
                              from vault.decrypted_secrets where id = ${id}`;
    expect(row).toEqual({ name: newName, description: "old description", decrypted_secret: "second", touched: true });

    await sql`select vault.update_secret(${id}, new_description := 'new description')`;
    const [after] = await sql`select name, description, decrypted_secret from vault.decrypted_secrets where id = ${id}`;
    expect(after).toEqual({ name: newName, description: "new description", decrypted_secret: "second" });
  });
});

describe("who may use the vault", () => {
  test("service_role may create and read secrets", async () => {
    const name = uniqueName("sr");
    const value = await sql.begin(async (tx) => {
      await tx`set local role service_role`;
      const [{ id }] = (await tx`select vault.create_secret('from service role', ${name}) as id`) as unknown as [{ id: string }];
      created.push(id);
      const [row] = await tx`select decrypted_secret from vault.decrypted_secrets where id = ${id}`;
      return row?.decrypted_secret as string;
    });
    expect(value).toBe("from service role");
  });

  test.each([
    { role: "anon", statement: "select decrypted_secret from vault.decrypted_secrets" },
    { role: "authenticated", statement: "select decrypted_secret from vault.decrypted_secrets" },
    { role: "anon", statement: "select secret from vault.secrets" },
    { role: "authenticated", statement: "select vault.create_secret('x')" },
    { role: "authenticated", statement: "select vault._crypto_aead_det_decrypt('x'::bytea, 'y'::bytea, 0)" },
  ])("$role is refused: $statement", async ({ role, statement }) => {
    await expect(
      sql.begin(async (tx) => {
        await tx.unsafe(`set local role ${role}`);
        await tx.unsafe(statement);
      }),
    ).rejects.toThrow(/permission denied/);
  });

  test("nobody but the functions may write the table directly", async () => {
    await expect(sql`insert into vault.secrets (secret) values ('plain')`).rejects.toThrow(/permission denied/);
    await expect(sql`update vault.secrets set description = 'x'`).rejects.toThrow(/permission denied/);
  });

  test("the root key is out of reach of postgres", async () => {
    await expect(sql`select key from devstack_vault.root_key`).rejects.toThrow(/permission denied/);
  });

  test("a ciphertext moved to another row no longer decrypts", async () => {
    const a = await createSecret("secret a", uniqueName("swap_a"));
    const b = await createSecret("secret b", uniqueName("swap_b"));
    await admin`update vault.secrets set secret = (select secret from vault.secrets where id = ${a}),
                                         nonce = (select nonce from vault.secrets where id = ${a})
                 where id = ${b}`;
    await expect(sql`select decrypted_secret from vault.decrypted_secrets where id = ${b}`).rejects.toThrow(/invalid ciphertext/);
  });
});
