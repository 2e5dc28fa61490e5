import { describe, expect, test } from "vitest";
import type { Caller } from "../_shared/caller.ts";
import type { MailEnvResult } from "../_shared/mail-env.ts";
import type { MailMessage } from "../_shared/smtp.ts";
import { createHandler, type InvitationsDeps, type SendResponse } from "./handler.ts";
import type { DbErrorBody, PreparedInvitation, RequestContext } from "./types.ts";

const INVITATION_ID = "7d0c7c59-1b1e-4d0e-9a57-0d8e4c2b9f10";
const TOKEN = "AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_AbCd";

const caller: Caller = {
  userId: "5a0e5f5e-8d3c-4a5f-9d0c-3f1f0f2b7a11",
  email: "ada@example.test",
  sessionId: "0b7c2a59-7f40-4c1e-8f0e-5d3c9b1e2a44",
  claims: { sub: "5a0e5f5e-8d3c-4a5f-9d0c-3f1f0f2b7a11", role: "authenticated" },
};

const mailOk: MailEnvResult = {
  ok: true,
  env: {
    smtp: { host: "127.0.0.1", port: 2525, secure: false, auth: null },
    sender: "FlexOffice <no-reply@flexoffice.test>",
    siteUrl: "https://app.flexoffice.test",
    linkOrigins: ["https://app.flexoffice.test", "https://staging.flexoffice.test"],
  },
};

const prepared = (over: Partial<PreparedInvitation> = {}, redirectTo: string | null = null): PreparedInvitation => ({
  token: TOKEN,
  invitation: {
    id: INVITATION_ID,
    tenant_id: "1c4d3b2a-0000-4000-8000-000000000001",
    email: "grace@example.test",
    role_ids: ["2c4d3b2a-0000-4000-8000-000000000002"],
    role_keys: ["editor"],
    status: "pending",
    state: "pending",
    expires_at: "2030-01-09T03:04:05.000Z",
    redirect_to: redirectTo,
    invited_by: caller.userId,
    last_sent_at: "2030-01-02T03:04:05.000Z",
    send_count: 1,
  },
  tenant_name: "Acme & Co",
  inviter_name: "Ada Lovelace",
  role_names: ["Editor"],
  account: "existing",
  ...over,
});

type Script = {
  caller?: Caller | null;
  mail?: MailEnvResult;
  prepared?: PreparedInvitation;
  refused?: { status: number; error: DbErrorBody };
  smtpFails?: boolean;
  gotrueFails?: boolean;
};

type Calls = {
  contexts: RequestContext[];
  ids: string[];
  mails: MailMessage[];
  invites: Array<{ email: string; redirectTo: string; data: Record<string, string> }>;
  /** What the store did with the token transaction: committed or rolled back. */
  transaction: Array<"committed" | "rolled back">;
  logged: string[];
};

function fake(script: Script = {}): { deps: InvitationsDeps; calls: Calls } {
  const calls: Calls = { contexts: [], ids: [], mails: [], invites: [], transaction: [], logged: [] };
  const deps: InvitationsDeps = {
    authenticate: async () => (script.caller === undefined ? caller : script.caller),
    mail: script.mail ?? mailOk,
    store: {
      async send(ctx, id, deliver) {
        calls.contexts.push(ctx);
        calls.ids.push(id);
        if (script.refused) return { result: "refused", ...script.refused };
        const p = script.prepared ?? prepared();
        try {
          const delivery = await deliver(p);
          calls.transaction.push("committed");
          return { result: "delivered", invitation: p.invitation, delivery };
        } catch (error) {
          calls.transaction.push("rolled back");
          throw error;
        }
      },
    },
    sendMail: async (message) => {
      if (script.smtpFails) throw new Error("connect ECONNREFUSED 127.0.0.1:2525");
      calls.mails.push(message);
    },
    inviteNewUser: async (input) => {
      if (script.gotrueFails) throw new Error("Auth answered 500 to the invite");
      calls.invites.push(input);
    },
    log: (message) => calls.logged.push(message),
  };
  return { deps, calls };
}

