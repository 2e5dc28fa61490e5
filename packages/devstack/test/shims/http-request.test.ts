import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import {
  bodyText,
  curlErrorMessage,
  headersObject,
  PG_NET_USER_AGENT,
  type PhaseTimings,
  performRequest,
  redirectMethod,
  timeoutMessage,
} from "../../src/shims/http-request.ts";

const t = (p: Partial<PhaseTimings>): PhaseTimings => ({
  namelookup: 0,
  connect: 0,
  appconnect: 0,
  pretransfer: 0,
  total: 0,
  ...p,
});

describe("timeoutMessage says where the time went, like pg_net", () => {
  test.each([
    {
      name: "stuck in DNS",
      timings: t({ total: 1 }),
      expected:
        "Timeout of 1000 ms reached. Total time: 1000.000000 ms (DNS time: 1000.000000 ms, TCP/SSL handshake time: 0.000000 ms, HTTP Request/Response time: 0.000000 ms)",
    },
    {
      name: "stuck in the TCP handshake",
      timings: t({ namelookup: 0.01, total: 0.5 }),
      expected:
        "Timeout of 500 ms reached. Total time: 500.000000 ms (DNS time: 10.000000 ms, TCP/SSL handshake time: 490.000000 ms, HTTP Request/Response time: 0.000000 ms)",
    },
    {
      name: "waiting for a slow server",
      timings: t({ namelookup: 0.001, connect: 0.003, pretransfer: 0.003, total: 0.3 }),
      expected:
        "Timeout of 300 ms reached. Total time: 300.000000 ms (DNS time: 1.000000 ms, TCP/SSL handshake time: 2.000000 ms, HTTP Request/Response time: 297.000000 ms)",
    },
    {
      name: "waiting after a TLS handshake",
      timings: t({ namelookup: 0.001, connect: 0.002, appconnect: 0.01, pretransfer: 0.01, total: 0.2 }),
      expected:
        "Timeout of 200 ms reached. Total time: 200.000000 ms (DNS time: 1.000000 ms, TCP/SSL handshake time: 9.000000 ms, HTTP Request/Response time: 190.000000 ms)",
    },
  ])("$name", ({ timings, expected }) => {
    expect(timeoutMessage(Number(expected.match(/Timeout of (\d+)/)?.[1]), timings)).toBe(expected);
  });
});

describe("curlErrorMessage stores libcurl's wording", () => {
  test.each([
    { name: "refused", code: "ECONNREFUSED", message: "connect ECONNREFUSED", expected: "Couldn't connect to server" },
    { name: "unknown host", code: "ENOTFOUND", message: "getaddrinfo ENOTFOUND", expected: "Couldn't resolve host name" },
    {
      name: "empty reply",
      code: "ECONNRESET",
      message: "socket hang up",
      expected: "Server returned nothing (no headers, no data)",
    },
    {
      name: "reset mid-body",
      code: "ECONNRESET",
      message: "read ECONNRESET",
      expected: "Failure when receiving data from the peer",
    },
    {
      name: "bad certificate",
      code: "DEPTH_ZERO_SELF_SIGNED_CERT",
      message: "self signed",
      expected: "SSL peer certificate or SSH remote key was not OK",
    },
    { name: "garbage reply", code: "HPE_INVALID_CONSTANT", message: "Parse Error", expected: "Weird server reply" },
    { name: "anything else", code: "EWHATEVER", message: "odd", expected: "EWHATEVER: odd" },
  ])("$name", ({ code, message, expected }) => {
    expect(curlErrorMessage(Object.assign(new Error(message), { code }))).toBe(expected);
  });
});

