/**
 * Inbox parts started by this file (temp workdir, free ports): what would disturb the
 * shared stack's mailbox, i.e. delete-all, restarts, pruning, garbage on the wire and on disk.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { connect } from "node:net";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { findProjectRoot } from "../../src/config/stack-config.ts";
import { createInboxClient } from "../../src/mail/client.ts";
import type { MailpitMessagesSummary } from "../../src/mail/types.ts";
import { type OwnInbox, smtpTransport, startOwnInbox } from "./own-inbox.ts";

const projectRoot = findProjectRoot();
const started: OwnInbox[] = [];
const own = async (...args: Parameters<typeof startOwnInbox> extends [string, ...infer R] ? R : never) => {
  const inbox = await startOwnInbox(projectRoot, ...args);
  started.push(inbox);
  return inbox;
};
afterAll(async () => {
  for (const inbox of started) await inbox.stop();
  for (const inbox of started) rmSync(inbox.workdir, { recursive: true, force: true });
});

const list = async (url: string) => (await (await fetch(`${url}/api/v1/messages?limit=1000`)).json()) as MailpitMessagesSummary;

/** Talks SMTP by hand, line by line, returning every reply line the server sent. */
async function smtpSession(port: number, lines: Array<string | Buffer>): Promise<string[]> {
  const socket = connect(port, "127.0.0.1");
  const replies: string[] = [];
  let buffer = "";
  let waiting: (() => void) | undefined;
  socket.on("data", (d) => {
    buffer += d.toString("latin1");
    const parts = buffer.split("\r\n");
    buffer = parts.pop() ?? "";
    replies.push(...parts);
    if (parts.some((p) => /^\d{3} /.test(p))) waiting?.();
  });
  const reply = () =>
    new Promise<void>((resolve) => {
      waiting = resolve;
      setTimeout(resolve, 2000);
    });
  await reply(); // greeting
  for (const line of lines) {
    socket.write(line);
    // commands and the end of DATA get a reply; message content does not
    if (typeof line === "string" && (line === "\r\n.\r\n" || /^[A-Z]{4}.*\r\n$/.test(line))) await reply();
  }
  socket.end();
  return replies;
}

