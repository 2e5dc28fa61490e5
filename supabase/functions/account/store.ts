import type { TransactionSql } from "npm:postgres@3.4.9";
import type { Sql } from "../_shared/db.ts";
import { HttpError } from "../_shared/errors.ts";
import type {
  AccountStore,
  AttemptContext,
  AttemptOutcome,
  DeletionCheck,
  DeletionSummary,
  DeletionTx,
  RequestContext,
} from "./types.ts";

/**
 * A database error raised with private.raise_error (SQLSTATE PGRST) becomes the HTTP error
 * it describes (status, stable code, message); anything else is rethrown as is.
 */
export function fromPgrst(error: unknown): unknown {
  const e = error as { code?: unknown; message?: unknown; detail?: unknown };
  if (e?.code !== "PGRST" || typeof e.message !== "string") return error;
  try {
    const body = JSON.parse(e.message) as { code?: unknown; message?: unknown };
    const detail = typeof e.detail === "string" ? (JSON.parse(e.detail) as { status?: unknown }) : {};
    const status = typeof detail.status === "number" ? detail.status : 400;
    return new HttpError(status, String(body.code ?? "FOERR"), String(body.message ?? "The database refused the request."));
  } catch {
    return error;
  }
}

/**
 * The deletion store on Postgres (SUPABASE_DB_URL, role postgres): one transaction that
 * first sets `request.jwt.claims` and `request.headers` like PostgREST does, so audit
 * entries name the caller and where the request came from. The SQL functions it calls
 * are executable by their owner only.
 */
export function createSqlStore(sql: Sql): AccountStore {
  const one = async <T>(query: Promise<readonly Record<string, unknown>[]>): Promise<T> => {
    try {
      const [row] = await query;
      return row?.r as T;
    } catch (error) {
      throw fromPgrst(error);
    }
  };

  return {
    deletion: <T>(ctx: RequestContext, run: (tx: DeletionTx) => Promise<T>) =>
      sql.begin(async (tx: TransactionSql) => {
        await tx`
          select set_config('request.jwt.claims', ${JSON.stringify(ctx.claims)}, true),
                 set_config('request.headers', ${JSON.stringify(ctx.headers)}, true)`;
        const deletionTx: DeletionTx = {
          check: (password) =>
            one<DeletionCheck>(tx`select private.check_account_deletion(${ctx.userId}::uuid, ${password}) as r`),
          mfaContext: () => one<AttemptContext>(tx`select private.mfa_attempt_context(${ctx.userId}::uuid, 'confirm') as r`),
          mfaComplete: ({ method, totpStep, recoveryCode }) =>
            one<AttemptOutcome>(tx`
              select private.mfa_complete_attempt(
                ${ctx.userId}::uuid, ${ctx.sessionId}::uuid, 'confirm', ${method}, ${totpStep}::bigint, ${recoveryCode}
              ) as r`),
          deleteAccount: () => one<DeletionSummary>(tx`select private.delete_user_account(${ctx.userId}::uuid, 'self') as r`),
        };
        return await run(deletionTx);
      }) as Promise<T>,
  };
}
