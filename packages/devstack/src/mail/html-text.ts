/**
 * Small HTML helpers for mail bodies: plain text for snippets and search, entity decoding
 * and link extraction. Mail HTML is untrusted and often sloppy, so everything here is
 * tolerant string work; nothing is ever executed or rendered.
 */

const NAMED_ENTITIES: Record<string, string> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  nbsp: "\u00a0",
  copy: "\u00a9",
  reg: "\u00ae",
  trade: "\u2122",
  hellip: "\u2026",
  mdash: "\u2014",
  ndash: "\u2013",
  lsquo: "\u2018",
  rsquo: "\u2019",
  ldquo: "\u201c",
  rdquo: "\u201d",
  bull: "\u2022",
  middot: "\u00b7",
  euro: "\u20ac",
  zwnj: "\u200c",
};

/** Decodes numeric and the common named character references; unknown ones stay as written. */
export function decodeEntities(value: string): string {
  return value.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, ref: string) => {
    if (ref.startsWith("#")) {
      const code = ref[1] === "x" || ref[1] === "X" ? Number.parseInt(ref.slice(2), 16) : Number.parseInt(ref.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED_ENTITIES[ref.toLowerCase()] ?? whole;
  });
}

/** Readable text of an HTML body: invisible parts dropped, block ends as line breaks. */
export function htmlToText(html: string): string {
  const text = html
    .replace(/<!--[\s\S]*?-->/g, " ")
    .replace(/<(head|style|script|title)\b[\s\S]*?<\/\1\s*>/gi, " ")
    .replace(/<br\s*\/?>/gi, "\n")
    .replace(/<\/(p|div|tr|li|h[1-6]|table|blockquote|pre)\s*>/gi, "\n")
    .replace(/<[^>]*>/g, " ");
  return decodeEntities(text)
    .split("\n")
    .map((line) => line.replace(/[ \t\u00a0\r]+/g, " ").trim())
    .filter((line, i, lines) => line !== "" || (i > 0 && lines[i - 1] !== ""))
    .join("\n")
    .trim();
}

/** Mailpit's snippet: up to 200 characters of the HTML's text (else the text part), whitespace collapsed. */
export function createSnippet(text: string, html: string): string {
  const source = html.trim() !== "" ? htmlToText(html) : text;
  const flat = source.replaceAll("\uFEFF", " ").replace(/\s+/g, " ").trim();
  const chars = Array.from(flat);
  return chars.length <= 200 ? flat : `${chars.slice(0, 200).join("")}...`;
}

/**
 * The http(s) links of a message, HTML `href`s first then URLs in the text part, entity-decoded
 * and de-duplicated in order: what a user could click, e.g. a confirmation link from Auth.
 */
export function extractLinks(message: { HTML?: string; Text?: string }): string[] {
  const links: string[] = [];
  const add = (candidate: string) => {
    const link = decodeEntities(candidate.trim());
    if (/^https?:\/\//i.test(link) && !links.includes(link)) links.push(link);
  };
  for (const m of (message.HTML ?? "").matchAll(/\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/gi)) {
    add(m[1] ?? m[2] ?? m[3] ?? "");
  }
  for (const m of (message.Text ?? "").matchAll(/https?:\/\/[^\s<>"'\])]+/gi)) {
    add(m[0].replace(/[.,;:!?]+$/, ""));
  }
  return links;
}
