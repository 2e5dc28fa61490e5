/**
 * The inbox's web page: plain server-rendered HTML with one small inline script (nonce'd)
 * for auto-refresh and local times. No build step, nothing fetched from the internet.
 */
import { extractLinks } from "./html-text.ts";
import type { MailpitAddress, MailpitMessage, MailpitMessageSummary } from "./types.ts";

export const escapeHtml = (value: string) =>
  value.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c);

const fmtAddress = (a: MailpitAddress) => (a.Name && a.Address ? `${a.Name} <${a.Address}>` : a.Address || a.Name);
const fmtList = (list: MailpitAddress[]) => list.map(fmtAddress).join(", ");

function fmtSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} kB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** Server-side fallback text; the page script swaps in the viewer's locale and time zone. */
const timeTag = (iso: string) =>
  `<time datetime="${escapeHtml(iso)}">${escapeHtml(iso.replace("T", " ").replace(/\.\d+Z$/, " UTC"))}</time>`;

const STYLE = `
:root { color-scheme: light dark; --bg:#f6f7f9; --panel:#fff; --text:#1d2430; --muted:#667085; --line:#e4e7ec;
  --accent:#3ecf8e; --accent-ink:#0b6b44; --danger:#d92d20; --hover:#f0fdf7; }
@media (prefers-color-scheme: dark) { :root { --bg:#111418; --panel:#1a1e24; --text:#e6e9ee; --muted:#98a2b3;
  --line:#2b313a; --accent-ink:#6ee7b7; --hover:#1f2a25; } }
* { box-sizing: border-box; }
body { margin:0; font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif; background:var(--bg); color:var(--text); }
a { color:var(--accent-ink); }
header.top { display:flex; gap:16px; align-items:center; padding:12px 24px; background:var(--panel); border-bottom:1px solid var(--line); position:sticky; top:0; z-index:1; }
header.top .brand { font-weight:650; font-size:16px; text-decoration:none; color:var(--text); display:flex; gap:8px; align-items:center; }
header.top .brand::before { content:""; width:10px; height:10px; border-radius:50%; background:var(--accent); }
header.top form.search { flex:1; display:flex; gap:8px; max-width:640px; min-width:280px; }
input[type=search] { flex:1; padding:7px 10px; border:1px solid var(--line); border-radius:6px; background:var(--bg); color:var(--text); font:inherit; }
button, .button { padding:7px 12px; border:1px solid var(--line); border-radius:6px; background:var(--panel); color:var(--text); font:inherit; cursor:pointer; text-decoration:none; display:inline-block; }
button:hover, .button:hover { border-color:var(--muted); }
button.danger { color:var(--danger); }
.spacer { flex:1; }
.count { color:var(--muted); }
main { padding:20px 24px; max-width:1200px; margin:0 auto; }
table.messages { width:100%; border-collapse:collapse; background:var(--panel); border:1px solid var(--line); border-radius:8px; overflow:hidden; }
table.messages td { padding:9px 12px; border-top:1px solid var(--line); vertical-align:top; }
table.messages tr:first-child td { border-top:0; }
table.messages tr:hover td { background:var(--hover); }
table.messages td.who { width:28%; overflow-wrap:anywhere; }
table.messages td.when { width:1%; white-space:nowrap; color:var(--muted); text-align:right; }
table.messages a.subject { color:var(--text); text-decoration:none; }
table.messages a.subject::after { content:""; position:absolute; inset:0; }
table.messages tr { position:relative; }
tr.unread .who, tr.unread .subject { font-weight:650; }
tr.unread .who::before { content:"\\25CF  "; color:var(--accent); }
.snippet { color:var(--muted); display:block; overflow:hidden; text-overflow:ellipsis; white-space:nowrap; max-width:640px; font-weight:400; }
.from { color:var(--muted); font-size:12px; display:block; font-weight:400; }
.empty { padding:48px; text-align:center; color:var(--muted); background:var(--panel); border:1px dashed var(--line); border-radius:8px; }
.pager { display:flex; gap:8px; justify-content:flex-end; margin-top:12px; }
.tag { display:inline-block; padding:0 6px; margin-right:4px; border-radius:4px; background:var(--hover); color:var(--accent-ink); font-size:12px; }
h1.subject { font-size:20px; margin:4px 0 12px; overflow-wrap:anywhere; }
dl.meta { display:grid; grid-template-columns:max-content 1fr; gap:4px 16px; margin:0 0 16px; padding:12px 16px; background:var(--panel); border:1px solid var(--line); border-radius:8px; }
dl.meta dt { color:var(--muted); }
dl.meta dd { margin:0; overflow-wrap:anywhere; }
.actions { display:flex; gap:8px; margin-bottom:16px; flex-wrap:wrap; }
section.part { margin-bottom:20px; }
section.part h2 { font-size:13px; text-transform:uppercase; letter-spacing:.04em; color:var(--muted); margin:0 0 6px; }
iframe.html-body { width:100%; min-height:240px; height:480px; border:1px solid var(--line); border-radius:8px; background:#fff; resize:vertical; }
pre.text-body { white-space:pre-wrap; overflow-wrap:anywhere; margin:0; padding:12px 16px; background:var(--panel); border:1px solid var(--line); border-radius:8px; font:13px/1.5 ui-monospace,SFMono-Regular,Menlo,monospace; }
ul.links { margin:0; padding:12px 16px 12px 32px; background:var(--panel); border:1px solid var(--line); border-radius:8px; overflow-wrap:anywhere; }
.muted { color:var(--muted); }
`;

