import type { Sql } from "../_shared/db.ts";
import type { DbErrorBody, InvitationStore, PreparedInvitation, RequestContext, SendOutcome } from "./types.ts";

/** A refusal raised by `private.raise_error` (SQLSTATE PGRST: body in the message, status in the detail). */
export function refusalFromError(error: unknown): Extract<SendOutcome<never>, { result: "refused" }> | null {
  const e = error as { code?: unknown; message?: unknown; detail?: unknown };
  if (e?.code !== "PGRST" || typeof e.message !== "string") return null;
  try {
    const body = JSON.parse(e.message) as DbErrorBody;
    const status = typeof e.detail === "string" ? Number((JSON.parse(e.detail) as { status?: unknown }).status) : Number.NaN;
    return { result: "refused", status: Number.isInteger(status) ? status : 400, error: body };
  } catch {
    return null;
  }
}

/**
 * The invitation store on Postgres. One transaction sets `request.jwt.claims` and
 * `request.headers` like PostgREST does (so authorization and the audit log see the caller),
 * issues the token with private.prepare_invitation_mail (executable by its owner, the
 * `postgres` role of SUPABASE_DB_URL, only) and keeps it only if delivery succeeds. A denial
 * is an answer, not an error, so its audit entry commits.
 */
export function createSqlStore(sql: Sql): InvitationStore {
  return {
    async send<T>(
      ctx: RequestContext,
      invitationId: string,
      deliver: (prepared: PreparedInvitation) => Promise<T>,
    ): Promise<SendOutcome<T>> {
      try {
        return (await sql.begin(async (tx) => {
          await tx`
            select set_config('request.jwt.claims', ${JSON.stringify(ctx.claims)}, true),
                   set_config('request.headers', ${JSON.stringify(ctx.headers)}, true)`;
          const [row] = await tx`select private.prepare_invitation_mail(${invitationId}::uuid) as r`;
          const answer = row?.r as (PreparedInvitation & { code?: undefined }) | DbErrorBody;
          if (typeof answer.code === "string") {
            const [status] = await tx`select current_setting('response.status', true) as s`;
            return { result: "refused", status: Number(status?.s) || 403, error: answer as DbErrorBody };
          }
          const prepared = answer as PreparedInvitation;
          const delivery = await deliver(prepared);
          return { result: "delivered", invitation: prepared.invitation, delivery };
        })) as SendOutcome<T>;
      } catch (error) {
        const refused = refusalFromError(error);
        if (refused) return refused;
        throw error;
      }
    },
  };
}
