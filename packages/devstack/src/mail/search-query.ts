/**
 * Mailpit's search language (https://mailpit.axllent.org/docs/usage/search-filters/),
 * parsed into terms and matched in memory. Semantics follow Mailpit's
 * `internal/storage/search.go`: words are split on spaces unless quoted, quotes are
 * dropped, every term must match (AND), a leading `-` or `!` negates a term, and
 * address/subject/text filters are case-insensitive substring matches.
 */

export type AddressField = "to" | "from" | "cc" | "bcc" | "reply-to" | "addressed";

export type SearchTerm =
  | { kind: "address"; field: AddressField; value: string; exclude: boolean }
  | { kind: "subject"; value: string; exclude: boolean }
  | { kind: "message-id"; value: string; exclude: boolean }
  | { kind: "tag"; value: string; exclude: boolean }
  | { kind: "is"; value: "read" | "unread" | "tagged"; exclude: boolean }
  | { kind: "has"; value: "attachment" | "inline"; exclude: boolean }
  | { kind: "after" | "before"; time: number; exclude: boolean }
  | { kind: "larger" | "smaller"; bytes: number; exclude: boolean }
  | { kind: "text"; value: string; exclude: boolean };

/** What a stored message exposes to the matcher; every string is already in its final form. */
export type Searchable = {
  to: string[];
  from: string[];
  cc: string[];
  bcc: string[];
  replyTo: string[];
  subject: string;
  messageId: string;
  tags: string[];
  read: boolean;
  attachments: number;
  inline: number;
  /** Received time, epoch milliseconds. */
  created: number;
  size: number;
  /** Output of {@link cleanString} over headers and body, as Mailpit's `SearchText` column. */
  searchText: string;
};

/** Splits on spaces outside double quotes and drops the quotes, like Mailpit's `tools.ArgsParser`. */
export function splitSearchArgs(query: string): string[] {
  const args: string[] = [];
  let current = "";
  let quoted = false;
  const flush = () => {
    const v = current.replaceAll('"', "").trim();
    if (v !== "") args.push(v);
    current = "";
  };
  for (const ch of query) {
    if (ch === '"') {
      quoted = !quoted;
      current += ch;
    } else if (!quoted && ch === " ") {
      flush();
    } else {
      current += ch;
    }
  }
  flush();
  return args;
}

