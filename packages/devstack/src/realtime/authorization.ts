import { randomUUID } from "node:crypto";
import type postgres from "postgres";
import type { Claims } from "./jwt.ts";

type Sql = postgres.Sql;
type Tx = postgres.TransactionSql;

export type Extension = "broadcast" | "presence";

/** What RLS on realtime.messages allows; null = not evaluated yet (Realtime's nil). */
export type Policies = {
  broadcast: { read: boolean | null; write: boolean | null };
  presence: { read: boolean | null; write: boolean | null };
};

export const emptyPolicies = (): Policies => ({
  broadcast: { read: null, write: null },
  presence: { read: null, write: null },
});

/** Who asks, for which channel topic (without the `realtime:` prefix). */
export type AuthorizationContext = {
  topic: string;
  claims: Claims;
  headers: Record<string, string>;
};

/** The database refused or failed the check itself (bad role, broken policy, ...), not a plain "no". */
export class AuthorizationError extends Error {
  override name = "AuthorizationError";
  constructor(
    message: string,
    /** True when the database could not be reached at all. */
    readonly unavailable: boolean,
  ) {
    super(message);
  }
}

class Rollback {
  constructor(readonly result: Policies) {}
}

const INSUFFICIENT_PRIVILEGE = "42501";

function isPostgresError(e: unknown): e is Error & { code: string } {
  return e instanceof Error && e.name === "PostgresError";
}

/** As Realtime: role, topic and claims as transaction-local settings, so `auth.uid()` and `realtime.topic()` work in policies. */
async function setContext(tx: Tx, ctx: AuthorizationContext): Promise<void> {
  const role = String(ctx.claims.role);
  const sub = typeof ctx.claims.sub === "string" ? ctx.claims.sub : "";
  await tx`select
    set_config('role', ${role}, true),
    set_config('realtime.topic', ${ctx.topic}, true),
    set_config('request.jwt.claims', ${JSON.stringify(ctx.claims)}, true),
    set_config('request.jwt.claim.sub', ${sub}, true),
    set_config('request.jwt.claim.role', ${role}, true),
    set_config('request.headers', ${JSON.stringify(ctx.headers)}, true)`;
}

/** Runs `body` in a transaction that is always rolled back, returning what it computed. */
async function inRollback(sql: Sql, body: (tx: Tx) => Promise<Policies>): Promise<Policies> {
  try {
    await sql.begin(async (tx) => {
      throw new Rollback(await body(tx));
    });
  } catch (e) {
    if (e instanceof Rollback) return e.result;
    if (isPostgresError(e)) throw new AuthorizationError(e.message, false);
    throw new AuthorizationError((e as Error).message, true);
  }
  throw new AuthorizationError("authorization transaction ended without a result", false);
}

/**
 * SELECT permission, Realtime's way: insert probe rows for the topic as the admin,
 * switch to the caller's role and claims, and see which probes RLS lets through.
 */
export async function readAuthorizations(
  sql: Sql,
  ctx: AuthorizationContext,
  policies: Policies,
  extensions: Extension[],
): Promise<Policies> {
  return inRollback(sql, async (tx) => {
    const probes = extensions.map((extension) => ({ extension, id: randomUUID() }));
    for (const p of probes) {
      await tx`insert into realtime.messages (id, topic, extension) values (${p.id}, ${ctx.topic}, ${p.extension})`;
    }
    await setContext(tx, ctx);
    const ids = probes.map((p) => p.id);
    const visible = new Set(
      (await tx`select id::text as id from realtime.messages where id in ${tx(ids)}`).map((r) => r.id as string),
    );
    const next = structuredClone(policies);
    for (const p of probes) next[p.extension].read = visible.has(p.id);
    return next;
  });
}

/** INSERT permission: try inserting a message for the topic as the caller, under a savepoint per extension. */
export async function writeAuthorizations(
  sql: Sql,
  ctx: AuthorizationContext,
  policies: Policies,
  extensions: Extension[],
): Promise<Policies> {
  return inRollback(sql, async (tx) => {
    await setContext(tx, ctx);
    const next = structuredClone(policies);
    for (const extension of ["broadcast", "presence"] as const) {
      if (!extensions.includes(extension)) {
        next[extension].write = false;
        continue;
      }
      try {
        await tx.savepoint((sp) => sp`insert into realtime.messages (topic, extension) values (${ctx.topic}, ${extension})`);
        next[extension].write = true;
      } catch (e) {
        if (isPostgresError(e) && e.code === INSUFFICIENT_PRIVILEGE) next[extension].write = false;
        else throw e;
      }
    }
    return next;
  });
}
