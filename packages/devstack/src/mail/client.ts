/**
 * A tiny typed client for the inbox's Mailpit API, for tests of other parts ("sign up, then
 * open the confirmation mail and follow its link"). It only speaks HTTP, so it works the
 * same against this stand-in and a real Mailpit.
 */
import { extractLinks } from "./html-text.ts";
import type { MailpitMessage, MailpitMessageSummary, MailpitMessagesSummary } from "./types.ts";

export type { MailpitAddress, MailpitMessage, MailpitMessageSummary, MailpitMessagesSummary } from "./types.ts";
export { extractLinks };

export type WaitForMessageOptions = {
  /** Exact recipient address (To, Cc or Bcc), case-insensitive. */
  to: string;
  /** Part of the subject, case-insensitive (Mailpit's `subject:` filter). */
  subject?: string;
  /** Only messages received at or after this time, e.g. to skip an earlier mail to the same user. */
  since?: Date;
  /** Default 10 s. */
  timeoutMs?: number;
  /** Default 100 ms. */
  intervalMs?: number;
};

export type InboxClient = {
  list(options?: { start?: number; limit?: number }): Promise<MailpitMessagesSummary>;
  search(query: string, options?: { start?: number; limit?: number }): Promise<MailpitMessagesSummary>;
  /** Full message (marks it read); `id` may be `latest`. */
  get(id: string): Promise<MailpitMessage>;
  raw(id: string): Promise<string>;
  /** Deletes the given messages; never deletes everything (that is `DELETE` without IDs). */
  delete(ids: string[]): Promise<void>;
  /** Polls the search API until a matching message arrives, newest first; throws on timeout. */
  waitForMessage(options: WaitForMessageOptions): Promise<MailpitMessage>;
  extractLinks(message: Pick<MailpitMessage, "HTML" | "Text">): string[];
};

/**
 * `addressed:` covers To, Cc and Bcc (and From, filtered out afterwards), so hidden
 * recipients are found too; `subject:"..."` keeps spaces together and Mailpit drops the
 * quotes, so inner ones are removed.
 */
export function searchQueryFor(options: Pick<WaitForMessageOptions, "to" | "subject">): string {
  const parts = [`addressed:${options.to.replaceAll('"', "").replaceAll(" ", "")}`];
  if (options.subject) parts.push(`subject:"${options.subject.replaceAll('"', "")}"`);
  return parts.join(" ");
}

const isRecipient = (m: MailpitMessageSummary, address: string) =>
  [...m.To, ...m.Cc, ...m.Bcc].some((a) => a.Address.toLowerCase() === address.toLowerCase());

export function createInboxClient(inboxUrl: string): InboxClient {
  const base = inboxUrl.replace(/\/+$/, "");
  const call = async (path: string, init?: RequestInit): Promise<Response> => {
    const res = await fetch(`${base}${path}`, init);
    if (!res.ok) throw new Error(`inbox ${init?.method ?? "GET"} ${path}: ${res.status} ${await res.text()}`);
    return res;
  };
  const paging = (o?: { start?: number; limit?: number }) =>
    `${o?.start !== undefined ? `&start=${o.start}` : ""}${o?.limit !== undefined ? `&limit=${o.limit}` : ""}`;

  const client: InboxClient = {
    list: async (o) => (await call(`/api/v1/messages?${paging(o).slice(1)}`)).json() as Promise<MailpitMessagesSummary>,
    search: async (query, o) =>
      (await call(`/api/v1/search?query=${encodeURIComponent(query)}${paging(o)}`)).json() as Promise<MailpitMessagesSummary>,
    get: async (id) => (await call(`/api/v1/message/${encodeURIComponent(id)}`)).json() as Promise<MailpitMessage>,
    raw: async (id) => (await call(`/api/v1/message/${encodeURIComponent(id)}/raw`)).text(),
    async delete(ids) {
      if (ids.length === 0) return;
      await call("/api/v1/messages", {
        method: "DELETE",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ IDs: ids }),
      });
    },
    async waitForMessage(options) {
      const deadline = Date.now() + (options.timeoutMs ?? 10_000);
      const query = searchQueryFor(options);
      const since = options.since?.getTime();
      for (;;) {
        const found = (await client.search(query, { limit: 50 })).messages.find(
          (m) => isRecipient(m, options.to) && (since === undefined || Date.parse(m.Created) >= since),
        );
        if (found) return client.get(found.ID);
        if (Date.now() >= deadline) {
          throw new Error(
            `no message matching ${query}${options.since ? ` since ${options.since.toISOString()}` : ""} arrived in time`,
          );
        }
        await new Promise((r) => setTimeout(r, options.intervalMs ?? 100));
      }
    },
    extractLinks,
  };
  return client;
}
