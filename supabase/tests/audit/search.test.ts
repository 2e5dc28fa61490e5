import type { WebSocketLikeConstructor } from "@supabase/realtime-js";
import { createClient } from "@supabase/supabase-js";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import WebSocket from "ws";
import { createTestClient, stackEnv, uniqueName } from "../../../packages/devstack/src/testing/index.ts";
import { adminSql, createTenant, newSignedInUser, type SignedInUser } from "../helpers.ts";

/**
 * The admin audit search through supabase-js and PostgREST: every filter (actor,
 * action, object, date range, free text), keyset pagination, summaries on the page and
 * the whole entry on request, the request's IP and user agent, and a non-admin's
 * denial, which fails for them yet lands in the log.
 */
type Summary = {
  id: number;
  occurred_at: string;
  actor_id: string | null;
  actor_email: string | null;
  action: string;
  object_type: string;
  object_id: string | null;
  outcome: string;
  changed_fields: string[];
  reason: string | null;
  ip: string | null;
};
type Entry = Omit<Summary, "changed_fields" | "reason"> & {
  tenant_id: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  details: Record<string, unknown>;
  user_agent: string | null;
};
type Page = { entries: Summary[]; next_before_id: number | null };
type SearchArgs = {
  p_actor?: string;
  p_action?: string;
  p_object_type?: string;
  p_object_id?: string;
  p_from?: string;
  p_to?: string;
  p_text?: string;
  p_before_id?: number;
  p_limit?: number;
};

const sql = adminSql();
afterAll(() => sql.end());

let admin: SignedInUser;
let coAdmin: SignedInUser;
let viewer: SignedInUser;
let tenant: string;
const marker = uniqueName("Zebra").toLowerCase().replaceAll("_", "-");

async function search(user: SignedInUser, args: SearchArgs = {}): Promise<Page> {
  const { data, error } = await user.client.rpc("search_audit_log", { p_tenant_id: tenant, ...args });
  if (error) throw new Error(`search_audit_log failed: ${error.code} ${error.message}`);
  return data as Page;
}

async function entry(user: SignedInUser, id: number): Promise<Entry> {
  const { data, error } = await user.client.rpc("get_audit_entry", { p_tenant_id: tenant, p_id: id });
  if (error) throw new Error(`get_audit_entry failed: ${error.code} ${error.message}`);
  return data as Entry;
}

/** The whole entries of a page, in its order. */
const whole = (user: SignedInUser, page: Page) => Promise.all(page.entries.map((e) => entry(user, e.id)));

async function addMember(user: SignedInUser, role: "admin" | "viewer"): Promise<void> {
  await sql`insert into public.tenant_members (tenant_id, user_id) values (${tenant}, ${user.id})`;
  await sql`
    insert into public.member_roles (tenant_id, user_id, role_id)
    select ${tenant}, ${user.id}, id from public.roles where tenant_id = ${tenant} and key = ${role}`;
}

async function rename(user: SignedInUser, changes: Record<string, unknown>): Promise<void> {
  const { error } = await user.client.rpc("update_tenant", { p_tenant_id: tenant, p_changes: changes });
  if (error) throw new Error(`update_tenant failed: ${error.message}`);
}

beforeAll(async () => {
  [admin, coAdmin, viewer] = await Promise.all([
    newSignedInUser("audit-admin"),
    newSignedInUser("audit-coadmin"),
    newSignedInUser("audit-viewer"),
  ]);
  tenant = await createTenant(admin);
  await addMember(coAdmin, "admin");
  await addMember(viewer, "viewer");
  await rename(admin, { name: "Alpha Audit" });
  await rename(coAdmin, { support_email: "help@example.test" });
  await rename(admin, { name: `Tenant ${marker}` });
  await rename(coAdmin, { timezone: "Europe/Berlin" });
});

