/**
 * The inbox of the shared test stack, through Mailpit's v1 API. Other files send mail to
 * the same inbox in parallel, so every test uses its own recipients and never deletes
 * everything.
 */
import { createHash } from "node:crypto";
import { describe, expect, test } from "vitest";
import { createInboxClient } from "../../src/mail/client.ts";
import { stackEnv, uniqueName } from "../../src/testing/index.ts";
import { smtpTransport } from "./own-inbox.ts";

const env = stackEnv();
const inbox = createInboxClient(env.inboxUrl);
const mailer = smtpTransport(env.smtpPort);
const address = (label: string) => `${uniqueName(label).toLowerCase()}@example.test`;
const api = (path: string, init?: RequestInit) => fetch(`${env.inboxUrl}${path}`, init);

const SUMMARY_KEYS = [
  "Attachments",
  "Bcc",
  "Cc",
  "Created",
  "From",
  "ID",
  "MessageID",
  "Read",
  "ReplyTo",
  "Size",
  "Snippet",
  "Subject",
  "Tags",
  "To",
  "Username",
].sort();

const MESSAGE_KEYS = [
  "Attachments",
  "Bcc",
  "Cc",
  "Date",
  "From",
  "HTML",
  "ID",
  "Inline",
  "ListUnsubscribe",
  "MessageID",
  "ReplyTo",
  "ReturnPath",
  "Size",
  "Subject",
  "Tags",
  "Text",
  "To",
  "Username",
].sort();

