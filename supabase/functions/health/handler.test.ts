import { describe, expect, test } from "vitest";
import { createHandler, type HealthDeps, type HealthReport } from "./handler.ts";

/** Fake dependencies: a database that answers, fails or hangs, and clocks that move as told. */
function fakeDeps(db: "up" | "down" | "hangs", latencyMs = 2.34): HealthDeps {
  let clock = 1000;
  return {
    pingDb: async () => {
      clock += latencyMs;
      if (db === "down") throw new Error("connect ECONNREFUSED 127.0.0.1:54322");
      if (db === "hangs") await new Promise(() => {});
    },
    monotonicMs: () => clock,
    now: () => new Date("2030-01-02T03:04:05.000Z"),
    dbTimeoutMs: 50,
  };
}

const call = (deps: HealthDeps, method = "POST") => createHandler(deps)(new Request("http://localhost/health", { method }));

describe("health handler", () => {
  test.each([
    { name: "GET with the database up", db: "up", method: "GET", status: 200, dbOk: true, message: undefined },
    { name: "POST with the database up", db: "up", method: "POST", status: 200, dbOk: true, message: undefined },
    { name: "database refusing connections", db: "down", method: "POST", status: 503, dbOk: false, message: "ECONNREFUSED" },
    {
      name: "database not answering in time",
      db: "hangs",
      method: "GET",
      status: 503,
      dbOk: false,
      message: "no answer within 50 ms",
    },
  ] as const)("$name", async ({ db, method, status, dbOk, message }) => {
    const res = await call(fakeDeps(db), method);
    expect(res.status).toBe(status);
    expect(res.headers.get("content-type")).toBe("application/json");
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
    const body = (await res.json()) as HealthReport;
    expect(body.db.ok).toBe(dbOk);
    expect(body.status).toBe(dbOk ? "ok" : "unavailable");
    expect(body.time).toBe("2030-01-02T03:04:05.000Z");
    expect(typeof body.db.latency_ms).toBe("number");
    if (message) {
      expect(body.db.message).toContain("database unreachable");
      expect(body.db.message).toContain(message);
      expect(body.error).toEqual({ code: "DB_UNAVAILABLE", message: body.db.message });
    } else {
      expect(body.error).toBeUndefined();
    }
  });

  test("reports the measured round trip in milliseconds, one decimal", async () => {
    const body = (await (await call(fakeDeps("up", 2.34))).json()) as HealthReport;
    expect(body.db.latency_ms).toBe(2.3);
  });

  test.each([
    { name: "PUT", method: "PUT" },
    { name: "DELETE", method: "DELETE" },
    { name: "PATCH", method: "PATCH" },
  ])("refuses $name with the shared error shape", async ({ method }) => {
    const res = await call(fakeDeps("up"), method);
    expect(res.status).toBe(405);
    expect(res.headers.get("allow")).toBe("GET, POST");
    expect(await res.json()).toEqual({ error: { code: "METHOD_NOT_ALLOWED", message: "Use one of: GET, POST" } });
  });

  test("answers a CORS preflight without touching the database", async () => {
    let pinged = false;
    const deps = {
      ...fakeDeps("up"),
      pingDb: async () => {
        pinged = true;
      },
    };
    const res = await call(deps, "OPTIONS");
    expect(res.status).toBe(204);
    expect(res.headers.get("access-control-allow-headers")).toContain("authorization");
    expect(pinged).toBe(false);
  });

  test("an unexpected failure answers a generic 500 without leaking the error", async () => {
    const deps = {
      ...fakeDeps("up"),
      now: () => {
        throw new Error("secret internals");
      },
    };
    const logged: string[] = [];
    const original = console.error;
    console.error = (message: string) => {
      logged.push(message);
    };
    try {
      const res = await call(deps);
      expect(res.status).toBe(500);
      const text = await res.text();
      expect(JSON.parse(text)).toEqual({
        error: { code: "INTERNAL_ERROR", message: "The function failed unexpectedly; see its logs" },
      });
      expect(text).not.toContain("secret internals");
      expect(logged.join("\n")).toContain("secret internals");
    } finally {
      console.error = original;
    }
  });
});