describe("search_audit_log filters", () => {
  test("by actor: only what that person did", async () => {
    const page = await search(admin, { p_actor: coAdmin.id });
    expect(page.entries.length).toBeGreaterThanOrEqual(2);
    expect(new Set(page.entries.map((e) => e.actor_id))).toEqual(new Set([coAdmin.id]));
    expect((await whole(admin, page)).map((e) => e.after)).toEqual(
      expect.arrayContaining([expect.objectContaining({ support_email: "help@example.test" })]),
    );
  });

  test("by action and object: the tenant's updates, newest first, with before and after", async () => {
    const page = await search(admin, { p_action: "update", p_object_type: "tenants", p_object_id: tenant });
    const names = (await whole(admin, page))
      .filter((e) => e.after && "name" in e.after)
      .map((e) => [e.before?.name, e.after?.name]);
    expect(names).toEqual([
      ["Alpha Audit", `Tenant ${marker}`],
      [expect.any(String), "Alpha Audit"],
    ]);
    expect(page.entries.every((e) => e.action === "update" && e.object_id === tenant)).toBe(true);
    const times = page.entries.map((e) => Date.parse(e.occurred_at));
    expect(times).toEqual([...times].sort((a, b) => b - a));
  });

  test("by free text: case-insensitive, across actor, action, object and the diff", async () => {
    const page = await search(admin, { p_text: marker.toUpperCase() });
    expect(page.entries).toHaveLength(1);
    expect(page.entries[0]?.changed_fields).toEqual(["name", "updated_at"]);
    expect((await whole(admin, page))[0]?.after).toMatchObject({ name: `Tenant ${marker}` });
    expect((await search(admin, { p_text: coAdmin.email })).entries.every((e) => e.actor_id === coAdmin.id)).toBe(true);
  });

  test("wildcards in the text are matched literally", async () => {
    // As LIKE patterns, "_" would match the "-" of the marker and "%" anything.
    expect((await search(admin, { p_text: marker.replaceAll("-", "_") })).entries).toEqual([]);
    expect((await search(admin, { p_text: `${marker.slice(0, 5)}%` })).entries).toEqual([]);
    expect((await search(admin, { p_text: marker.slice(0, 5) })).entries).toHaveLength(1);
  });

  test("by date range [from, to): the two halves make the whole", async () => {
    const all = (await search(admin, { p_limit: 200 })).entries;
    const pivot = (await whole(admin, { entries: all, next_before_id: null })).find(
      (e) => e.after?.name === "Alpha Audit",
    ) as Entry;
    const from = await search(admin, { p_from: pivot.occurred_at, p_limit: 200 });
    const to = await search(admin, { p_to: pivot.occurred_at, p_limit: 200 });
    expect(from.entries.every((e) => Date.parse(e.occurred_at) >= Date.parse(pivot.occurred_at))).toBe(true);
    expect(to.entries.every((e) => Date.parse(e.occurred_at) < Date.parse(pivot.occurred_at))).toBe(true);
    expect(to.entries.length).toBeGreaterThan(0);
    expect([...from.entries, ...to.entries].map((e) => e.id).sort()).toEqual(all.map((e) => e.id).sort());
  });

  test("actor + date range + text combined (the benchmarked query)", async () => {
    const all = (await search(admin, { p_limit: 200 })).entries;
    const oldest = all[all.length - 1] as Summary;
    const page = await search(admin, {
      p_actor: admin.id,
      p_from: oldest.occurred_at,
      p_to: new Date(Date.now() + 60_000).toISOString(),
      p_text: marker,
    });
    expect((await whole(admin, page)).map((e) => e.after?.name)).toEqual([`Tenant ${marker}`]);
    expect((await search(admin, { p_actor: coAdmin.id, p_text: marker })).entries).toEqual([]);
  });
});