/** Lowercases, turns separators and angle brackets into spaces and collapses whitespace (Mailpit's `cleanString`). */
export function cleanString(value: string): string {
  return value
    .replaceAll("\uFEFF", " ")
    .replace(/\r?\n|\t|>|<|"|,|;|\(|\)/g, " ")
    .split(/\s+/)
    .filter((w) => w !== "")
    .join(" ")
    .toLowerCase();
}

/** `25`, `10k`, `2.5mb` -> bytes; 0 when not a size (then Mailpit treats the word as free text). */
export function sizeToBytes(value: string): number {
  const m = /^(\d+)(\.\d+)?\s?([a-z]{1,2})?$/.exec(value.toLowerCase());
  if (!m) return 0;
  const n = Number.parseFloat(`${m[1]}${m[2] ?? ""}`);
  const unit = m[3] ?? "";
  if (unit === "") return Math.floor(n);
  if (unit === "k" || unit === "kb") return Math.floor(n * 1024);
  if (unit === "m" || unit === "mb") return Math.floor(n * 1024 * 1024);
  return 0;
}

const ADDRESS_PREFIXES: ReadonlyArray<AddressField> = ["to", "from", "cc", "bcc", "reply-to", "addressed"];

/** Parses a Mailpit search string; terms that carry no value (`to:`) or an unreadable date are dropped, as in Mailpit. */
export function parseSearchQuery(query: string): SearchTerm[] {
  const terms: SearchTerm[] = [];
  for (const arg of splitSearchArgs(query)) {
    if (cleanString(arg) === "") continue;
    let word = arg;
    let exclude = false;
    if (word.length > 1 && (word.startsWith("-") || word.startsWith("!"))) {
      exclude = true;
      word = word.slice(1);
    }
    const lower = word.toLowerCase();
    const prefix = ADDRESS_PREFIXES.find((p) => lower.startsWith(`${p}:`));
    if (prefix) {
      const value = cleanString(word.slice(prefix.length + 1));
      if (value !== "") terms.push({ kind: "address", field: prefix, value, exclude });
    } else if (lower.startsWith("subject:")) {
      const value = word.slice(8).toLowerCase();
      if (value !== "") terms.push({ kind: "subject", value, exclude });
    } else if (lower.startsWith("message-id:")) {
      const value = cleanString(word.slice(11));
      if (value !== "") terms.push({ kind: "message-id", value, exclude });
    } else if (lower.startsWith("tag:")) {
      const value = cleanString(word.slice(4));
      if (value !== "") terms.push({ kind: "tag", value, exclude });
    } else if (lower === "is:read" || lower === "is:unread" || lower === "is:tagged") {
      terms.push({ kind: "is", value: lower.slice(3) as "read" | "unread" | "tagged", exclude });
    } else if (lower === "has:attachment" || lower === "has:attachments") {
      terms.push({ kind: "has", value: "attachment", exclude });
    } else if (lower === "has:inline" || lower === "has:inlines") {
      terms.push({ kind: "has", value: "inline", exclude });
    } else if (lower.startsWith("after:") || lower.startsWith("before:")) {
      const kind = lower.startsWith("after:") ? "after" : "before";
      const raw = cleanString(word.slice(kind.length + 1));
      const time = raw === "" ? Number.NaN : Date.parse(raw.toUpperCase());
      if (!Number.isNaN(time)) terms.push({ kind, time, exclude });
    } else if (lower.startsWith("larger:") && sizeToBytes(cleanString(word.slice(7))) > 0) {
      terms.push({ kind: "larger", bytes: sizeToBytes(cleanString(word.slice(7))), exclude });
    } else if (lower.startsWith("smaller:") && sizeToBytes(cleanString(word.slice(8))) > 0) {
      terms.push({ kind: "smaller", bytes: sizeToBytes(cleanString(word.slice(8))), exclude });
    } else {
      const value = cleanString(word);
      if (value !== "") terms.push({ kind: "text", value, exclude });
    }
  }
  return terms;
}

function addressesFor(field: AddressField, m: Searchable): string[] {
  switch (field) {
    case "to":
      return m.to;
    case "from":
      return m.from;
    case "cc":
      return m.cc;
    case "bcc":
      return m.bcc;
    case "reply-to":
      return m.replyTo;
    case "addressed":
      return [...m.to, ...m.from, ...m.cc, ...m.bcc, ...m.replyTo];
  }
}

function termHolds(term: SearchTerm, m: Searchable): boolean {
  switch (term.kind) {
    case "address":
      return addressesFor(term.field, m).some((a) => cleanString(a).includes(term.value));
    case "subject":
      return m.subject.toLowerCase().includes(term.value);
    case "message-id":
      return m.messageId.toLowerCase().includes(term.value);
    case "tag":
      return m.tags.some((t) => t.toLowerCase() === term.value);
    case "is":
      return term.value === "tagged" ? m.tags.length > 0 : m.read === (term.value === "read");
    case "has":
      return term.value === "attachment" ? m.attachments > 0 : m.inline > 0;
    case "after":
      return m.created >= term.time;
    case "before":
      return m.created <= term.time;
    case "larger":
      return m.size > term.bytes;
    case "smaller":
      return m.size < term.bytes;
    case "text":
      return m.searchText.includes(term.value);
  }
}

/** True when the message satisfies every term (an empty term list matches everything). */
export function matchesSearch(terms: ReadonlyArray<SearchTerm>, message: Searchable): boolean {
  return terms.every((t) => termHolds(t, message) !== t.exclude);
}
