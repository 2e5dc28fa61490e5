import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { stackEnv, uniqueName } from "../../src/testing/index.ts";

const env = stackEnv();
const sql = postgres(env.dbUrl, { max: 4, onnotice: () => {} });

type Seen = { method: string; path: string; headers: IncomingHttpHeaders; body: string };
const seen: Seen[] = [];
let server: Server;
let base = "";
const prefix = `/${uniqueName("net")}`;

type ResponseRow = {
  id: string;
  status_code: number | null;
  content_type: string | null;
  headers: Record<string, string> | null;
  content: string | null;
  timed_out: boolean | null;
  error_msg: string | null;
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitForResponse(id: string, timeoutMs = 10_000): Promise<ResponseRow> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const [row] = await sql<ResponseRow[]>`
      select id::text, status_code, content_type, headers, content, timed_out, error_msg
        from net._http_response where id = ${id}::bigint`;
    if (row) return row;
    await sleep(100);
  }
  throw new Error(`no response recorded for pg_net request ${id} within ${timeoutMs} ms`);
}

async function waitForRequest(path: string, timeoutMs = 10_000): Promise<Seen> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const hit = seen.find((s) => s.path === path);
    if (hit) return hit;
    await sleep(50);
  }
  throw new Error(`the test server never received ${path}`);
}

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const url = req.url ?? "";
      seen.push({ method: req.method ?? "", path: url, headers: req.headers, body: Buffer.concat(chunks).toString() });
      if (url.includes("/slow")) {
        setTimeout(() => res.writeHead(200).end("late"), 1_500);
        return;
      }
      res.writeHead(202, { "Content-Type": "application/json", "X-Reply": "pong" }).end(JSON.stringify({ got: req.method }));
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}${prefix}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
  await sql.end();
});

describe("net.http_post", () => {
  test("reaches the server with method, headers, params and body, and the response is stored", async () => {
    const [{ id }] = (await sql`
      select net.http_post(
        url := ${`${base}/post`},
        body := '{"hello": "world", "n": 1}'::jsonb,
        params := '{"tenant": "a b"}'::jsonb,
        headers := '{"Content-Type": "application/json", "Authorization": "Bearer t0k3n"}'::jsonb,
        timeout_milliseconds := 3000
      )::text as id`) as unknown as [{ id: string }];

    const req = await waitForRequest(`${prefix}/post?tenant=a%20b`);
    expect(req.method).toBe("POST");
    expect(JSON.parse(req.body)).toEqual({ hello: "world", n: 1 });
    expect(req.headers["content-type"]).toBe("application/json");
    expect(req.headers.authorization).toBe("Bearer t0k3n");
    expect(req.headers["user-agent"]).toMatch(/^pg_net\//);

    const res = await waitForResponse(id);
    expect(res).toMatchObject({
      status_code: 202,
      content_type: "application/json",
      content: '{"got":"POST"}',
      timed_out: false,
      error_msg: null,
    });
    expect(res.headers).toMatchObject({ "Content-Type": "application/json", "X-Reply": "pong" });
  });

  test("defaults: JSON content type added when headers omit it, 5 s timeout recorded on the queue row", async () => {
    const path = `${base}/defaults`;
    const [row] = await sql.begin(async (tx) => {
      const [{ id }] =
        (await tx`select net.http_post(${path}, '{}'::jsonb, headers := '{"X-Only": "1"}'::jsonb) as id`) as unknown as [
          { id: string },
        ];
      return tx`select headers, timeout_milliseconds, convert_from(body, 'UTF8') as body from net.http_request_queue where id = ${id}`;
    });
    expect(row).toMatchObject({
      headers: { "X-Only": "1", "Content-Type": "application/json" },
      timeout_milliseconds: 5000,
      body: "{}",
    });
    await waitForRequest(`${prefix}/defaults`);
  });

  test("rejects a non-JSON content type, like pg_net", async () => {
    await expect(
      sql`select net.http_post(${base}, '{}'::jsonb, headers := '{"Content-Type": "text/plain"}'::jsonb)`,
    ).rejects.toThrow('Content-Type header must be "application/json"');
  });

  test("is sent only after commit, and never when the transaction rolls back", async () => {
    let pendingId = "";
    await sql.begin(async (tx) => {
      const [r] = (await tx`select net.http_post(${`${base}/after-commit`}, '{"x": 1}'::jsonb)::text as id`) as unknown as [
        { id: string },
      ];
      pendingId = r.id;
      await sleep(2_500); // longer than the worker's safety-net poll
      expect(seen.some((s) => s.path === `${prefix}/after-commit`)).toBe(false);
    });
    await waitForRequest(`${prefix}/after-commit`);
    await waitForResponse(pendingId);

    let rolledBackId = "";
    await sql
      .begin(async (tx) => {
        const [r] = (await tx`select net.http_post(${`${base}/rolled-back`}, '{"x": 2}'::jsonb)::text as id`) as unknown as [
          { id: string },
        ];
        rolledBackId = r.id;
        throw new Error("roll back");
      })
      .catch((e: Error) => expect(e.message).toBe("roll back"));
    // A request committed afterwards is processed; by then the rolled-back one would have been too.
    const [after] = (await sql`select net.http_post(${`${base}/after-rollback`}, '{}'::jsonb)::text as id`) as unknown as [
      { id: string },
    ];
    await waitForResponse(after.id);
    await sleep(300);
    expect(seen.some((s) => s.path === `${prefix}/rolled-back`)).toBe(false);
    expect(await sql`select 1 from net._http_response where id = ${rolledBackId}::bigint`).toHaveLength(0);
  });

  test("a request slower than its timeout is recorded as timed out", async () => {
    const [{ id }] = (await sql`
      select net.http_post(${`${base}/slow`}, '{}'::jsonb, timeout_milliseconds := 300)::text as id`) as unknown as [
      { id: string },
    ];
    const res = await waitForResponse(id);
    expect(res.timed_out).toBe(true);
    expect(res.status_code).toBeNull();
    expect(res.error_msg).toMatch(/^Timeout of 300 ms reached\./);
  });

  test("several slow requests run concurrently", async () => {
    const started = Date.now();
    const rows = await sql<{ id: string }[]>`
      select net.http_post(${`${base}/slow-`} || g, '{}'::jsonb, timeout_milliseconds := 5000)::text as id
        from generate_series(1, 6) g`;
    const results = await Promise.all(rows.map((r) => waitForResponse(r.id)));
    expect(results.every((r) => r.status_code === 200 && r.content === "late")).toBe(true);
    // Six 1.5 s requests one after another would take 9 s.
    expect(Date.now() - started).toBeLessThan(6_000);
  });

  test("a refused connection is stored as an error, like curl reports it", async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, "127.0.0.1", r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((r) => closed.close(r));
    const [{ id }] = (await sql`select net.http_post(${`http://127.0.0.1:${port}/x`}, '{}'::jsonb)::text as id`) as unknown as [
      { id: string },
    ];
    const res = await waitForResponse(id);
    expect(res).toMatchObject({ status_code: null, timed_out: false, error_msg: "Couldn't connect to server" });
  });
});