const post = (body: unknown, headers: Record<string, string> = {}) =>
  new Request("http://localhost/invitations", {
    method: "POST",
    headers: { Authorization: "Bearer token", "Content-Type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });

const send = (deps: InvitationsDeps, req: Request = post({ invitation_id: INVITATION_ID })) => createHandler(deps)(req);

describe("invitations handler: requests", () => {
  test("answers a CORS preflight without touching anything", async () => {
    const { deps, calls } = fake();
    const res = await send(deps, new Request("http://localhost/invitations", { method: "OPTIONS" }));
    expect(res.status).toBe(204);
    expect(calls.ids).toEqual([]);
  });

  test.each([
    { name: "GET", method: "GET" },
    { name: "PUT", method: "PUT" },
    { name: "DELETE", method: "DELETE" },
  ])("refuses $name", async ({ method }) => {
    const res = await send(fake().deps, new Request("http://localhost/invitations", { method }));
    expect(res.status).toBe(405);
    expect(res.headers.get("allow")).toBe("POST");
  });

  test("refuses callers without a live session", async () => {
    const { deps, calls } = fake({ caller: null });
    const res = await send(deps);
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("UNAUTHORIZED");
    expect(calls.ids).toEqual([]);
  });

  test("names the missing mail settings instead of failing later", async () => {
    const { deps, calls } = fake({ mail: { ok: false, problems: ["SMTP_HOST is not set", "SITE_URL is not set"] } });
    const res = await send(deps);
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({
      error: { code: "MAIL_NOT_CONFIGURED", message: "Invitations cannot be mailed: SMTP_HOST is not set; SITE_URL is not set." },
    });
    expect(calls.ids).toEqual([]);
    expect(calls.logged.join("\n")).toContain("SMTP_HOST is not set");
  });

  test.each([
    { name: "no JSON", body: "invitation please", status: 400, code: "INVALID_JSON" },
    { name: "a JSON list", body: "[]", status: 400, code: "INVALID_JSON" },
    { name: "no invitation_id", body: "{}", status: 422, code: "INVALID_INPUT" },
    { name: "an invitation_id that is no UUID", body: '{"invitation_id": "42"}', status: 422, code: "INVALID_INPUT" },
  ])("refuses $name", async ({ body, status, code }) => {
    const { deps, calls } = fake();
    const res = await send(deps, post(body));
    expect(res.status).toBe(status);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe(code);
    expect(calls.ids).toEqual([]);
  });

  test("acts in the database as the caller, passing only the audited headers", async () => {
    const { deps, calls } = fake();
    await send(
      deps,
      post({ invitation_id: INVITATION_ID }, { "User-Agent": "vitest", "X-Forwarded-For": "203.0.113.9", Cookie: "secret" }),
    );
    expect(calls.ids).toEqual([INVITATION_ID]);
    expect(calls.contexts).toEqual([
      {
        userId: caller.userId,
        sessionId: caller.sessionId,
        claims: caller.claims,
        headers: { "user-agent": "vitest", "x-forwarded-for": "203.0.113.9" },
      },
    ]);
  });
});

describe("invitations handler: refusals from the database", () => {
  test.each([
    {
      name: "denied (audited in the database)",
      status: 403,
      db: "FODEN",
      code: "FORBIDDEN",
      message: "Not allowed to send invitation: this needs the manage_members capability.",
    },
    { name: "not found", status: 404, db: "FONF0", code: "NOT_FOUND", message: "No such invitation." },
    { name: "no longer pending", status: 409, db: "FOCON", code: "CONFLICT", message: "This invitation was revoked." },
  ])("$name", async ({ status, db, code, message }) => {
    const { deps, calls } = fake({ refused: { status, error: { code: db, message, details: null, hint: null } } });
    const res = await send(deps);
    expect(res.status).toBe(status);
    expect(await res.json()).toEqual({ error: { code, message } });
    expect(calls.mails).toEqual([]);
    expect(calls.invites).toEqual([]);
  });
});

describe("invitations handler: delivery", () => {
  test("an address with an account gets the invitation mail, linking to the site's accept page", async () => {
    const { deps, calls } = fake();
    const res = await send(deps);
    expect(res.status).toBe(200);
    const body = (await res.json()) as SendResponse;
    expect(body.delivery).toBe("invitation_mail");
    expect(body.invitation.id).toBe(INVITATION_ID);
    expect(JSON.stringify(body)).not.toContain(TOKEN);
    expect(calls.invites).toEqual([]);
    expect(calls.transaction).toEqual(["committed"]);
    const [mail] = calls.mails;
    expect(mail?.to).toBe("grace@example.test");
    expect(mail?.subject).toBe("Ada Lovelace invited you to Acme & Co on FlexOffice");
    expect(mail?.text).toContain(`https://app.flexoffice.test/invitations/accept?token=${TOKEN}`);
    expect(mail?.html).toContain(`href="https://app.flexoffice.test/invitations/accept?token=${TOKEN}"`);
  });

  test("an address without an account gets GoTrue's invite, which brings them back with the token", async () => {
    const { deps, calls } = fake({
      prepared: prepared({ account: "new" }, "https://staging.flexoffice.test/join?from=mail"),
    });
    const res = await send(deps);
    expect(res.status).toBe(200);
    expect(((await res.json()) as SendResponse).delivery).toBe("account_invite");
    expect(calls.mails).toEqual([]);
    expect(calls.invites).toEqual([
      {
        email: "grace@example.test",
        redirectTo: `https://staging.flexoffice.test/join?from=mail&token=${TOKEN}`,
        data: { invited_to: "Acme & Co", invited_by: "Ada Lovelace" },
      },
    ]);
  });

  test("a link to a foreign site is refused and the new token discarded", async () => {
    const { deps, calls } = fake({ prepared: prepared({}, "https://evil.example/steal") });
    const res = await send(deps);
    expect(res.status).toBe(422);
    expect(await res.json()).toEqual({
      error: {
        code: "REDIRECT_NOT_ALLOWED",
        message:
          "redirect_to: invitation links may only point to https://app.flexoffice.test, https://staging.flexoffice.test, not https://evil.example",
      },
    });
    expect(calls.mails).toEqual([]);
    expect(calls.transaction).toEqual(["rolled back"]);
  });

  test.each([
    { name: "SMTP", script: { smtpFails: true }, logged: "ECONNREFUSED" },
    {
      name: "GoTrue's invite",
      script: { gotrueFails: true, prepared: prepared({ account: "new" }) },
      logged: "Auth answered 500",
    },
  ])("when $name fails nothing changes and the reason is logged, not shown", async ({ script, logged }) => {
    const { deps, calls } = fake(script);
    const res = await send(deps);
    expect(res.status).toBe(502);
    const text = await res.text();
    expect(JSON.parse(text)).toEqual({
      error: { code: "MAIL_FAILED", message: "The invitation could not be mailed; nothing was changed, try again later." },
    });
    expect(text).not.toContain(logged);
    expect(calls.logged.join("\n")).toContain(logged);
    expect(calls.transaction).toEqual(["rolled back"]);
  });
});
