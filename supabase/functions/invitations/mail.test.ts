import { describe, expect, test } from "vitest";
import { composeInvitationMail, escapeHtml, formatExpiry, invitationLink, listOf } from "./mail.ts";
import type { PreparedInvitation } from "./types.ts";

const TOKEN = "AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_AbCd";
const site = { siteUrl: "https://app.flexoffice.test", linkOrigins: ["https://app.flexoffice.test"] };

const prepared = (
  over: Partial<PreparedInvitation["invitation"]> = {},
  rest: Partial<PreparedInvitation> = {},
): PreparedInvitation => ({
  token: TOKEN,
  invitation: {
    id: "7d0c7c59-1b1e-4d0e-9a57-0d8e4c2b9f10",
    tenant_id: "1c4d3b2a-0000-4000-8000-000000000001",
    email: "grace@example.test",
    role_ids: [],
    role_keys: [],
    status: "pending",
    state: "pending",
    expires_at: "2030-01-09T03:04:05.000Z",
    redirect_to: null,
    invited_by: null,
    last_sent_at: null,
    send_count: 1,
    ...over,
  },
  tenant_name: "Acme",
  inviter_name: "Ada",
  role_names: ["Editor"],
  account: "existing",
  ...rest,
});

describe("invitationLink", () => {
  test.each([
    {
      name: "the site's accept page by default",
      siteUrl: "https://app.flexoffice.test",
      redirect: null,
      link: `https://app.flexoffice.test/invitations/accept?token=${TOKEN}`,
    },
    {
      name: "under a site path",
      siteUrl: "https://app.flexoffice.test/office",
      redirect: null,
      link: `https://app.flexoffice.test/office/invitations/accept?token=${TOKEN}`,
    },
    {
      name: "the invitation's own page",
      siteUrl: "https://app.flexoffice.test",
      redirect: "https://app.flexoffice.test/t/acme/join",
      link: `https://app.flexoffice.test/t/acme/join?token=${TOKEN}`,
    },
    {
      name: "keeping its query",
      siteUrl: "https://app.flexoffice.test",
      redirect: "https://app.flexoffice.test/join?lang=de",
      link: `https://app.flexoffice.test/join?lang=de&token=${TOKEN}`,
    },
    {
      name: "replacing a token already in it",
      siteUrl: "https://app.flexoffice.test",
      redirect: "https://app.flexoffice.test/join?token=old",
      link: `https://app.flexoffice.test/join?token=${TOKEN}`,
    },
  ])("$name", ({ siteUrl, redirect, link }) => {
    expect(invitationLink(prepared({ redirect_to: redirect }), { ...site, siteUrl }).toString()).toBe(link);
  });

  test.each([
    { name: "another host", redirect: "https://evil.example/join" },
    { name: "another scheme", redirect: "http://app.flexoffice.test/join" },
    { name: "another port", redirect: "https://app.flexoffice.test:8443/join" },
    { name: "a look-alike host", redirect: "https://app.flexoffice.test.evil.example/join" },
  ])("refuses $name", ({ redirect }) => {
    expect(() => invitationLink(prepared({ redirect_to: redirect }), site)).toThrow(/invitation links may only point to/);
  });
});

describe("composeInvitationMail", () => {
  test("names inviter, tenant, roles, address and expiry, with the link in text and HTML", () => {
    const link = new URL(`https://app.flexoffice.test/invitations/accept?token=${TOKEN}`);
    const mail = composeInvitationMail(prepared({}, { role_names: ["Editor", "Sales"] }), link);
    expect(mail.to).toBe("grace@example.test");
    expect(mail.subject).toBe("Ada invited you to Acme on FlexOffice");
    expect(mail.text).toBe(
      [
        "Hello,",
        "",
        'Ada invited you to join "Acme" on FlexOffice as Editor and Sales.',
        "",
        `Accept the invitation: ${link}`,
        "",
        "Sign in with grace@example.test to accept. The link works once and expires on 9 January 2030, 03:04 UTC.",
        "If you did not expect this invitation, ignore this mail.",
      ].join("\n"),
    );
    expect(mail.html).toContain(`<a href="${link}">Accept the invitation</a>`);
  });

  test("escapes names in HTML", () => {
    const mail = composeInvitationMail(
      prepared({}, { tenant_name: '<script>alert("x")</script>', inviter_name: "O'Brien & Sons" }),
      new URL("https://app.flexoffice.test/a?token=t&x=1"),
    );
    expect(mail.html).not.toContain("<script>");
    expect(mail.html).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;");
    expect(mail.html).toContain("O&#39;Brien &amp; Sons");
    expect(mail.html).toContain('href="https://app.flexoffice.test/a?token=t&amp;x=1"');
  });

  test("falls back when the inviter has no name", () => {
    expect(composeInvitationMail(prepared({}, { inviter_name: null }), new URL("https://a.test/")).subject).toBe(
      "A FlexOffice user invited you to Acme on FlexOffice",
    );
  });
});

describe("helpers", () => {
  test.each([
    { name: "one", names: ["Editor"], text: "Editor" },
    { name: "two", names: ["Editor", "Sales"], text: "Editor and Sales" },
    { name: "three", names: ["Editor", "Sales", "Support"], text: "Editor, Sales and Support" },
    { name: "none", names: [], text: "" },
  ])("listOf $name", ({ names, text }) => {
    expect(listOf(names)).toBe(text);
  });

  test("formatExpiry is in UTC whatever the process time zone", () => {
    expect(formatExpiry("2030-12-31T23:59:00.000Z")).toBe("31 December 2030, 23:59 UTC");
  });

  test("escapeHtml", () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe("&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
  });
});