describe("an inbox part of our own", () => {
  test("delete all empties the mailbox (no body, or no IDs, as in Mailpit)", async () => {
    const inbox = await own();
    const mailer = smtpTransport(inbox.smtpPort);
    for (const n of [1, 2, 3]) await mailer.sendMail({ from: "a@x.test", to: `u${n}@x.test`, subject: `m${n}`, text: "x" });
    expect((await list(inbox.url)).total).toBe(3);

    const res = await fetch(`${inbox.url}/api/v1/messages`, { method: "DELETE" });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe("ok");
    expect(await list(inbox.url)).toMatchObject({ total: 0, unread: 0, messages: [] });
    expect(readdirSync(join(inbox.workdir, "mail"))).toEqual([]);
    const latest = await fetch(`${inbox.url}/api/v1/message/latest`);
    expect(latest.status).toBe(404);
    expect(await latest.text()).toBe("Message not found");

    await mailer.sendMail({ from: "a@x.test", to: "u@x.test", subject: "again", text: "x" });
    await fetch(`${inbox.url}/api/v1/messages`, { method: "DELETE", body: JSON.stringify({ IDs: [] }) });
    expect((await list(inbox.url)).total).toBe(0);
  });

  test("messages, their read state and their source survive a restart", async () => {
    const inbox = await own();
    const mailer = smtpTransport(inbox.smtpPort);
    await mailer.sendMail({ from: "a@x.test", to: "one@x.test", subject: "first", text: "1" });
    await mailer.sendMail({ from: "a@x.test", to: "two@x.test", subject: "second", html: "<b>2</b>" });
    const client = createInboxClient(inbox.url);
    const read = await client.get("latest");
    const before = await list(inbox.url);
    const rawBefore = await client.raw(read.ID);

    await inbox.restart();

    const after = await list(inbox.url);
    expect(after.messages).toEqual(before.messages);
    expect(after).toMatchObject({ total: 2, unread: 1 });
    expect(after.messages.map((m) => [m.Subject, m.Read])).toEqual([
      ["second", true],
      ["first", false],
    ]);
    expect(await client.raw(read.ID)).toBe(rawBefore);
    // new mail after the restart is newer than everything kept
    await mailer.sendMail({ from: "a@x.test", to: "three@x.test", subject: "third", text: "3" });
    expect((await list(inbox.url)).messages.map((m) => m.Subject)).toEqual(["third", "second", "first"]);
  });

  test("the oldest messages are pruned beyond the cap, on disk too", async () => {
    const inbox = await own({ maxMessages: 3 });
    const mailer = smtpTransport(inbox.smtpPort);
    for (const n of [1, 2, 3, 4, 5]) await mailer.sendMail({ from: "a@x.test", to: "u@x.test", subject: `m${n}`, text: "x" });
    const after = await list(inbox.url);
    expect(after.total).toBe(3);
    expect(after.messages.map((m) => m.Subject)).toEqual(["m5", "m4", "m3"]);
    expect(readdirSync(join(inbox.workdir, "mail")).sort()).toEqual(
      after.messages.flatMap((m) => [`${m.ID}.eml`, `${m.ID}.json`]).sort(),
    );
  });

  test("a message over the size limit is refused with 552 and nothing is stored", async () => {
    const inbox = await own({ maxMessageBytes: 10_000 });
    const mailer = smtpTransport(inbox.smtpPort);
    await expect(
      mailer.sendMail({ from: "a@x.test", to: "u@x.test", subject: "big", text: "x".repeat(50_000) }),
    ).rejects.toMatchObject({
      responseCode: 552,
    });
    await mailer.sendMail({ from: "a@x.test", to: "u@x.test", subject: "small", text: "x" });
    expect((await list(inbox.url)).messages.map((m) => m.Subject)).toEqual(["small"]);
  });

  test("garbage over SMTP and HTTP does not take it down, and odd mail is still stored", async () => {
    const inbox = await own();
    const replies = await smtpSession(inbox.smtpPort, [
      "EHLO fuzz\r\n",
      "WHAT IS THIS\r\n",
      "MAIL FROM:<not an address\r\n",
      "RCPT TO:<nobody@x.test>\r\n",
      "MAIL FROM:<a@x.test>\r\n",
      "RCPT TO:<odd@x.test>\r\n",
      "DATA\r\n",
      Buffer.from([0xff, 0xfe, 0x00, 0x01]),
      "\r\nno headers at all, just \u00ff bytes\r\n",
      'Content-Type: multipart/mixed; boundary="never-closed"\r\n\r\n--never-closed\r\nContent-Type: text/html\r\n\r\n<p>unterminated',
      "\r\n.\r\n",
      "QUIT\r\n",
    ]);
    expect(replies.some((r) => r.startsWith("500") || r.startsWith("502"))).toBe(true);
    expect(replies.some((r) => /^250 .*queued as/.test(r))).toBe(true);
    const stored = await list(inbox.url);
    expect(stored.total).toBe(1);
    expect(stored.messages[0]?.Bcc).toEqual([{ Name: "", Address: "odd@x.test" }]);
    const detail = await fetch(`${inbox.url}/api/v1/message/${stored.messages[0]?.ID}`);
    expect(detail.status).toBe(200);

    // a client that drops the connection mid-DATA
    await smtpSession(inbox.smtpPort, [
      "EHLO x\r\n",
      "MAIL FROM:<a@x.test>\r\n",
      "RCPT TO:<b@x.test>\r\n",
      "DATA\r\n",
      "Subject: half",
    ]);

    // broken HTTP
    for (const [path, init] of [
      ["/api/v1/messages", { method: "PUT", body: "[1,2" }],
      ["/api/v1/messages", { method: "PUT", body: JSON.stringify({ IDs: "nope" }) }],
      ["/api/v1/messages", { method: "DELETE", body: JSON.stringify({ IDs: [1, 2] }) }],
      ["/api/v1/messages", { method: "DELETE", body: "{oops" }],
      ["/api/v1/messages", { method: "PATCH" }],
      ["/view/%zz", {}],
      ["/api/v1/message/..%2F..%2Fetc%2Fpasswd/raw", {}],
    ] as const) {
      const res = await fetch(`${inbox.url}${path}`, init);
      expect(res.status, path).toBeGreaterThanOrEqual(400);
      expect(res.status, path).toBeLessThan(500);
    }
    const garbage = await new Promise<string>((resolve) => {
      const s = connect(Number(new URL(inbox.url).port), "127.0.0.1");
      let out = "";
      s.on("data", (d) => (out += d.toString()));
      s.on("close", () => resolve(out));
      s.write("\x00\x01 NOT HTTP\r\n\r\n");
    });
    expect(garbage).toMatch(/^HTTP\/1\.1 400/);

    // still alive, nothing lost, nothing fatal
    await smtpTransport(inbox.smtpPort).sendMail({ from: "a@x.test", to: "fine@x.test", subject: "fine", text: "ok" });
    expect((await list(inbox.url)).total).toBe(2);
    expect(inbox.fatal).toEqual([]);
  });

  test("unreadable files in the mail folder are dropped and sources without metadata recovered", async () => {
    const first = await own();
    await smtpTransport(first.smtpPort).sendMail({ from: "a@x.test", to: "kept@x.test", subject: "kept", text: "x" });
    await first.stop();
    const dir = join(first.workdir, "mail");
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, "Broken1.json"), "{ not json");
    writeFileSync(join(dir, "Broken1.eml"), "Subject: orphan\r\nTo: orphan@x.test\r\n\r\nbody\r\n");
    writeFileSync(join(dir, "Stray2.json"), JSON.stringify({ ID: "Stray2" }));
    writeFileSync(join(dir, "x.json.tmp"), "partial");

    const second = await own({}, first.workdir);
    const after = await list(second.url);
    expect(after.messages.map((m) => m.Subject).sort()).toEqual(["kept", "orphan"]);
    const files = readdirSync(dir);
    expect(files).not.toContain("Stray2.json");
    expect(files).not.toContain("x.json.tmp");
    expect(JSON.parse(readFileSync(join(dir, "Broken1.json"), "utf8"))).toMatchObject({ ID: "Broken1", Subject: "orphan" });
  });
});

