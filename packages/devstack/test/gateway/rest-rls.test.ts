import { randomUUID } from "node:crypto";
import { SignJWT } from "jose";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createTestClient, stackEnv, uniqueName } from "../../src/testing/index.ts";

const env = stackEnv();
const table = uniqueName("gw_notes");
const alice = randomUUID();
const bob = randomUUID();
// Created as `postgres`, like a migration, so Supabase's default privileges apply.
const admin = postgres(env.dbUrl, { max: 1, onnotice: () => {} });

async function userToken(sub: string, opts: { secret?: string; expiresIn?: number } = {}): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ sub, role: "authenticated", aud: "authenticated", email: `${sub}@example.test` })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setIssuedAt(now)
    .setExpirationTime(now + (opts.expiresIn ?? 3600))
    .sign(new TextEncoder().encode(opts.secret ?? env.jwtSecret));
}

const clientFor = (token: string) => createTestClient(env.anonKey, { accessToken: token });

/** PostgREST reloads its schema cache asynchronously after NOTIFY; wait until it sees the table. */
async function waitForTable(): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const res = await fetch(`${env.apiUrl}/rest/v1/${table}?select=id&limit=0`, { headers: { apikey: env.serviceRoleKey } });
    if (res.status === 200) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`PostgREST never saw ${table}`);
}

beforeAll(async () => {
  await admin.unsafe(`
    create table public.${table} (id bigint generated always as identity primary key, owner uuid not null, body text not null);
    alter table public.${table} enable row level security;
    create policy ${table}_select_owner on public.${table} for select to authenticated using (owner = (select auth.uid()));
    create policy ${table}_insert_owner on public.${table} for insert to authenticated with check (owner = (select auth.uid()));
    insert into public.${table} (owner, body) values ('${alice}', 'alice 1'), ('${alice}', 'alice 2'), ('${bob}', 'bob 1');
    notify pgrst, 'reload schema';
  `);
  await waitForTable();
});

afterAll(async () => {
  await admin.unsafe(`drop table if exists public.${table}; notify pgrst, 'reload schema';`);
  await admin.end();
});

describe("REST through the gateway applies RLS", () => {
  test("a user sees only the rows its policy allows", async () => {
    const { data, error } = await clientFor(await userToken(alice))
      .from(table)
      .select("body")
      .order("body");
    expect(error).toBeNull();
    expect(data).toEqual([{ body: "alice 1" }, { body: "alice 2" }]);
    const asBob = await clientFor(await userToken(bob))
      .from(table)
      .select("body");
    expect(asBob.data).toEqual([{ body: "bob 1" }]);
  });

  test("anon sees nothing and a user cannot write rows for someone else", async () => {
    const anon = createTestClient(env.anonKey);
    const { data, error } = await anon.from(table).select("body");
    expect(error).toBeNull();
    expect(data).toEqual([]); // no policy for anon: RLS hides every row
    const forged = await clientFor(await userToken(alice))
      .from(table)
      .insert({ owner: bob, body: "forged" });
    expect(forged.error?.code).toBe("42501");
    expect(forged.error?.message).toContain("row-level security");
  });

  test("the service role bypasses RLS", async () => {
    const service = createTestClient(env.serviceRoleKey);
    const { data } = await service.from(table).select("body");
    expect(data).toHaveLength(3);
  });
});

describe("the gateway refuses bad keys and tokens with Supabase-shaped bodies", () => {
  const url = () => `${env.apiUrl}/rest/v1/${table}?select=body`;

  test.each<{ name: string; headers: Record<string, string>; message: string }>([
    { name: "no apikey", headers: {}, message: "No API key found in request" },
    { name: "wrong apikey", headers: { apikey: "not-a-key" }, message: "Invalid API key" },
    {
      name: "apikey signed with another secret",
      headers: { apikey: "eyJhbGciOiJIUzI1NiJ9.eyJyb2xlIjoiYW5vbiJ9.x" },
      message: "Invalid API key",
    },
  ])("$name -> 401", async ({ headers, message }) => {
    const res = await fetch(url(), { headers });
    expect(res.status).toBe(401);
    const body = await res.json();
    expect(body.message).toBe(message);
    expect(JSON.stringify(body)).not.toMatch(/\bat .*\.(ts|js):\d+/);
  });

  test("the apikey may come as a query parameter", async () => {
    const res = await fetch(`${url()}&apikey=${env.serviceRoleKey}`);
    expect(res.status).toBe(200);
  });

  test.each([
    // PostgREST 12.0 reports every JWT problem as PGRST301, with a message naming it.
    { name: "malformed JWT", token: async () => "abc.def.ghi", message: /JWSError/ },
    { name: "expired JWT", token: async () => userToken(alice, { expiresIn: -60 }), message: /^JWT expired$/ },
    {
      name: "JWT re-signed with another secret",
      token: async () => userToken(alice, { secret: "x".repeat(40) }),
      message: /JWSInvalidSignature/,
    },
  ])("$name -> 401", async ({ token, message }) => {
    const res = await fetch(url(), { headers: { apikey: env.anonKey, authorization: `Bearer ${await token()}` } });
    expect(res.status).toBe(401);
    const body = await res.json();
    expect(body.code).toBe("PGRST301");
    expect(body.message).toMatch(message);
    expect(Object.keys(body).sort()).toEqual(["code", "details", "hint", "message"]);
  });

  test("unknown paths get Kong's 404 body", async () => {
    const res = await fetch(`${env.apiUrl}/nowhere`, { headers: { apikey: env.anonKey } });
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ message: "no Route matched with those values" });
  });

  test("CORS preflight is answered without a key and responses allow any origin", async () => {
    const pre = await fetch(url(), {
      method: "OPTIONS",
      headers: {
        origin: "http://localhost:5173",
        "access-control-request-method": "GET",
        "access-control-request-headers": "apikey,authorization",
      },
    });
    expect(pre.status).toBe(200);
    expect(pre.headers.get("access-control-allow-origin")).toBe("*");
    expect(pre.headers.get("access-control-allow-headers")).toBe("apikey,authorization");
    const res = await fetch(url(), { headers: { apikey: env.serviceRoleKey, origin: "http://localhost:5173" } });
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
  });
});
