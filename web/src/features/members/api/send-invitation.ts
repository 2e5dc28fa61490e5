import { FunctionsFetchError, FunctionsHttpError, FunctionsRelayError } from "@supabase/supabase-js";
import { supabase } from "../../../lib/supabase.ts";

/**
 * A refusal of the `invitations` edge function (docs/members-and-roles.md, "Mail"): its
 * stable code (`MAIL_FAILED`, `MAIL_NOT_CONFIGURED`, `REDIRECT_NOT_ALLOWED`, `FORBIDDEN`, …).
 * The screens have words for each code; the English message is never shown.
 */
export class InvitationMailError extends Error {
  readonly code: string;
  readonly status: number;

  constructor(code: string, status: number, message = code) {
    super(message);
    this.name = "InvitationMailError";
    this.code = code;
    this.status = status;
  }
}

async function toMailError(error: unknown): Promise<InvitationMailError> {
  if (error instanceof FunctionsHttpError) {
    const response = error.context as Response;
    const body = (await response.json().catch(() => null)) as { error?: { code?: unknown; message?: unknown } } | null;
    const code = typeof body?.error?.code === "string" ? body.error.code : "unknown";
    const message = typeof body?.error?.message === "string" ? body.error.message : code;
    return new InvitationMailError(code, response.status, message);
  }
  if (error instanceof FunctionsFetchError || error instanceof FunctionsRelayError || error instanceof TypeError) {
    return new InvitationMailError("network", 0);
  }
  return new InvitationMailError("unknown", 0);
}

export type Delivery = "invitation_mail" | "account_invite";

/**
 * Mails (or mails again) an invitation: the function issues a fresh link (earlier ones stop
 * working), then sends an invitation mail to an existing account or GoTrue's invite to a
 * new address. Nothing changes when the mail cannot be sent.
 */
export async function sendInvitation(invitationId: string): Promise<Delivery> {
  const { data, error } = await supabase.functions.invoke<{ delivery: Delivery }>("invitations", {
    body: { invitation_id: invitationId },
  });
  if (error) throw await toMailError(error);
  return data?.delivery ?? "invitation_mail";
}