describe("pagination", () => {
  test("pages of two follow next_before_id to the end without gaps or repeats", async () => {
    const all = (await search(admin, { p_limit: 200 })).entries.map((e) => e.id);
    expect(all.length).toBeGreaterThan(5);
    const seen: number[] = [];
    let before: number | undefined;
    for (let i = 0; i < 100; i++) {
      const page = await search(admin, { p_limit: 2, ...(before ? { p_before_id: before } : {}) });
      seen.push(...page.entries.map((e) => e.id));
      if (page.next_before_id === null) break;
      expect(page.entries).toHaveLength(2);
      before = page.next_before_id;
    }
    // Entries written after `all` was read (e.g. denials) may only come first.
    expect(seen.slice(seen.length - all.length)).toEqual(all);
  });

  test("a cursor from another tenant's log is refused", async () => {
    const other = await newSignedInUser("audit-other");
    const otherTenant = await createTenant(other);
    const { data } = await other.client.rpc("search_audit_log", { p_tenant_id: otherTenant, p_limit: 1 });
    const foreignId = (data as Page).entries[0]?.id;
    const { error } = await admin.client.rpc("search_audit_log", { p_tenant_id: tenant, p_before_id: foreignId });
    expect(error?.code).toBe("FOVAL");
    expect(JSON.parse(error?.details ?? "{}")).toEqual({ field: "before_id", rule: "exists" });
  });
});

describe("request context", () => {
  test("the IP (first X-Forwarded-For hop) and user agent of the request are recorded", async () => {
    const env = stackEnv();
    const client = createClient(env.apiUrl, env.anonKey, {
      auth: { persistSession: false, autoRefreshToken: false },
      realtime: { transport: WebSocket as unknown as WebSocketLikeConstructor },
      global: {
        headers: {
          Authorization: `Bearer ${admin.accessToken}`,
          "User-Agent": "audit-test/1.0",
          "X-Forwarded-For": "203.0.113.9",
        },
      },
    });
    const { error } = await client.rpc("update_tenant", { p_tenant_id: tenant, p_changes: { language: "de" } });
    expect(error).toBeNull();
    const [summary] = (await search(admin, { p_actor: admin.id, p_text: '"language": "de"' })).entries;
    expect(summary).toMatchObject({ ip: "203.0.113.9", actor_email: admin.email, changed_fields: ["language", "updated_at"] });
    const full = await entry(admin, (summary as Summary).id);
    expect(full).toMatchObject({ ip: "203.0.113.9", user_agent: "audit-test/1.0", actor_email: admin.email });
    expect(String(full.details.forwarded_for)).toMatch(/^203\.0\.113\.9, /);
  });
});

describe("access", () => {
  test("a Viewer is denied with 403 FODEN, and the denial itself is in the log", async () => {
    const denied = await viewer.client.rpc("search_audit_log", { p_tenant_id: tenant, p_text: "secret plans" });
    expect(denied.status).toBe(403);
    expect(denied.error?.code).toBe("FODEN");
    expect(denied.data).toBeNull();

    const log = await search(admin, { p_actor: viewer.id, p_action: "search_audit_log" });
    expect(log.entries[0]).toMatchObject({
      outcome: "denied",
      actor_email: viewer.email,
      object_type: "audit_log",
      reason: "viewing the audit log needs the view_audit capability",
    });
  });

  test("a whole entry: for the log's admins, not for a Viewer, and not across logs", async () => {
    const [summary] = (await search(admin, { p_limit: 1 })).entries;
    const id = (summary as Summary).id;
    expect(await entry(coAdmin, id)).toMatchObject({ id, tenant_id: tenant });

    const denied = await viewer.client.rpc("get_audit_entry", { p_tenant_id: tenant, p_id: id });
    expect(denied.status).toBe(403);
    expect(denied.error?.code).toBe("FODEN");

    const other = await newSignedInUser("audit-entry-other");
    const otherTenant = await createTenant(other);
    const probe = await other.client.rpc("get_audit_entry", { p_tenant_id: otherTenant, p_id: id });
    expect(probe.status).toBe(404);
    expect(probe.error?.code).toBe("FONF0");
    expect(probe.data).toBeNull();
  });

  test("a signed-out caller cannot search at all", async () => {
    const anon = createTestClient(stackEnv().anonKey);
    const { error } = await anon.rpc("search_audit_log", { p_tenant_id: tenant });
    expect(error?.code).toBe("42501");
  });

  test("the chain an Admin verifies through the API is intact", async () => {
    const { data, error } = await admin.client.rpc("verify_audit_chain", { p_tenant_id: tenant });
    expect(error).toBeNull();
    expect(data).toMatchObject({ ok: true, first_broken_id: null, reason: null });
  });
});