describe("Mailpit API on the shared stack", () => {
  test("a sent message is listed with Mailpit's fields and read in full with HTML, text and attachments", async () => {
    const to = address("full");
    const cc = address("cc");
    const attachment = Buffer.from("id,name\n1,FlexOffice\n");
    const sent = await mailer.sendMail({
      from: "FlexOffice <noreply@flexoffice.test>",
      to: `Alice Example <${to}>`,
      cc,
      replyTo: "support@flexoffice.test",
      subject: "Confirm Your Signup",
      text: "Follow this link to confirm: http://127.0.0.1:54321/auth/v1/verify?token=abc&type=signup",
      html: '<h2>Confirm your signup</h2><p><a href="http://127.0.0.1:54321/auth/v1/verify?token=abc&amp;type=signup">Confirm</a></p>',
      attachments: [{ filename: "export.csv", content: attachment, contentType: "text/csv" }],
    });
    const before = Date.now();

    const list = (await (await api("/api/v1/messages?limit=1000")).json()) as Record<string, unknown>;
    expect(Object.keys(list).sort()).toEqual([
      "count",
      "messages",
      "messages_count",
      "messages_unread",
      "start",
      "tags",
      "total",
      "unread",
    ]);
    const messages = list.messages as Array<Record<string, unknown>>;
    const row = messages.find((m) => (m.To as Array<{ Address: string }>)[0]?.Address === to);
    expect(row).toBeDefined();
    if (!row) return;
    expect(Object.keys(row).sort()).toEqual(SUMMARY_KEYS);
    expect(row).toMatchObject({
      MessageID: sent.messageId.replace(/^<|>$/g, ""),
      Read: false,
      From: { Name: "FlexOffice", Address: "noreply@flexoffice.test" },
      To: [{ Name: "Alice Example", Address: to }],
      Cc: [{ Name: "", Address: cc }],
      Bcc: [],
      ReplyTo: [{ Name: "", Address: "support@flexoffice.test" }],
      Subject: "Confirm Your Signup",
      Attachments: 1,
      Snippet: "Confirm your signup Confirm",
      Tags: [],
    });
    expect(Math.abs(Date.parse(row.Created as string) - before)).toBeLessThan(10_000);
    expect(row.Size).toBeGreaterThan(attachment.length);
    // newest first
    const created = messages.map((m) => Date.parse(m.Created as string));
    expect(created).toEqual([...created].sort((a, b) => b - a));

    const res = await api(`/api/v1/message/${row.ID}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("application/json");
    const message = (await res.json()) as Record<string, unknown>;
    expect(Object.keys(message).sort()).toEqual(MESSAGE_KEYS);
    expect(message).toMatchObject({
      ID: row.ID,
      Subject: "Confirm Your Signup",
      ReturnPath: "noreply@flexoffice.test",
      Text: expect.stringContaining("Follow this link to confirm"),
      HTML: expect.stringContaining("<h2>Confirm your signup</h2>"),
      Inline: [],
      Attachments: [
        {
          PartID: expect.any(String),
          FileName: "export.csv",
          ContentType: "text/csv",
          ContentID: "",
          Size: attachment.length,
          Checksums: {
            MD5: createHash("md5").update(attachment).digest("hex"),
            SHA1: createHash("sha1").update(attachment).digest("hex"),
            SHA256: createHash("sha256").update(attachment).digest("hex"),
          },
        },
      ],
    });
    expect(Number.isNaN(Date.parse(message.Date as string))).toBe(false);
    expect(inbox.extractLinks(message as { HTML: string; Text: string })).toEqual([
      "http://127.0.0.1:54321/auth/v1/verify?token=abc&type=signup",
    ]);

    // reading marked it read
    const again = await inbox.search(`to:${to}`);
    expect(again.messages[0]?.Read).toBe(true);

    // the attachment part and the headers
    const partId = (message.Attachments as Array<{ PartID: string }>)[0]?.PartID ?? "";
    const part = await api(`/api/v1/message/${row.ID}/part/${partId}`);
    expect(part.status).toBe(200);
    expect(part.headers.get("content-type")).toBe("text/csv");
    expect(Buffer.from(await part.arrayBuffer())).toEqual(attachment);
    const headers = (await (await api(`/api/v1/message/${row.ID}/headers`)).json()) as Record<string, string[]>;
    expect(headers.Subject).toEqual(["Confirm Your Signup"]);
    expect(headers["Message-Id"]).toEqual([sent.messageId]);
  });

  test("search finds mail by recipient, sender, subject and words, and reports matching counts", async () => {
    const a = address("searcha");
    const b = address("searchb");
    const tag = uniqueName("word").toLowerCase();
    await mailer.sendMail({ from: "billing@flexoffice.test", to: a, subject: "Invoice March", text: `first ${tag}` });
    await mailer.sendMail({ from: "auth@flexoffice.test", to: a, subject: "Reset Your Password", text: "second" });
    await mailer.sendMail({ from: "auth@flexoffice.test", to: b, subject: "Reset Your Password", text: `third ${tag}` });

    const byRecipient = await inbox.search(`to:${a}`);
    expect(byRecipient.messages_count).toBe(2);
    expect(byRecipient.messages.map((m) => m.Subject)).toEqual(["Reset Your Password", "Invoice March"]);
    expect(byRecipient.messages.every((m) => m.To[0]?.Address === a)).toBe(true);
    expect(byRecipient.total).toBeGreaterThanOrEqual(3);

    expect((await inbox.search(`to:${a} subject:"reset your"`)).messages.map((m) => m.To[0]?.Address)).toEqual([a]);
    expect((await inbox.search(`to:${a} from:billing@flexoffice.test`)).messages.map((m) => m.Subject)).toEqual([
      "Invoice March",
    ]);
    expect((await inbox.search(`${tag}`)).messages.map((m) => m.To[0]?.Address).sort()).toEqual([a, b].sort());
    expect((await inbox.search(`${tag} -to:${a}`)).messages.map((m) => m.To[0]?.Address)).toEqual([b]);
    expect((await inbox.search(`to:${a}`, { start: 1, limit: 1 })).messages.map((m) => m.Subject)).toEqual(["Invoice March"]);

    const none = await inbox.search(`to:${address("nobody")}`);
    expect(none).toMatchObject({ messages_count: 0, count: 0, messages: [] });
  });

  test("envelope recipients missing from the headers show up as Bcc, as in Mailpit", async () => {
    const to = address("visible");
    const hidden = address("hidden");
    await mailer.sendMail({ from: "x@flexoffice.test", to, bcc: hidden, subject: "Hidden copy", text: "hi" });
    const found = await inbox.search(`bcc:${hidden}`);
    expect(found.messages).toHaveLength(1);
    expect(found.messages[0]?.Bcc).toEqual([{ Name: "", Address: hidden }]);
    expect((await inbox.waitForMessage({ to: hidden, timeoutMs: 2000 })).Subject).toBe("Hidden copy");
  });

  test("latest with a query, and the raw source", async () => {
    const to = address("latest");
    await mailer.sendMail({ from: "x@flexoffice.test", to, subject: "older", text: "one" });
    await mailer.sendMail({ from: "x@flexoffice.test", to, subject: "newer", text: "two\r\nlines" });
    const latestRes = await api(`/api/v1/message/latest?query=${encodeURIComponent(`to:${to}`)}`);
    expect(latestRes.status).toBe(200);
    const latest = (await latestRes.json()) as { ID: string; Subject: string };
    expect(latest.Subject).toBe("newer");

    const raw = await api(`/api/v1/message/${latest.ID}/raw`);
    expect(raw.status).toBe(200);
    expect(raw.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    const source = await raw.text();
    expect(source).toMatch(/^Subject: newer\r$/m);
    expect(source).toContain(`To: ${to}`);
    expect(source).toContain("two\r\nlines");
    const download = await api(`/api/v1/message/${latest.ID}/raw?dl=1`);
    expect(download.headers.get("content-disposition")).toBe(`attachment; filename="${latest.ID}.eml"`);

    const none = await api(`/api/v1/message/latest?query=${encodeURIComponent(`to:${address("none")}`)}`);
    expect(none.status).toBe(404);
  });

  test("delete by IDs and by search removes only those messages", async () => {
    const a = address("dela");
    const b = address("delb");
    await mailer.sendMail({ from: "x@flexoffice.test", to: a, subject: "one", text: "1" });
    await mailer.sendMail({ from: "x@flexoffice.test", to: a, subject: "two", text: "2" });
    await mailer.sendMail({ from: "x@flexoffice.test", to: b, subject: "three", text: "3" });
    const [two, one] = (await inbox.search(`to:${a}`)).messages;
    if (!one || !two) throw new Error("expected two messages");

    const del = await api("/api/v1/messages", {
      method: "DELETE",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ IDs: [one.ID] }),
    });
    expect(del.status).toBe(200);
    expect(await del.text()).toBe("ok");
    expect((await api(`/api/v1/message/${one.ID}`)).status).toBe(404);
    expect((await inbox.search(`to:${a}`)).messages.map((m) => m.ID)).toEqual([two.ID]);

    const delSearch = await api(`/api/v1/search?query=${encodeURIComponent(`to:${a}`)}`, { method: "DELETE" });
    expect(delSearch.status).toBe(200);
    expect((await inbox.search(`to:${a}`)).messages_count).toBe(0);
    expect((await inbox.search(`to:${b}`)).messages_count).toBe(1);
  });

  test("read status can be set back through PUT /api/v1/messages", async () => {
    const to = address("readflag");
    await mailer.sendMail({ from: "x@flexoffice.test", to, subject: "flag", text: "x" });
    const msg = await inbox.waitForMessage({ to });
    expect((await inbox.search(`to:${to} is:read`)).messages_count).toBe(1);
    const put = await api("/api/v1/messages", { method: "PUT", body: JSON.stringify({ IDs: [msg.ID], Read: false }) });
    expect(put.status).toBe(200);
    const unread = await inbox.search(`to:${to} is:unread`);
    expect(unread.messages.map((m) => m.ID)).toEqual([msg.ID]);
    expect(unread.messages_unread).toBe(1);
  });

  test("errors are Mailpit's: 404 text for unknown ids, 400 for a search without a query", async () => {
    const missing = await api("/api/v1/message/DoesNotExist123");
    expect(missing.status).toBe(404);
    expect(await missing.text()).toBe("404 page not found");
    for (const path of ["/api/v1/message/DoesNotExist123/raw", "/api/v1/message/%E0%A4%A/raw", "/api/v1/nope"]) {
      expect((await api(path)).status).toBe(404);
    }
    const search = await api("/api/v1/search?query=%20");
    expect(search.status).toBe(400);
    expect(await search.text()).toBe("Error: no search query");
    // a DELETE search without a query must not delete anything
    const probe = address("survivor");
    await mailer.sendMail({ from: "x@flexoffice.test", to: probe, subject: "still here", text: "x" });
    expect((await api("/api/v1/search", { method: "DELETE" })).status).toBe(400);
    expect((await inbox.search(`to:${probe}`)).messages_count).toBe(1);
    const badPut = await api("/api/v1/messages", { method: "PUT", body: "{not json" });
    expect(badPut.status).toBe(400);
  });

  test("CORS is open for the API", async () => {
    const preflight = await api("/api/v1/messages", {
      method: "OPTIONS",
      headers: {
        Origin: "http://localhost:5173",
        "Access-Control-Request-Method": "DELETE",
        "Access-Control-Request-Headers": "content-type",
      },
    });
    expect(preflight.status).toBe(200);
    expect(preflight.headers.get("access-control-allow-origin")).toBe("http://localhost:5173");
    expect(preflight.headers.get("access-control-allow-methods")).toContain("DELETE");
    expect(preflight.headers.get("access-control-allow-headers")).toBe("content-type");
    const get = await api("/api/v1/messages?limit=1", { headers: { Origin: "http://example.test" } });
    expect(get.headers.get("access-control-allow-origin")).toBe("http://example.test");
    expect((await api("/api/v1/messages?limit=1")).headers.get("access-control-allow-origin")).toBe("*");
  });

  test("the client waits for a message that arrives later, and times out clearly", async () => {
    const to = address("wait");
    const since = new Date();
    const waiting = inbox.waitForMessage({ to, subject: "Magic Link", since, timeoutMs: 5000 });
    await new Promise((r) => setTimeout(r, 300));
    await mailer.sendMail({ from: "x@flexoffice.test", to, subject: "Other", text: "no" });
    await mailer.sendMail({
      from: "x@flexoffice.test",
      to,
      subject: "Your Magic Link",
      html: '<a href="http://127.0.0.1/auth/v1/verify?token=t1&amp;type=magiclink">Log in</a>',
    });
    const message = await waiting;
    expect(message.Subject).toBe("Your Magic Link");
    expect(inbox.extractLinks(message)).toEqual(["http://127.0.0.1/auth/v1/verify?token=t1&type=magiclink"]);

    // a prefix of an address is not the address
    await expect(inbox.waitForMessage({ to: to.slice(1), timeoutMs: 300 })).rejects.toThrow(/no message matching/);
    await expect(inbox.waitForMessage({ to, since: new Date(Date.now() + 60_000), timeoutMs: 300 })).rejects.toThrow(/since/);
  });
});
