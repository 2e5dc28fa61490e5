import { expect } from "vitest";
import { uniqueName } from "../../../packages/devstack/src/testing/index.ts";
import type { FilterEntity, Sort } from "../../../packages/shared/src/index.ts";
import { adminSql, createTenant, newSignedInUser, type SignedInUser } from "../helpers.ts";

/**
 * What the entity API test files share: the shapes the RPCs answer, small callers that
 * fail loudly, and a fresh tenant per file (an Admin, an Editor, a Viewer, a member of
 * another tenant, a Customers and a Deliveries blueprint, one customer), so the files
 * run in parallel without touching each other's data.
 */

export const sql = adminSql();

/** The tenant of this file's fixture (each test file loads its own copy of this module). */
let currentTenant = "";

export type Entity = FilterEntity & {
  blueprint_id?: string;
  blueprint_version: number;
  deleted_at?: string | null;
};
export type Count = { value: number; exact: boolean; at_least?: number };
export type Page = { entities: Entity[]; next_cursor: string | null; count: Count | null; blueprint_version: number };
export type Blueprint = { id: string; version: number; fields: { key: string }[]; deleted_at: string | null };
export type QueryArgs = {
  p_filter?: unknown;
  p_sort?: Sort;
  p_limit?: number;
  p_cursor?: string;
  p_offset?: number;
  p_count?: boolean;
  p_count_cap?: number;
  p_search?: string;
};
export type Refusal = {
  status: number;
  code: string | undefined;
  details: { field: string | null; rule: string } | null;
  message: string;
};

/** The answer of an RPC that must succeed. */
export async function call<T>(user: SignedInUser, fn: string, args: Record<string, unknown>): Promise<T> {
  const { data, error } = await user.client.rpc(fn, args);
  if (error) throw new Error(`${fn} failed: ${error.code} ${error.message} ${error.details ?? ""}`);
  return data as T;
}

/** The refusal of an RPC that must fail: HTTP status, code and the parsed {field, rule}. */
export async function refused(user: SignedInUser, fn: string, args: Record<string, unknown>): Promise<Refusal> {
  const { data, error, status } = await user.client.rpc(fn, args);
  if (!error) throw new Error(`${fn} should have been refused but answered ${JSON.stringify(data)}`);
  return { status, code: error.code, details: error.details ? JSON.parse(error.details) : null, message: error.message };
}

export const createBlueprint = async (user: SignedInUser, name: string, fields: unknown[]) =>
  call<Blueprint>(user, "create_blueprint", { p_tenant_id: currentTenant, p_name: name, p_fields: fields });
export const create = (user: SignedInUser, blueprint: string, data: Record<string, unknown>) =>
  call<Entity>(user, "create_entity", { p_blueprint_id: blueprint, p_data: data });
export const createMany = async (user: SignedInUser, blueprint: string, rows: Record<string, unknown>[]) =>
  (await call<{ entities: Entity[] }>(user, "create_entities", { p_blueprint_id: blueprint, p_rows: rows })).entities;
export const get = (user: SignedInUser, id: string) => call<Entity>(user, "get_entity", { p_entity_id: id });
export const query = (user: SignedInUser, blueprint: string, args: QueryArgs = {}) =>
  call<Page>(user, "query_entities", { p_blueprint_id: blueprint, p_limit: 200, ...args });
export const ids = (entities: { id: string }[]) => entities.map((e) => e.id);

/** Every page of a query, following next_cursor; fails on a page that repeats an id. */
export async function walk(user: SignedInUser, blueprint: string, args: QueryArgs, limit: number): Promise<string[]> {
  const seen: string[] = [];
  let cursor: string | undefined;
  for (let pages = 0; pages < 500; pages++) {
    const page = await query(user, blueprint, { ...args, p_limit: limit, ...(cursor ? { p_cursor: cursor } : {}) });
    for (const id of ids(page.entities)) {
      if (seen.includes(id)) throw new Error(`page ${pages + 1} repeats ${id}`);
      seen.push(id);
    }
    if (page.next_cursor === null) return seen;
    expect(page.entities).toHaveLength(limit);
    cursor = page.next_cursor;
  }
  throw new Error("more than 500 pages");
}

export async function addMember(user: SignedInUser, role: "admin" | "editor" | "viewer", tenantId: string): Promise<void> {
  await sql`insert into public.tenant_members (tenant_id, user_id) values (${tenantId}, ${user.id})`;
  await sql`
    insert into public.member_roles (tenant_id, user_id, role_id)
    select ${tenantId}, ${user.id}, id from public.roles where tenant_id = ${tenantId} and key = ${role}`;
}

export const historyOf = async (entityId: string) =>
  sql<{ action: string; transition_key: string | null; from_state: string | null; to_state: string | null }[]>`
    select action, transition_key, from_state, to_state from public.entity_history where entity_id = ${entityId} order by id`;

export type Fixture = {
  admin: SignedInUser;
  editor: SignedInUser;
  viewer: SignedInUser;
  outsider: SignedInUser;
  tenant: string;
  customers: string;
  deliveries: string;
  acme: Entity;
};

/** A fresh tenant (timezone Europe/Berlin) with its people, two blueprints and one customer. */
export async function setUpTenant(label: string): Promise<Fixture> {
  const [admin, editor, viewer, outsider] = await Promise.all([
    newSignedInUser("entities-admin"),
    newSignedInUser("entities-editor"),
    newSignedInUser("entities-viewer"),
    newSignedInUser("entities-outsider"),
  ]);
  const tenant = await createTenant(admin, uniqueName(label));
  currentTenant = tenant;
  await addMember(editor, "editor", tenant);
  await addMember(viewer, "viewer", tenant);
  // Date-times without an offset are read in the tenant's timezone.
  await call(admin, "update_tenant", { p_tenant_id: tenant, p_changes: { timezone: "Europe/Berlin" } });
  await createTenant(outsider, uniqueName("Entities Outsider"));

  const customers = (await createBlueprint(editor, "Customers", [{ key: "name", label: "Name", type: "text", required: true }]))
    .id;
  const deliveries = (
    await createBlueprint(editor, "Deliveries", [
      { key: "cargo", label: "Cargo", type: "text", required: true },
      { key: "code", label: "Code", type: "text", unique: true },
      { key: "weight", label: "Weight", type: "number", scale: 2, min: 0 },
      { key: "qty", label: "Quantity", type: "integer" },
      { key: "due", label: "Due", type: "date" },
      { key: "at", label: "Pick-up", type: "datetime" },
      { key: "email", label: "Contact", type: "email" },
      {
        key: "tags",
        label: "Tags",
        type: "multi_select",
        options: [{ value: "red" }, { value: "green" }, { value: "blue" }],
      },
      {
        key: "status",
        label: "Status",
        type: "status",
        options: [{ value: "PENDING" }, { value: "IN_PROGRESS" }, { value: "DELIVERED" }],
      },
      { key: "price", label: "Price", type: "currency", currencies: ["EUR", "USD"] },
      { key: "customer", label: "Customer", type: "reference", reference: { blueprint_id: customers, on_delete: "restrict" } },
      { key: "notes", label: "Notes", type: "long_text" },
    ])
  ).id;
  const acme = await create(editor, customers, { name: "Acme" });
  return { admin, editor, viewer, outsider, tenant, customers, deliveries, acme };
}