describe("the web page", () => {
  test("lists messages newest first, searches by recipient, shows one message safely and deletes all", async () => {
    const inbox = await own();
    const mailer = smtpTransport(inbox.smtpPort);
    await mailer.sendMail({ from: "Auth <auth@x.test>", to: "alice@x.test", subject: "Welcome Alice", text: "hello alice" });
    await mailer.sendMail({
      from: "Auth <auth@x.test>",
      to: "bob@x.test",
      subject: "Confirm <Bob>",
      text: "Confirm at http://127.0.0.1/verify?t=1&type=signup",
      html: '<p>Click <a href="http://127.0.0.1/verify?t=1&amp;type=signup">here</a></p><script>alert("pwned")</script>',
    });

    const versionBefore = await (await fetch(`${inbox.url}/ui/version`)).text();
    const home = await fetch(`${inbox.url}/`);
    expect(home.status).toBe(200);
    expect(home.headers.get("content-type")).toContain("text/html");
    const csp = home.headers.get("content-security-policy") ?? "";
    expect(csp).toMatch(/script-src 'nonce-[^']+'/);
    const page = await home.text();
    expect(page).toContain("Welcome Alice");
    expect(page).toContain("Confirm &lt;Bob&gt;");
    expect(page).toContain("alice@x.test");
    expect(page.indexOf("Confirm &lt;Bob&gt;")).toBeLessThan(page.indexOf("Welcome Alice"));
    expect(page).toContain(`data-version="${versionBefore}"`);
    expect(page).toMatch(/<form[^>]+action="\/ui\/delete-all"/);

    const searched = await (await fetch(`${inbox.url}/?q=${encodeURIComponent("to:alice@x.test")}`)).text();
    expect(searched).toContain("Welcome Alice");
    expect(searched).not.toContain("Confirm &lt;Bob&gt;");

    const bob = (await list(inbox.url)).messages.find((m) => m.To[0]?.Address === "bob@x.test");
    const view = await fetch(`${inbox.url}/view/${bob?.ID}`);
    expect(view.status).toBe(200);
    const html = await view.text();
    const iframe = /<iframe[^>]*>/.exec(html)?.[0] ?? "";
    expect(iframe).toMatch(/\ssandbox="[^"]*"/);
    expect(/\ssandbox="([^"]*)"/.exec(iframe)?.[1]).not.toContain("allow-scripts");
    expect(iframe).toContain("allow-popups");
    const srcdoc = /\ssrcdoc="([^"]*)"/.exec(iframe)?.[1] ?? "";
    expect(srcdoc).toContain("&lt;base target=&quot;_blank&quot;&gt;");
    expect(srcdoc).toContain("href=&quot;http://127.0.0.1/verify?t=1&amp;amp;type=signup&quot;");
    expect(srcdoc).toContain("&lt;script&gt;alert(");
    // the only live script on the page is our own, nonce'd one
    expect(html.match(/<script\b/g)).toHaveLength(1);
    expect(html).toMatch(/<script nonce="[^"]+">/);
    expect(html).toContain("Confirm at http://127.0.0.1/verify?t=1&amp;type=signup");
    expect(html).toContain('<a href="http://127.0.0.1/verify?t=1&amp;type=signup" target="_blank"');
    // viewing marks it read, and the list page notices the change
    expect((await list(inbox.url)).unread).toBe(1);
    expect(await (await fetch(`${inbox.url}/ui/version`)).text()).not.toBe(versionBefore);

    const latest = await fetch(`${inbox.url}/view/latest`, { redirect: "manual" });
    expect(latest.status).toBe(303);
    expect(latest.headers.get("location")).toBe(`/view/${bob?.ID}`);
    expect((await fetch(`${inbox.url}/view/NoSuchMessage`)).status).toBe(404);

    const delAll = await fetch(`${inbox.url}/ui/delete-all`, { method: "POST", redirect: "manual" });
    expect(delAll.status).toBe(303);
    expect((await list(inbox.url)).total).toBe(0);
    expect(await (await fetch(`${inbox.url}/`)).text()).toContain("No messages yet");
  });
});