const FAVICON =
  "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 16 16'%3E%3Crect x='1' y='3' width='14' height='10' rx='2' fill='%233ecf8e'/%3E%3Cpath d='M2 4l6 5 6-5' stroke='%23fff' fill='none' stroke-width='1.5'/%3E%3C/svg%3E";

const SCRIPT = `
for (const t of document.querySelectorAll("time[datetime]")) {
  const d = new Date(t.getAttribute("datetime"));
  if (!isNaN(d)) { t.title = d.toISOString(); t.textContent = d.toLocaleString(); }
}
for (const f of document.querySelectorAll("form[data-confirm]")) {
  f.addEventListener("submit", (e) => { if (!confirm(f.dataset.confirm)) e.preventDefault(); });
}
const frame = document.querySelector("iframe.html-body");
if (frame) {
  const fit = () => { try { frame.style.height = "240px"; const h = frame.contentDocument.documentElement.scrollHeight; frame.style.height = Math.min(Math.max(h + 8, 240), 4000) + "px"; } catch {} };
  frame.addEventListener("load", fit); fit();
}
const version = document.body.dataset.version;
if (version !== undefined) {
  const input = document.querySelector("input[type=search]");
  setInterval(async () => {
    if (document.hidden || (input && document.activeElement === input)) return;
    try {
      const r = await fetch("/ui/version", { cache: "no-store" });
      if (r.ok && (await r.text()).trim() !== version) location.reload();
    } catch {}
  }, 2000);
}
`;

function page(title: string, body: string, nonce: string, bodyAttrs = ""): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<link rel="icon" href="${FAVICON}">
<noscript><meta http-equiv="refresh" content="10"></noscript>
<style>${STYLE}</style>
</head>
<body${bodyAttrs}>
${body}
<script nonce="${nonce}">${SCRIPT}</script>
</body>
</html>
`;
}

function topBar(query: string, total: number, unread: number): string {
  return `<header class="top">
  <a class="brand" href="/">Local inbox</a>
  <form class="search" method="get" action="/" role="search">
    <input type="search" name="q" value="${escapeHtml(query)}" placeholder="Search, e.g. to:alice@example.com" aria-label="Search messages">
    <button type="submit">Search</button>
  </form>
  <span class="count">${total} message${total === 1 ? "" : "s"}, ${unread} unread</span>
  <span class="spacer"></span>
  <form method="post" action="/ui/delete-all" data-confirm="Delete every message in the inbox?">
    <button type="submit" class="danger"${total === 0 ? " disabled" : ""}>Delete all</button>
  </form>
</header>`;
}

export type ListPageData = {
  query: string;
  messages: MailpitMessageSummary[];
  /** Messages matching the query (the whole mailbox without a query). */
  matching: number;
  start: number;
  limit: number;
  total: number;
  unread: number;
  version: number;
  nonce: string;
};

/** Newest first; the page reloads itself when the store changes, unless the user is typing a search. */
export function renderListPage(d: ListPageData): string {
  const rows = d.messages
    .map((m) => {
      const to = [...m.To, ...m.Cc, ...m.Bcc];
      const tags = m.Tags.map((t) => `<span class="tag">${escapeHtml(t)}</span>`).join("");
      return `<tr class="${m.Read ? "read" : "unread"}" data-id="${escapeHtml(m.ID)}">
  <td class="who">${escapeHtml(fmtList(to) || "(no recipient)")}<span class="from">from ${escapeHtml(fmtAddress(m.From) || "(unknown)")}</span></td>
  <td>${tags}<a class="subject" href="/view/${encodeURIComponent(m.ID)}">${escapeHtml(m.Subject || "(no subject)")}</a><span class="snippet">${escapeHtml(m.Snippet)}</span></td>
  <td class="when">${timeTag(m.Created)}</td>
