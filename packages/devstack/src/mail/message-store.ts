import { mkdir, readdir, readFile, rename, unlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { Logger } from "../process/log.ts";
import { type Envelope, formatAddress, ingestMessage, isMessageId, newMessageId, type StoredMeta } from "./parse-message.ts";
import type { Searchable } from "./search-query.ts";

export type MessageStoreOptions = {
  /** Folder holding `<ID>.eml` (source) and `<ID>.json` (metadata, written last as the commit marker). */
  dir: string;
  /** Oldest messages are pruned beyond this count, like Mailpit's `--max` (default 500 there). */
  maxMessages: number;
  /** Oldest messages are pruned while the sources together exceed this many bytes. */
  maxTotalBytes: number;
  logger: Logger;
};

export type MailboxStats = { total: number; unread: number; tags: string[] };

/**
 * The inbox's persistent message store: metadata in memory for listing and searching,
 * one `.eml` and one `.json` file per message on disk so a restart keeps the mailbox,
 * as Mailpit's database does. Disk writes run one at a time so a delete can never race
 * a read-flag update into leaving half a message behind.
 */
export type MessageStore = {
  add(raw: Buffer, envelope: Envelope): Promise<StoredMeta>;
  /** Newest first. */
  list(): StoredMeta[];
  get(id: string): StoredMeta | undefined;
  raw(id: string): Promise<Buffer | undefined>;
  remove(ids: ReadonlyArray<string>): Promise<number>;
  removeAll(): Promise<number>;
  setRead(ids: ReadonlyArray<string>, read: boolean): Promise<void>;
  stats(): MailboxStats;
  /** Bumps on every change, so pollers can tell whether anything happened. */
  version(): number;
  /** Waits for queued disk writes. */
  flush(): Promise<void>;
};

/** The fields the search matcher reads, with addresses rendered as people see them. */
export function toSearchable(m: StoredMeta): Searchable {
  const fmt = (list: StoredMeta["To"]) => list.map(formatAddress);
  return {
    to: fmt(m.To),
    from: fmt([m.From]),
    cc: fmt(m.Cc),
    bcc: fmt(m.Bcc),
    replyTo: fmt(m.ReplyTo),
    subject: m.Subject,
    messageId: m.MessageID,
    tags: m.Tags,
    read: m.Read,
    attachments: m.Attachments,
    inline: m.Inline,
    created: m.Created,
    size: m.Size,
    searchText: m.SearchText,
  };
}

const newestFirst = (a: StoredMeta, b: StoredMeta) => b.Created - a.Created || b.Seq - a.Seq;

function isStoredMeta(value: unknown): value is StoredMeta {
  const v = value as Partial<StoredMeta> | null;
  return (
    typeof v === "object" &&
    v !== null &&
    typeof v.ID === "string" &&
    typeof v.Created === "number" &&
    typeof v.Seq === "number" &&
    Array.isArray(v.To) &&
    typeof v.From === "object"
  );
}

export async function openMessageStore(options: MessageStoreOptions): Promise<MessageStore> {
  const { dir, logger } = options;
  await mkdir(dir, { recursive: true });
  const byId = new Map<string, StoredMeta>();
  let sorted: StoredMeta[] = [];
  let seq = 0;
  let changes = 0;
  let queue: Promise<unknown> = Promise.resolve();

  const emlPath = (id: string) => join(dir, `${id}.eml`);
  const jsonPath = (id: string) => join(dir, `${id}.json`);
  const serial = <T>(task: () => Promise<T>): Promise<T> => {
    const run = queue.then(task, task);
    queue = run.catch(() => undefined);
    return run;
  };
  const writeMeta = async (meta: StoredMeta) => {
    const tmp = `${jsonPath(meta.ID)}.tmp`;
    await writeFile(tmp, JSON.stringify(meta));
    await rename(tmp, jsonPath(meta.ID));
  };
  const unlinkQuietly = (path: string) => unlink(path).catch(() => undefined);
  const resort = () => {
    sorted = [...byId.values()].sort(newestFirst);
    changes++;
  };

  // Load what a previous run left; recover sources whose metadata never got written.
  const names = await readdir(dir);
  const files = new Set(names);
  for (const name of names) {
    if (name.endsWith(".tmp")) await unlinkQuietly(join(dir, name));
    if (!name.endsWith(".json")) continue;
    const id = name.slice(0, -5);
    try {
      const meta: unknown = JSON.parse(await readFile(join(dir, name), "utf8"));
      if (!isMessageId(id) || !isStoredMeta(meta) || meta.ID !== id || !files.has(`${id}.eml`)) throw new Error("incomplete");
      byId.set(id, meta);
      seq = Math.max(seq, meta.Seq);
    } catch {
      logger.warn(`dropping unreadable mail metadata ${name}`);
      await unlinkQuietly(join(dir, name));
    }
  }
  for (const name of names) {
    const id = name.slice(0, -4);
    if (!name.endsWith(".eml") || byId.has(id) || !isMessageId(id)) continue;
    try {
      const source = await readFile(join(dir, name));
      const { meta } = await ingestMessage(source, { mailFrom: "", rcptTo: [] }, id, Date.now(), ++seq);
      await writeMeta(meta);
      byId.set(id, meta);
    } catch {
      await unlinkQuietly(join(dir, name));
    }
  }
  resort();

  const dropFromIndex = (ids: ReadonlyArray<string>) => {
    const gone = ids.filter((id) => byId.delete(id));
    if (gone.length > 0) resort();
    return gone;
  };
  const deleteFiles = (ids: ReadonlyArray<string>) =>
    serial(async () => {
      for (const id of ids) {
        await unlinkQuietly(jsonPath(id));
        await unlinkQuietly(emlPath(id));
      }
    });

  const prune = async () => {
    let total = sorted.reduce((n, m) => n + m.Size, 0);
    const victims: string[] = [];
    for (let i = sorted.length - 1; i > 0; i--) {
      const m = sorted[i];
      if (!m) continue;
      if (sorted.length - victims.length <= options.maxMessages && total <= options.maxTotalBytes) break;
      victims.push(m.ID);
      total -= m.Size;
    }
    if (victims.length === 0) return;
    dropFromIndex(victims);
    await deleteFiles(victims);
  };

  await prune();
  if (byId.size > 0) logger.info(`loaded ${byId.size} stored message(s) from ${dir}`);

  return {
    async add(source, envelope) {
      const id = newMessageId();
      const { raw, meta } = await ingestMessage(source, envelope, id, Date.now(), ++seq);
      await serial(async () => {
        await writeFile(emlPath(id), raw);
        await writeMeta(meta);
      });
      byId.set(id, meta);
      resort();
      await prune();
      return meta;
    },
    list: () => sorted,
    get: (id) => byId.get(id),
    async raw(id) {
      if (!byId.has(id)) return undefined;
      return readFile(emlPath(id)).catch(() => undefined);
    },
    async remove(ids) {
      const gone = dropFromIndex(ids);
      await deleteFiles(gone);
      return gone.length;
    },
    async removeAll() {
      const gone = dropFromIndex([...byId.keys()]);
      await deleteFiles(gone);
      return gone.length;
    },
    async setRead(ids, read) {
      const changed = ids.map((id) => byId.get(id)).filter((m): m is StoredMeta => m !== undefined && m.Read !== read);
      if (changed.length === 0) return;
      for (const m of changed) m.Read = read;
      changes++;
      await serial(async () => {
        for (const m of changed) if (byId.has(m.ID)) await writeMeta(m);
      });
    },
    stats() {
      const tags = new Set<string>();
      let unread = 0;
      for (const m of sorted) {
        if (!m.Read) unread++;
        for (const t of m.Tags) tags.add(t);
      }
      return { total: sorted.length, unread, tags: [...tags].sort() };
    },
    version: () => changes,
    flush: () => serial(async () => undefined),
  };
}
