import { createHash, randomBytes } from "node:crypto";
import PostalMime, { type Address, type Attachment, type Email } from "postal-mime";
import { createSnippet, htmlToText } from "./html-text.ts";
import { cleanString } from "./search-query.ts";
import type { MailpitAddress, MailpitAttachment, MailpitListUnsubscribe, MailpitMessage } from "./types.ts";

/** What an SMTP transaction told us beyond the message bytes. */
export type Envelope = { mailFrom: string; rcptTo: string[]; username?: string };

/**
 * Everything the inbox keeps about a message besides its raw source: enough to list and
 * search without reparsing, persisted as JSON next to the `.eml` file.
 */
export type StoredMeta = {
  ID: string;
  MessageID: string;
  /** Received time, epoch milliseconds. */
  Created: number;
  /** Arrival order, breaks ties between messages received in the same millisecond. */
  Seq: number;
  Read: boolean;
  From: MailpitAddress;
  To: MailpitAddress[];
  Cc: MailpitAddress[];
  Bcc: MailpitAddress[];
  ReplyTo: MailpitAddress[];
  Subject: string;
  Size: number;
  Attachments: number;
  Inline: number;
  Snippet: string;
  Tags: string[];
  Username: string;
  SearchText: string;
};

const SHORTUUID_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
const SEARCH_TEXT_LIMIT = 100_000;

/** A 22-character base57 id shaped like Mailpit's shortuuid ids. */
export function newMessageId(): string {
  let n = BigInt(`0x${randomBytes(16).toString("hex")}`);
  let id = "";
  for (let i = 0; i < 22; i++) {
    id += SHORTUUID_ALPHABET[Number(n % 57n)];
    n /= 57n;
  }
  return id;
}

/** Ids are used in file names: accept only what {@link newMessageId} can produce. */
export const isMessageId = (id: string) => /^[A-Za-z0-9]{1,64}$/.test(id);

function flatten(list: Address[] | Address | undefined): MailpitAddress[] {
  const items = list === undefined ? [] : Array.isArray(list) ? list : [list];
  const out: MailpitAddress[] = [];
  for (const a of items) {
    if (a.group) for (const m of a.group) out.push({ Name: m.name, Address: m.address });
    else if (a.address !== undefined) out.push({ Name: a.name, Address: a.address });
  }
  return out;
}

/** `Name <address>` (or the bare address), as shown to people and matched by `to:`/`from:`. */
export const formatAddress = (a: MailpitAddress) => (a.Name && a.Address ? `${a.Name} <${a.Address}>` : a.Address || a.Name);

function header(email: Email, key: string): string {
  return email.headers.find((h) => h.key === key)?.value ?? "";
}

const CLEAN_TAG_INVALID = /[^a-zA-Z0-9\-_.@ ]/g;

/** Tags from the `X-Tags` header and from plus-addresses (`user+tag@host`), as Mailpit derives them. */
export function deriveTags(xTags: string, addresses: MailpitAddress[]): string[] {
  const candidates = xTags.trim() === "" ? [] : xTags.trim().split(",");
  for (const a of addresses) {
    const m = /^(.*?)\+(.*?)@/.exec(a.Address);
    if (m?.[2] !== undefined) candidates.push(...m[2].split("+"));
  }
  const seen = new Set<string>();
  const tags: string[] = [];
  for (const c of candidates) {
    const tag = c.replace(CLEAN_TAG_INVALID, " ").replace(/\s+/g, " ").trim().slice(0, 100);
    if (tag === "" || seen.has(tag.toLowerCase())) continue;
    seen.add(tag.toLowerCase());
    tags.push(tag);
  }
  return tags.sort();
}

async function parse(raw: Buffer): Promise<Email | undefined> {
  try {
    return await PostalMime.parse(raw);
  } catch {
    return undefined;
  }
}

const isInline = (a: Attachment) => a.related === true || a.disposition === "inline";
const isListed = (a: Attachment) => Boolean(a.filename || a.contentId);

