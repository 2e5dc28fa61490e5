import type { TransactionSql } from "npm:postgres@3.4.9";
import type { Sql } from "../_shared/db.ts";
import { fromPgrst } from "../_shared/pgrst.ts";
import type { AttemptContext, AttemptOutcome, EnrollOutcome, MfaStatus, MfaStore, RequestContext } from "./types.ts";

/**
 * The 2FA store on Postgres: every call is one transaction that first sets
 * `request.jwt.claims` and `request.headers` like PostgREST does, so the audit log
 * records the caller and where the request came from. The SQL functions it calls are
 * executable by their owner (the `postgres` role of SUPABASE_DB_URL) only. Errors raised
 * with private.raise_error (e.g. API keys refused at enrollment) become their HTTP error.
 */
export function createSqlStore(sql: Sql): MfaStore {
  const inRequest = <T>(ctx: RequestContext, run: (tx: TransactionSql) => Promise<T>): Promise<T> =>
    (
      sql.begin(async (tx) => {
        await tx`
          select set_config('request.jwt.claims', ${JSON.stringify(ctx.claims)}, true),
                 set_config('request.headers', ${JSON.stringify(ctx.headers)}, true)`;
        return await run(tx);
      }) as Promise<T>
    ).catch((error: unknown) => {
      throw fromPgrst(error);
    });

  return {
    enroll: (ctx, secret) =>
      inRequest(ctx, async (tx) => {
        const [row] = await tx`select private.mfa_enroll(${ctx.userId}::uuid, ${secret}) as r`;
        return row?.r as EnrollOutcome;
      }),
    status: (ctx) =>
      inRequest(ctx, async (tx) => {
        const [row] = await tx`select private.mfa_status(${ctx.userId}::uuid, ${ctx.sessionId}::uuid) as r`;
        return row?.r as MfaStatus;
      }),
    attempt: (ctx, run) =>
      inRequest(ctx, (tx) =>
        run({
          context: async (purpose) => {
            const [row] = await tx`select private.mfa_attempt_context(${ctx.userId}::uuid, ${purpose}) as r`;
            return row?.r as AttemptContext;
          },
          complete: async ({ purpose, method, totpStep, recoveryCode }) => {
            const [row] = await tx`
              select private.mfa_complete_attempt(
                ${ctx.userId}::uuid, ${ctx.sessionId}::uuid, ${purpose}, ${method},
                ${totpStep}::bigint, ${recoveryCode}
              ) as r`;
            return row?.r as AttemptOutcome;
          },
        }),
      ),
  };
}
