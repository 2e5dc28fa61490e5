/**
 * Reads mail the way a person would, through the inbox's Mailpit API (the devstack's inbox
 * locally, a real Mailpit elsewhere): search by recipient, open the message, take its link.
 */

type MailpitSummary = { ID: string; Subject: string; Created: string; To: { Address: string }[] };
type MailpitMessage = { ID: string; Subject: string; Text: string; HTML: string };

export type Mail = { id: string; subject: string; text: string; html: string; links: string[] };

function decodeEntities(value: string): string {
  return value
    .replaceAll("&amp;", "&")
    .replaceAll("&quot;", '"')
    .replaceAll("&#39;", "'")
    .replaceAll("&lt;", "<")
    .replaceAll("&gt;", ">");
}

/** Every http(s) link in the text part and in the HTML's href attributes, in order, without duplicates. */
export function linksIn(message: Pick<MailpitMessage, "Text" | "HTML">): string[] {
  const found = [
    ...(message.Text.match(/https?:\/\/[^\s<>"']+/g) ?? []),
    ...[...message.HTML.matchAll(/href="([^"]+)"/g)].map((m) => decodeEntities(m[1] ?? "")),
  ];
  return [...new Set(found)];
}

export type Inbox = {
  /**
   * Waits for a mail to `to` that was not seen before and passes `accept`; throws after
   * `timeoutMs` with what did arrive, so a failure says whether mail came at all.
   */
  waitForMail(to: string, accept?: (mail: Mail) => boolean, timeoutMs?: number): Promise<Mail>;
};

export function createInbox(inboxUrl: string): Inbox {
  const base = inboxUrl.replace(/\/+$/, "");
  const seen = new Set<string>();
  const getJson = async <T>(path: string): Promise<T> => {
    const res = await fetch(`${base}${path}`);
    if (!res.ok) throw new Error(`inbox GET ${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  };
  return {
    async waitForMail(to, accept = () => true, timeoutMs = 15_000) {
      const deadline = Date.now() + timeoutMs;
      let subjects: string[] = [];
      while (Date.now() < deadline) {
        const result = await getJson<{ messages: MailpitSummary[] }>(`/api/v1/search?query=${encodeURIComponent(`to:${to}`)}`);
        subjects = result.messages.map((m) => m.Subject);
        for (const summary of result.messages) {
          if (seen.has(summary.ID)) continue;
          const message = await getJson<MailpitMessage>(`/api/v1/message/${encodeURIComponent(summary.ID)}`);
          const mail: Mail = {
            id: message.ID,
            subject: message.Subject,
            text: message.Text,
            html: message.HTML,
            links: linksIn(message),
          };
          if (accept(mail)) {
            seen.add(summary.ID);
            return mail;
          }
        }
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      throw new Error(`no matching mail to ${to} within ${timeoutMs} ms; mails seen: ${JSON.stringify(subjects)}`);
    },
  };
}