function hasHeader(raw: Buffer, name: string): boolean {
  const end = raw.indexOf("\r\n\r\n");
  const head = raw.subarray(0, end === -1 ? Math.min(raw.length, 256 * 1024) : end).toString("latin1");
  return new RegExp(`^${name}:`, "im").test(head);
}

/**
 * Turns a received message into its stored form. Like Mailpit's SMTP handler, envelope
 * recipients missing from To/Cc/Bcc are added as a `Bcc` header (so a mail sent with
 * hidden recipients is still found by `to:`-less searches and shows whom it reached).
 * A message that cannot be parsed is still stored, described by its envelope.
 */
export async function ingestMessage(
  original: Buffer,
  envelope: Envelope,
  id: string,
  created: number,
  seq: number,
): Promise<{ raw: Buffer; meta: StoredMeta }> {
  let raw = original;
  let email = await parse(raw);
  const listed = email ? [...flatten(email.to), ...flatten(email.cc), ...flatten(email.bcc)] : [];
  const known = new Set(listed.map((a) => a.Address.toLowerCase()));
  const missing = envelope.rcptTo.filter((r) => !known.has(r.toLowerCase()));
  if (missing.length > 0 && !hasHeader(raw, "bcc")) {
    raw = Buffer.concat([Buffer.from(`Bcc: ${missing.join(", ")}\r\n`), raw]);
    email = (await parse(raw)) ?? email;
  }
  const from = email ? flatten(email.from)[0] : undefined;
  const fromHeader = email ? header(email, "from") : "";
  const meta: StoredMeta = {
    ID: id,
    MessageID: (email?.messageId ?? "").replace(/^<|>$/g, ""),
    Created: created,
    Seq: seq,
    Read: false,
    From: from ?? (fromHeader ? { Name: fromHeader, Address: "" } : { Name: "", Address: envelope.mailFrom }),
    To: email ? flatten(email.to) : [],
    Cc: email ? flatten(email.cc) : [],
    Bcc: email ? flatten(email.bcc) : [],
    ReplyTo: email ? flatten(email.replyTo) : [],
    Subject: email?.subject ?? "",
    Size: raw.length,
    Attachments: email ? email.attachments.filter((a) => !isInline(a)).length : 0,
    Inline: email ? email.attachments.filter(isInline).length : 0,
    Snippet: email ? createSnippet(email.text ?? "", email.html ?? "") : "",
    Tags: [],
    Username: envelope.username ?? "",
    SearchText: "",
  };
  if (!email) {
    meta.Bcc = envelope.rcptTo.map((a) => ({ Name: "", Address: a }));
  }
  const addresses = [...meta.To, ...meta.Cc, ...meta.Bcc, meta.From];
  meta.Tags = deriveTags(email ? header(email, "x-tags") : "", addresses);
  const body = email ? (email.html ? htmlToText(email.html) : (email.text ?? "")) : "";
  meta.SearchText = cleanString(
    [
      formatAddress(meta.From),
      meta.Subject,
      ...[meta.To, meta.Cc, meta.Bcc, meta.ReplyTo].map((l) => l.map(formatAddress).join(", ")),
      email?.returnPath ?? "",
      body,
      ...(email?.attachments ?? []).filter((a) => !isInline(a)).map((a) => a.filename ?? ""),
    ].join(" "),
  ).slice(0, SEARCH_TEXT_LIMIT);
  return { raw, meta };
}

function contentBytes(a: Attachment): Buffer {
  if (typeof a.content === "string") return Buffer.from(a.content, a.encoding === "base64" ? "base64" : "utf8");
  if (a.content instanceof ArrayBuffer) return Buffer.from(a.content);
  return Buffer.from(a.content.buffer, a.content.byteOffset, a.content.byteLength);
}