describe("net.http_get and net.http_delete", () => {
  test("GET encodes params into the query string", async () => {
    const [{ id }] = (await sql`
      select net.http_get(${`${base}/get`}, params := '{"q": "ü&x"}'::jsonb, headers := '{"X-A": "1"}'::jsonb)::text as id`) as unknown as [
      { id: string },
    ];
    const req = await waitForRequest(`${prefix}/get?q=%C3%BC%26x`);
    expect(req.method).toBe("GET");
    expect(req.headers["x-a"]).toBe("1");
    expect((await waitForResponse(id)).content).toBe('{"got":"GET"}');
  });

  test("DELETE sends its optional body", async () => {
    const [{ id }] = (await sql`
      select net.http_delete(${`${base}/delete`}, body := '{"gone": true}'::jsonb)::text as id`) as unknown as [{ id: string }];
    const req = await waitForRequest(`${prefix}/delete`);
    expect(req.method).toBe("DELETE");
    expect(JSON.parse(req.body)).toEqual({ gone: true });
    expect((await waitForResponse(id)).status_code).toBe(202);
  });

  test("an invalid URL fails the call itself", async () => {
    await expect(sql`select net.http_get('localhost:1234')`).rejects.toThrow(/invalid URL "localhost:1234"/);
  });
});

describe("who may call pg_net", () => {
  test.each(["postgres", "service_role"])("%s can queue a request", async (role) => {
    const id = await sql.begin(async (tx) => {
      if (role !== "postgres") await tx.unsafe(`set local role ${role}`);
      const [r] = (await tx`select net.http_get(${`${base}/role-${role}`})::text as id`) as unknown as [{ id: string }];
      return r.id;
    });
    expect((await waitForResponse(id)).status_code).toBe(202);
  });

  test("the worker is visible to net.check_worker_is_up()", async () => {
    await expect(sql`select net.check_worker_is_up()`).resolves.toBeDefined();
  });
});

describe("worker resilience", () => {
  test("requests keep flowing after the worker's database connections are killed", async () => {
    const admin = postgres(env.adminDbUrl, { max: 1, onnotice: () => {} });
    try {
      const killed = await admin`
        select pg_terminate_backend(pid) as ok from pg_stat_activity
         where application_name = 'pg_net worker' and pid <> pg_backend_pid()`;
      expect(killed.length).toBeGreaterThan(0);
      const [{ id }] = (await sql`select net.http_post(${`${base}/after-kill`}, '{}'::jsonb)::text as id`) as unknown as [
        { id: string },
      ];
      await waitForRequest(`${prefix}/after-kill`, 15_000);
      expect((await waitForResponse(id, 15_000)).status_code).toBe(202);
    } finally {
      await admin.end();
    }
  });
});
