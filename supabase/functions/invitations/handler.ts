import type { Caller } from "../_shared/caller.ts";
import { errorResponse, HttpError, methodNotAllowed, toErrorResponse } from "../_shared/errors.ts";
import { json, preflight } from "../_shared/http.ts";
import type { MailEnvResult } from "../_shared/mail-env.ts";
import type { SendMail } from "../_shared/smtp.ts";
import { composeInvitationMail, invitationLink } from "./mail.ts";
import type { Invitation, InvitationStore, InviteNewUser, RequestContext } from "./types.ts";

/** Everything the function touches, injected so the handler runs under vitest with fakes. */
export type InvitationsDeps = {
  /** The signed-in caller behind an Authorization header, or null (see _shared/caller.ts). */
  authenticate(authorization: string | null): Promise<Caller | null>;
  store: InvitationStore;
  /** The mail settings, or what is missing. */
  mail: MailEnvResult;
  /** SMTP, for addresses that already have an account. */
  sendMail: SendMail;
  /** GoTrue's invite, for addresses without one. */
  inviteNewUser: InviteNewUser;
  /** Where failures of the mail path are logged (default console.error). */
  log?: (message: string) => void;
};

/** How the invitation reached the address. */
export type Delivery = "invitation_mail" | "account_invite";

export type SendResponse = { invitation: Invitation; delivery: Delivery };

/** Request headers the audit log records (never credentials). */
const AUDITED_HEADERS = ["user-agent", "x-forwarded-for", "x-real-ip"] as const;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The database's stable codes (docs/security-model.md) in this function's error shape. */
const DB_CODES: Record<string, string> = {
  FOVAL: "INVALID_INPUT",
  FODEN: "FORBIDDEN",
  FONF0: "NOT_FOUND",
  FOCON: "CONFLICT",
  FOAUT: "UNAUTHORIZED",
};

/** `{"invitation_id": "<uuid>"}`; 400 when the body is no JSON object, 422 when the id is missing or malformed. */
export async function readInvitationId(req: Request): Promise<string> {
  let body: unknown;
  try {
    body = JSON.parse(await req.text());
  } catch {
    throw new HttpError(400, "INVALID_JSON", 'The request body must be JSON, e.g. {"invitation_id": "..."}');
  }
  if (body === null || typeof body !== "object" || Array.isArray(body)) {
    throw new HttpError(400, "INVALID_JSON", 'The request body must be a JSON object, e.g. {"invitation_id": "..."}');
  }
  const id = (body as Record<string, unknown>).invitation_id;
  if (typeof id !== "string" || !UUID.test(id)) {
    throw new HttpError(422, "INVALID_INPUT", "invitation_id: must be the id of an invitation (a UUID)");
  }
  return id;
}

/**
 * The `invitations` edge function: POST {invitation_id} (re)sends an invitation the caller
 * created with `invite_member`. The database issues a fresh single-use link token (earlier
 * links stop working) and checks manage_members; this handler mails the link: an
 * invitation mail over SMTP to an address with a verified account, GoTrue's invite (which
 * creates the account and links back with the token) to any other. If the mail cannot be
 * sent, nothing changes and the previous link keeps working.
 */
export function createHandler(deps: InvitationsDeps): (req: Request) => Promise<Response> {
  const log = deps.log ?? console.error;

  const deliveryFailed = (what: string, error: unknown): HttpError => {
    log(`invitations: ${what} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return new HttpError(502, "MAIL_FAILED", "The invitation could not be mailed; nothing was changed, try again later.");
  };

  return async (req) => {
    try {
      const pre = preflight(req);
      if (pre) return pre;
      if (req.method !== "POST") return methodNotAllowed(["POST"]);

      const caller = await deps.authenticate(req.headers.get("authorization"));
      if (!caller)
        return errorResponse(401, "UNAUTHORIZED", "Sign in first: sending invitations needs a signed-in user's session token.");
      if (!deps.mail.ok) {
        log(`invitations: mail is not configured: ${deps.mail.problems.join("; ")}`);
        return errorResponse(503, "MAIL_NOT_CONFIGURED", `Invitations cannot be mailed: ${deps.mail.problems.join("; ")}.`);
      }
      const mail = deps.mail.env;
      const invitationId = await readInvitationId(req);

      const headers: Record<string, string> = {};
      for (const name of AUDITED_HEADERS) {
        const value = req.headers.get(name);
        if (value) headers[name] = value;
      }
      const ctx: RequestContext = { userId: caller.userId, sessionId: caller.sessionId, claims: caller.claims, headers };

      const outcome = await deps.store.send<Delivery>(ctx, invitationId, async (prepared) => {
        const link = invitationLink(prepared, mail);
        if (prepared.account === "existing") {
          try {
            await deps.sendMail(composeInvitationMail(prepared, link));
          } catch (error) {
            throw deliveryFailed("SMTP", error);
          }
          return "invitation_mail";
        }
        try {
          await deps.inviteNewUser({
            email: prepared.invitation.email,
            redirectTo: link.toString(),
            data: { invited_to: prepared.tenant_name, invited_by: prepared.inviter_name ?? "" },
          });
        } catch (error) {
          throw deliveryFailed("the account invite", error);
        }
        return "account_invite";
      });

      if (outcome.result === "refused") {
        return errorResponse(outcome.status, DB_CODES[outcome.error.code] ?? outcome.error.code, outcome.error.message);
      }
      const body: SendResponse = { invitation: outcome.invitation, delivery: outcome.delivery };
      return json(body, { status: 200 });
    } catch (error) {
      return toErrorResponse(error);
    }
  };
}