function summarizeAttachment(a: Attachment, index: number): MailpitAttachment {
  const content = contentBytes(a);
  const contentId = (a.contentId ?? "").replace(/^<|>$/g, "");
  const digest = (algo: string) => createHash(algo).update(content).digest("hex");
  return {
    PartID: String(index + 1),
    FileName: a.filename || contentId,
    ContentType: a.mimeType,
    ContentID: contentId,
    Size: content.length,
    Checksums: { MD5: digest("md5"), SHA1: digest("sha1"), SHA256: digest("sha256") },
  };
}

function listUnsubscribe(email: Email | undefined): MailpitListUnsubscribe {
  const value = email ? header(email, "list-unsubscribe") : "";
  const links = [...value.matchAll(/<([^>]+)>/g)].map((m) => (m[1] ?? "").trim()).filter((l) => /^(https?|mailto):/i.test(l));
  return {
    Header: value,
    Links: value ? links : [],
    Errors: value && links.length === 0 ? "No valid unsubscribe links found" : "",
    HeaderPost: email ? header(email, "list-unsubscribe-post") : "",
  };
}

/** The Mailpit `Message` view of a stored message; addresses come from the stored metadata. */
export async function messageDetail(raw: Buffer, meta: StoredMeta): Promise<MailpitMessage> {
  const email = await parse(raw);
  const dateHeader = email?.date ? Date.parse(email.date) : Number.NaN;
  const attachments = email?.attachments ?? [];
  const indexed = attachments.map((a, i) => ({ a, i })).filter(({ a }) => isListed(a));
  const returnPath = (email?.returnPath ?? "").replace(/^<|>$/g, "");
  const hasFrom = meta.From.Address !== "" || meta.From.Name !== "";
  return {
    ID: meta.ID,
    MessageID: meta.MessageID,
    From: hasFrom ? meta.From : null,
    To: meta.To,
    Cc: meta.Cc,
    Bcc: meta.Bcc,
    ReplyTo: meta.ReplyTo,
    ReturnPath: returnPath || meta.From.Address,
    Subject: meta.Subject,
    ListUnsubscribe: listUnsubscribe(email),
    Date: new Date(Number.isNaN(dateHeader) ? meta.Created : dateHeader).toISOString(),
    Tags: meta.Tags,
    Username: meta.Username,
    Text: email?.text ?? (email ? "" : raw.toString("utf8")),
    HTML: email?.html ?? "",
    Size: meta.Size,
    Inline: indexed.filter(({ a }) => isInline(a)).map(({ a, i }) => summarizeAttachment(a, i)),
    Attachments: indexed.filter(({ a }) => !isInline(a)).map(({ a, i }) => summarizeAttachment(a, i)),
  };
}

/** One attachment or inline part, addressed by the `PartID` that {@link messageDetail} reports. */
export async function messagePart(
  raw: Buffer,
  partId: string,
): Promise<{ contentType: string; fileName: string; content: Buffer } | undefined> {
  if (!/^\d+$/.test(partId)) return undefined;
  const email = await parse(raw);
  const a = email?.attachments[Number(partId) - 1];
  if (!a) return undefined;
  return { contentType: a.mimeType, fileName: a.filename || (a.contentId ?? "").replace(/^<|>$/g, ""), content: contentBytes(a) };
}

/** Go's `textproto.CanonicalMIMEHeaderKey`: `message-id` -> `Message-Id`. */
export const canonicalHeaderKey = (key: string) =>
  key
    .toLowerCase()
    .split("-")
    .map((w) => (w === "" ? w : w[0]?.toUpperCase() + w.slice(1)))
    .join("-");

/** Headers as Mailpit's `/headers` endpoint returns them: canonical keys, every value in order. */
export async function messageHeaders(raw: Buffer): Promise<Record<string, string[]>> {
  const email = await parse(raw);
  const out: Record<string, string[]> = {};
  for (const h of email?.headers ?? []) {
    const key = canonicalHeaderKey(h.key);
    out[key] = [...(out[key] ?? []), h.value.trim()];
  }
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