</tr>`;
    })
    .join("\n");
  const q = d.query ? `q=${encodeURIComponent(d.query)}&` : "";
  const prev = d.start > 0 ? `<a class="button" href="/?${q}start=${Math.max(0, d.start - d.limit)}">Newer</a>` : "";
  const next =
    d.start + d.messages.length < d.matching ? `<a class="button" href="/?${q}start=${d.start + d.limit}">Older</a>` : "";
  const heading = d.query
    ? `<p class="muted">${d.matching} result${d.matching === 1 ? "" : "s"} for <strong>${escapeHtml(d.query)}</strong> · <a href="/">clear search</a></p>`
    : "";
  const body =
    d.messages.length === 0
      ? `<div class="empty">${d.query ? "No message matches this search." : "No messages yet. Mail sent to the stack's SMTP port shows up here."}</div>`
      : `<table class="messages"><tbody>\n${rows}\n</tbody></table>`;
  return page(
    d.query ? `${d.query} · Local inbox` : `Local inbox (${d.unread})`,
    `${topBar(d.query, d.total, d.unread)}\n<main>${heading}${body}<div class="pager">${prev}${next}</div></main>`,
    d.nonce,
    ` data-version="${d.version}"`,
  );
}

/** Points `cid:` references at the inline parts, so embedded images show. */
function resolveCids(html: string, m: MailpitMessage): string {
  const parts = new Map(
    [...m.Inline, ...m.Attachments].filter((a) => a.ContentID).map((a) => [a.ContentID.toLowerCase(), a.PartID]),
  );
  return html.replace(/cid:([^"'\s)>]+)/gi, (whole, cid: string) => {
    const part = parts.get(decodeURIComponent(cid).toLowerCase());
    return part ? `/api/v1/message/${encodeURIComponent(m.ID)}/part/${part}` : whole;
  });
}

/**
 * One message. The HTML body goes into a sandboxed `srcdoc` iframe without `allow-scripts`
 * (mail HTML is untrusted); links open in a new tab through `<base target="_blank">`.
 */
export function renderMessagePage(m: MailpitMessage, stats: { total: number; unread: number }, nonce: string): string {
  const id = encodeURIComponent(m.ID);
  const row = (label: string, value: string) => (value ? `<dt>${label}</dt><dd>${escapeHtml(value)}</dd>` : "");
  const meta = [
    row("From", m.From ? fmtAddress(m.From) : ""),
    row("To", fmtList(m.To)),
    row("Cc", fmtList(m.Cc)),
    row("Bcc", fmtList(m.Bcc)),
    row("Reply-To", fmtList(m.ReplyTo)),
    `<dt>Date</dt><dd>${timeTag(m.Date)}</dd>`,
    row("Size", fmtSize(m.Size)),
    row("Tags", m.Tags.join(", ")),
  ].join("");
  const html = m.HTML
    ? `<iframe class="html-body" title="HTML body" sandbox="allow-same-origin allow-popups allow-popups-to-escape-sandbox" referrerpolicy="no-referrer" srcdoc="${escapeHtml(`<base target="_blank">${resolveCids(m.HTML, m)}`)}"></iframe>`
    : `<p class="muted">This message has no HTML part.</p>`;
  const text = m.Text
    ? `<pre class="text-body">${escapeHtml(m.Text)}</pre>`
    : `<p class="muted">This message has no text part.</p>`;
  const links = extractLinks(m);
  const linkList = links.length
    ? `<section class="part"><h2>Links</h2><ul class="links">${links.map((l) => `<li><a href="${escapeHtml(l)}" target="_blank" rel="noopener noreferrer">${escapeHtml(l)}</a></li>`).join("")}</ul></section>`
    : "";
  const files = [...m.Attachments, ...m.Inline];
  const fileList = files.length
    ? `<section class="part"><h2>Attachments</h2><ul class="links">${files
        .map(
          (a) =>
            `<li><a href="/api/v1/message/${id}/part/${encodeURIComponent(a.PartID)}">${escapeHtml(a.FileName || a.PartID)}</a> <span class="muted">${escapeHtml(a.ContentType)}, ${fmtSize(a.Size)}</span></li>`,
        )
        .join("")}</ul></section>`
    : "";
  const body = `${topBar("", stats.total, stats.unread)}
<main>
<a href="/">&larr; All messages</a>
<h1 class="subject">${escapeHtml(m.Subject || "(no subject)")}</h1>
<dl class="meta">${meta}</dl>
<div class="actions">
  <a class="button" href="/api/v1/message/${id}/raw">View source</a>
  <a class="button" href="/api/v1/message/${id}">JSON</a>
  <form method="post" action="/ui/delete/${id}"><button type="submit" class="danger">Delete</button></form>
</div>
<section class="part"><h2>HTML</h2>${html}</section>
<section class="part"><h2>Text</h2>${text}</section>
${linkList}
${fileList}
</main>`;
  return page(`${m.Subject || "(no subject)"} · Local inbox`, body, nonce);
}