describe("response shaping", () => {
  test.each([
    {
      name: "keeps the server's spelling",
      raw: ["Content-Type", "text/plain", "X-Id", "1"],
      expected: { "Content-Type": "text/plain", "X-Id": "1" },
    },
    {
      name: "a repeated header keeps the last value",
      raw: ["Set-Cookie", "a=1", "Set-Cookie", "b=2"],
      expected: { "Set-Cookie": "b=2" },
    },
    { name: "no headers", raw: [], expected: {} },
  ])("headersObject: $name", ({ raw, expected }) => {
    expect(headersObject(raw)).toEqual(expected);
  });

  test.each([
    { name: "empty body is NULL", body: Buffer.alloc(0), expected: null },
    { name: "utf-8 text", body: Buffer.from("héllo"), expected: "héllo" },
    { name: "stops at a NUL byte like a C string", body: Buffer.from([104, 105, 0, 106]), expected: "hi" },
    { name: "NUL first is NULL", body: Buffer.from([0, 65]), expected: null },
  ])("bodyText: $name", ({ body, expected }) => {
    expect(bodyText(body)).toBe(expected);
  });

  test.each([
    { name: "303 turns a POST into a GET", status: 303, method: "POST", expected: { method: "GET", keepBody: false } },
    { name: "302 turns a POST into a GET", status: 302, method: "POST", expected: { method: "GET", keepBody: false } },
    { name: "307 keeps a POST", status: 307, method: "POST", expected: { method: "POST", keepBody: true } },
    { name: "308 keeps a DELETE", status: 308, method: "DELETE", expected: { method: "DELETE", keepBody: true } },
    { name: "301 keeps a DELETE", status: 301, method: "DELETE", expected: { method: "DELETE", keepBody: true } },
  ])("redirectMethod: $name", ({ status, method, expected }) => {
    expect(redirectMethod(status, method)).toEqual(expected);
  });
});

describe("performRequest against a real local server", () => {
  let server: Server;
  let base = "";
  const seen: Array<{ method: string; url: string; headers: Record<string, string | string[] | undefined>; body: string }> = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        seen.push({ method: req.method ?? "", url: req.url ?? "", headers: req.headers, body: Buffer.concat(chunks).toString() });
        if (req.url === "/redirect") {
          res.writeHead(303, { Location: "/final" }).end();
        } else if (req.url === "/slow") {
          setTimeout(() => res.writeHead(200).end("late"), 2_000);
        } else {
          res.writeHead(201, { "Content-Type": "application/json", "X-Custom-Reply": "yes" }).end('{"ok":true}');
        }
      });
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  });

  test("sends method, headers and body, and records the reply", async () => {
    const result = await performRequest({
      id: "1",
      method: "POST",
      url: `${base}/echo?x=1`,
      headers: [
        ["Content-Type", "application/json"],
        ["X-Trace", "abc"],
      ],
      body: Buffer.from('{"a":1}'),
      timeoutMs: 2_000,
    });
    expect(result).toMatchObject({
      statusCode: 201,
      contentType: "application/json",
      content: '{"ok":true}',
      timedOut: false,
      errorMsg: null,
    });
    expect(result.headers).toMatchObject({ "Content-Type": "application/json", "X-Custom-Reply": "yes" });
    const req = seen.find((s) => s.url === "/echo?x=1");
    expect(req).toMatchObject({ method: "POST", body: '{"a":1}' });
    expect(req?.headers).toMatchObject({ "content-type": "application/json", "x-trace": "abc", "user-agent": PG_NET_USER_AGENT });
  });

  test("a bare GET carries Host, Accept and pg_net's User-Agent, like curl", async () => {
    const result = await performRequest({
      id: "5",
      method: "GET",
      url: `${base}/bare`,
      headers: [],
      body: null,
      timeoutMs: 2_000,
    });
    expect(result.statusCode).toBe(201);
    const req = seen.find((s) => s.url === "/bare");
    expect(req?.headers).toMatchObject({ host: base.replace("http://", ""), accept: "*/*", "user-agent": PG_NET_USER_AGENT });
    expect(req?.headers["content-length"]).toBeUndefined();
  });

  test("follows a 303 with a GET", async () => {
    const result = await performRequest({
      id: "2",
      method: "POST",
      url: `${base}/redirect`,
      headers: [],
      body: Buffer.from("{}"),
      timeoutMs: 2_000,
    });
    expect(result.statusCode).toBe(201);
    expect(seen.find((s) => s.url === "/final")?.method).toBe("GET");
  });

  test("a slow server hits the timeout", async () => {
    const started = Date.now();
    const result = await performRequest({ id: "3", method: "GET", url: `${base}/slow`, headers: [], body: null, timeoutMs: 200 });
    expect(Date.now() - started).toBeLessThan(1_500);
    expect(result.timedOut).toBe(true);
    expect(result.statusCode).toBeNull();
    expect(result.errorMsg).toMatch(/^Timeout of 200 ms reached\. Total time: [\d.]+ ms \(DNS time: /);
  });

  test("an aborted request is recorded, not thrown", async () => {
    const abort = new AbortController();
    const pending = performRequest(
      { id: "4", method: "GET", url: `${base}/slow`, headers: [], body: null, timeoutMs: 5_000 },
      abort.signal,
    );
    setTimeout(() => abort.abort(), 50);
    const result = await pending;
    expect(result.timedOut).toBe(false);
    expect(result.errorMsg).toMatch(/cancelled/);
  });
});
