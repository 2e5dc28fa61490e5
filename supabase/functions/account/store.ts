import type { TransactionSql } from "npm:postgres@3.4.9";
import type { Sql } from "../_shared/db.ts";
import { fromPgrst } from "../_shared/pgrst.ts";
import type {
  AccountStore,
  AttemptContext,
  AttemptOutcome,
  DeletionCheck,
  DeletionSummary,
  DeletionTx,
  RequestContext,
} from "./types.ts";

export { fromPgrst };

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
