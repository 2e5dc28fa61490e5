/**
 * The contract between the `invitations` handler and its dependencies. The SQL function
 * private.prepare_invitation_mail (supabase/migrations/20261121103200_create_invitation_rpcs.sql)
 * answers these shapes.
 */

/** What the database needs to act for the caller (and to audit who and from where). */
export type RequestContext = {
  userId: string;
  sessionId: string | null;
  /** The caller's JWT claims, set as `request.jwt.claims` so `auth.uid()` names the actor. */
  claims: Record<string, unknown>;
  /** Request headers the audit log reads (user agent, forwarded client address). */
  headers: Record<string, string>;
};

/** An invitation as the RPCs answer it (public.invitations plus state and role keys; never a token). */
export type Invitation = {
  id: string;
  tenant_id: string;
  email: string;
  role_ids: string[];
  role_keys: string[];
  status: "pending" | "accepted" | "declined" | "revoked" | "expired";
  state: "pending" | "accepted" | "declined" | "revoked" | "expired";
  expires_at: string;
  redirect_to: string | null;
  invited_by: string | null;
  last_sent_at: string | null;
  send_count: number;
};

/** A fresh link token and what the mail says. `account`: does the address have a verified account? */
export type PreparedInvitation = {
  token: string;
  invitation: Invitation;
  tenant_name: string;
  inviter_name: string | null;
  role_names: string[];
  account: "existing" | "new";
};

/** The body of a database refusal: {code (FOxxx), message, details (JSON text), hint}. */
export type DbErrorBody = { code: string; message: string; details: string | null; hint: string | null };

export type SendOutcome<T> =
  | { result: "delivered"; invitation: Invitation; delivery: T }
  | { result: "refused"; status: number; error: DbErrorBody };

/** The database side of sending an invitation (see store.ts for the SQL implementation). */
export type InvitationStore = {
  /**
   * In one transaction: issue a fresh link token for the invitation (the caller needs
   * manage_members), then run `deliver`. The new token, expiry and send count are kept
   * only if `deliver` resolves; a refusal commits only its audit entry.
   */
  send<T>(
    ctx: RequestContext,
    invitationId: string,
    deliver: (prepared: PreparedInvitation) => Promise<T>,
  ): Promise<SendOutcome<T>>;
};

/** GoTrue's invite for an address without an account: creates the user and mails a sign-up link. */
export type InviteNewUser = (input: { email: string; redirectTo: string; data: Record<string, string> }) => Promise<void>;
