import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import WebSocket from "ws";
import { resolveStackConfig } from "../../src/config/stack-config.ts";
import type { StackPart } from "../../src/parts.ts";
import { createLogger } from "../../src/process/log.ts";
import { startRealtime } from "../../src/realtime/index.ts";
import { stackEnv } from "../../src/testing/index.ts";
import { accessToken, waitFor } from "./helpers.ts";

const env = stackEnv();
const sql = postgres(env.adminDbUrl, { max: 1, onnotice: () => {} });
const workdir = mkdtempSync(join(tmpdir(), "realtime-part-"));
const logs: string[] = [];
let part: StackPart | undefined;
let port = 0;

/** A second Realtime server of our own on the test stack's database, so stopping it is observable. */
beforeAll(async () => {
  const config = await resolveStackConfig({
    projectRoot: env.projectRoot,
    workdir,
    ports: { db: Number(new URL(env.dbUrl).port) },
    randomPorts: true,
    jwtSecret: env.jwtSecret,
  });
  port = config.ports.realtime;
  part = await startRealtime({ config, logger: createLogger("realtime-under-test", (l) => logs.push(l)), onFatal: () => {} });
});

afterAll(async () => {
  await part?.stop();
  await sql.end();
  rmSync(workdir, { recursive: true, force: true });
});

type Handshake = { status: number; body: string } | { open: WebSocket };

function handshake(path: string, headers: Record<string, string> = {}): Promise<Handshake> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}${path}`, { headers });
    ws.once("open", () => resolve({ open: ws }));
    ws.once("unexpected-response", (_req, res) => {
      let body = "";
      res.on("data", (c: Buffer) => {
        body += c.toString();
      });
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
    });
    ws.once("error", (e) => reject(e));
  });
}

const listeners = async () =>
  Number(
    (await sql`select count(*)::int as n from pg_stat_activity where query ilike 'listen%devstack_realtime_messages%'`)[0]?.n,
  );

describe("the WebSocket handshake", () => {
  test.each([
    ["no apikey", async () => "/websocket?vsn=2.0.0", 401, { error: "API key is missing" }],
    [
      "an expired apikey",
      async () => `/websocket?vsn=2.0.0&apikey=${await accessToken(env, { id: "x", email: "x@x" }, { expiresIn: -10 })}`,
      401,
      { error: "Token has expired" },
    ],
    [
      "an apikey signed elsewhere",
      async () =>
        `/websocket?vsn=2.0.0&apikey=${await accessToken(env, { id: "x", email: "x@x" }, { secret: "some-other-secret-of-at-least-32-chars" })}`,
      401,
      { error: "Failed to validate JWT signature" },
    ],
    [
      "a malformed apikey",
      async () => "/websocket?vsn=2.0.0&apikey=abc",
      401,
      { error: "The token provided is not a valid JWT" },
    ],
    ["an unknown path", async () => `/elsewhere?apikey=${env.anonKey}`, 404, { message: "not found" }],
  ])("refuses %s", async (_name, path, status, body) => {
    const result = await handshake(await path());
    expect(result).toEqual({ status, body: JSON.stringify(body) });
  });

  test("refuses serializer versions it does not speak", async () => {
    const result = await handshake(`/websocket?vsn=3.0.0&apikey=${env.anonKey}`);
    expect(result).toMatchObject({ status: 403, body: expect.stringContaining('"3.0.0"') });
  });

  test("accepts the key in x-api-key, on Supabase's /socket/websocket path, defaulting to serializer 1.0.0", async () => {
    const result = await handshake("/socket/websocket", { "x-api-key": env.anonKey });
    if (!("open" in result)) throw new Error(`handshake refused: ${JSON.stringify(result)}`);
    const ws = result.open;
    const frames: string[] = [];
    ws.on("message", (d) => frames.push(d.toString()));
    ws.send(JSON.stringify({ topic: "phoenix", event: "heartbeat", payload: {}, ref: "1" }));
    await waitFor("v1 reply", () => frames.length === 1);
    expect(JSON.parse(frames[0] as string)).toEqual({
      topic: "phoenix",
      event: "phx_reply",
      payload: { status: "ok", response: {} },
      ref: "1",
    });
    ws.close();
  });
});

describe("stop()", () => {
  test("closes every socket and the database listener, and stops listening", async () => {
    const before = await listeners();
    const result = await handshake(`/websocket?vsn=2.0.0&apikey=${env.anonKey}`);
    if (!("open" in result)) throw new Error("handshake refused");
    const ws = result.open;
    const replies: unknown[] = [];
    ws.on("message", (d) => replies.push(JSON.parse(d.toString())));
    ws.send(JSON.stringify(["1", "1", "realtime:lifecycle", "phx_join", { config: {} }]));
    await waitFor("joined", () => replies.length === 1);
    const closed = new Promise<number>((resolve) => ws.once("close", (code) => resolve(code)));

    const started = Date.now();
    await part?.stop();
    part = undefined;
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(await closed).toBe(1001);
    // Postgres notices the closed connection a moment later.
    let after = await listeners();
    for (let i = 0; i < 50 && after !== before - 1; i++) {
      await new Promise((r) => setTimeout(r, 50));
      after = await listeners();
    }
    expect(after).toBe(before - 1);
    await expect(handshake(`/websocket?apikey=${env.anonKey}`)).rejects.toThrow(/ECONNREFUSED/);
    expect(logs.some((l) => l.includes("listening on"))).toBe(true);
  });
});
