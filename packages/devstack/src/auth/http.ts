import type { IncomingHttpHeaders, IncomingMessage } from "node:http";
import { ApiError, badRequest } from "./errors.ts";

/** One parsed request, as handlers see it. */
export type AuthRequest = {
  method: string;
  url: URL;
  path: string;
  headers: IncomingHttpHeaders;
  /** Client address: the first X-Forwarded-For entry (the gateway sets it), else the socket's. */
  ip: string;
  userAgent: string;
  rawBody: Buffer;
  /** Path parameters captured by the router. */
  params: Record<string, string>;
};

export type Reply = { status: number; headers: Record<string, string>; body: string };

const MAX_BODY = 1 << 20;

export function header(req: AuthRequest, name: string): string | undefined {
  const v = req.headers[name.toLowerCase()];
  return Array.isArray(v) ? v[0] : v;
}

export async function readRequest(msg: IncomingMessage): Promise<AuthRequest> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of msg) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new ApiError(413, "request_entity_too_large", `Request body too large (max ${MAX_BODY} bytes)`);
    chunks.push(chunk as Buffer);
  }
  const url = new URL(msg.url ?? "/", "http://auth.local");
  const xff = msg.headers["x-forwarded-for"];
  const first = (Array.isArray(xff) ? xff[0] : xff)?.split(",")[0]?.trim();
  const socketIp = msg.socket.remoteAddress?.replace(/^::ffff:/, "") ?? "";
  return {
    method: msg.method ?? "GET",
    url,
    path: url.pathname.replace(/\/+$/, "") || "/",
    headers: msg.headers,
    ip: first || socketIp,
    userAgent: (msg.headers["user-agent"] as string | undefined) ?? "",
    rawBody: Buffer.concat(chunks),
    params: {},
  };
}

export type JsonBody = Record<string, unknown>;

/**
 * Decodes the JSON body like GoTrue's retrieveRequestParams: anything that is not a
 * JSON object is `bad_json`. An empty body is an error too, as in Go's json.Unmarshal.
 */
export function jsonBody(req: AuthRequest): JsonBody {
  const text = req.rawBody.toString("utf8");
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    const detail = text.trim() === "" ? "unexpected end of JSON input" : (e as Error).message;
    throw badRequest("bad_json", `Could not parse request body as JSON: ${detail}`);
  }
  if (parsed === null) return {};
  if (typeof parsed !== "object" || Array.isArray(parsed)) {
    throw badRequest(
      "bad_json",
      `Could not parse request body as JSON: json: cannot unmarshal ${Array.isArray(parsed) ? "array" : typeof parsed} into Go value of type object`,
    );
  }
  return parsed as JsonBody;
}

/** Like jsonBody, but an empty body is an empty object (GET-style endpoints that accept a body). */
export function optionalJsonBody(req: AuthRequest): JsonBody {
  return req.rawBody.length === 0 ? {} : jsonBody(req);
}

function typeError(field: string, want: string, value: unknown): ApiError {
  const got = Array.isArray(value) ? "array" : value === null ? "null" : typeof value;
  return badRequest(
    "bad_json",
    `Could not parse request body as JSON: json: cannot unmarshal ${got} into Go struct field .${field} of type ${want}`,
  );
}

export function str(body: JsonBody, field: string): string {
  const v = body[field];
  if (v === undefined || v === null) return "";
  if (typeof v !== "string") throw typeError(field, "string", v);
  return v;
}

export function optStr(body: JsonBody, field: string): string | undefined {
  const v = body[field];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== "string") throw typeError(field, "string", v);
  return v;
}

export function bool(body: JsonBody, field: string, fallback = false): boolean {
  const v = body[field];
  if (v === undefined || v === null) return fallback;
  if (typeof v !== "boolean") throw typeError(field, "bool", v);
  return v;
}

export function obj(body: JsonBody, field: string): Record<string, unknown> | undefined {
  const v = body[field];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== "object" || Array.isArray(v)) throw typeError(field, "map[string]interface {}", v);
  return v as Record<string, unknown>;
}

export function json(status: number, data: unknown, headers: Record<string, string> = {}): Reply {
  return { status, headers: { "Content-Type": "application/json", ...headers }, body: JSON.stringify(data) };
}

export function redirect(status: 302 | 303, location: string): Reply {
  return { status, headers: { Location: location }, body: "" };
}

export function html(status: number, body: string): Reply {
  return { status, headers: { "Content-Type": "text/html; charset=utf-8" }, body };
}

export function noContent(): Reply {
  return { status: 204, headers: {}, body: "" };
}

/** Go's url.Values.Encode: keys sorted, form encoding (space as `+`). */
export function encodeValues(values: Record<string, string>): string {
  return Object.keys(values)
    .sort()
    .map((k) => `${encodeForm(k)}=${encodeForm(values[k] as string)}`)
    .join("&");
}

function encodeForm(s: string): string {
  return encodeURIComponent(s)
    .replace(/%20/g, "+")
    .replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** Reads `application/x-www-form-urlencoded` bodies (the fake provider's sign-in form). */
export function formBody(req: AuthRequest): URLSearchParams {
  return new URLSearchParams(req.rawBody.toString("utf8"));
}
