import { describe, expect, test } from "vitest";
import { searchQueryFor } from "../../src/mail/client.ts";
import { createSnippet, decodeEntities, extractLinks, htmlToText } from "../../src/mail/html-text.ts";
import { startLimit } from "../../src/mail/http.ts";
import { canonicalHeaderKey, deriveTags, isMessageId, newMessageId } from "../../src/mail/parse-message.ts";
import {
  cleanString,
  matchesSearch,
  parseSearchQuery,
  type Searchable,
  type SearchTerm,
  sizeToBytes,
  splitSearchArgs,
} from "../../src/mail/search-query.ts";

describe("splitSearchArgs (Mailpit's ArgsParser)", () => {
  test.each([
    { name: "plain words", query: "hello world", args: ["hello", "world"] },
    {
      name: "quoted phrase stays together, quotes dropped",
      query: 'subject:"Confirm your signup" x',
      args: ["subject:Confirm your signup", "x"],
    },
    { name: "extra spaces", query: "  a   b  ", args: ["a", "b"] },
    { name: "unterminated quote keeps the rest", query: 'to:a "b c', args: ["to:a", "b c"] },
    { name: "empty", query: "", args: [] },
    { name: "only quotes", query: '""', args: [] },
  ])("$name", ({ query, args }) => {
    expect(splitSearchArgs(query)).toEqual(args);
  });
});

describe("cleanString", () => {
  test.each([
    { name: "lowercases and strips brackets", input: "Bob <Bob@Example.COM>", out: "bob bob@example.com" },
    { name: "separators become spaces", input: 'a,b;c(d)"e"', out: "a b c d e" },
    { name: "collapses whitespace and BOM", input: "\uFEFFx \n\t y", out: "x y" },
  ])("$name", ({ input, out }) => {
    expect(cleanString(input)).toBe(out);
  });
});

describe("sizeToBytes", () => {
  test.each([
    { name: "bytes", input: "250", out: 250 },
    { name: "kilobytes", input: "10k", out: 10240 },
    { name: "megabytes with fraction", input: "1.5mb", out: 1572864 },
    { name: "unknown unit", input: "3gb", out: 0 },
    { name: "not a size", input: "big", out: 0 },
  ])("$name", ({ input, out }) => {
    expect(sizeToBytes(input)).toBe(out);
  });
});

describe("parseSearchQuery", () => {
  test.each<{ name: string; query: string; terms: SearchTerm[] }>([
    {
      name: "to: address, lowercased",
      query: "to:Alice@Example.com",
      terms: [{ kind: "address", field: "to", value: "alice@example.com", exclude: false }],
    },
    {
      name: "from: and quoted subject",
      query: 'from:noreply@x.io subject:"Reset Password"',
      terms: [
        { kind: "address", field: "from", value: "noreply@x.io", exclude: false },
        { kind: "subject", value: "reset password", exclude: false },
      ],
    },
    {
      name: "free words",
      query: "invoice March",
      terms: [
        { kind: "text", value: "invoice", exclude: false },
        { kind: "text", value: "march", exclude: false },
      ],
    },
    {
      name: "negation with - and !",
      query: "-to:bob !subject:spam",
      terms: [
        { kind: "address", field: "to", value: "bob", exclude: true },
        { kind: "subject", value: "spam", exclude: true },
      ],
    },
    {
      name: "prefix is case-insensitive",
      query: "TO:bob",
      terms: [{ kind: "address", field: "to", value: "bob", exclude: false }],
    },
    { name: "empty filter value is dropped", query: "to: subject:", terms: [] },
    { name: "a lone dash is a word", query: "-", terms: [{ kind: "text", value: "-", exclude: false }] },
    {
      name: "cc, bcc, reply-to, addressed",
      query: "cc:a bcc:b reply-to:c addressed:d",
      terms: [
        { kind: "address", field: "cc", value: "a", exclude: false },
        { kind: "address", field: "bcc", value: "b", exclude: false },
        { kind: "address", field: "reply-to", value: "c", exclude: false },
        { kind: "address", field: "addressed", value: "d", exclude: false },
      ],
    },
    {
      name: "flags",
      query: "is:unread has:attachment is:read has:inline is:tagged",
      terms: [
        { kind: "is", value: "unread", exclude: false },
        { kind: "has", value: "attachment", exclude: false },
        { kind: "is", value: "read", exclude: false },
        { kind: "has", value: "inline", exclude: false },
        { kind: "is", value: "tagged", exclude: false },
      ],
    },
    {
      name: "message-id and tag",
      query: "message-id:<abc@x> tag:Signup",
      terms: [
        { kind: "message-id", value: "abc@x", exclude: false },
        { kind: "tag", value: "signup", exclude: false },
      ],
    },
    {
      name: "dates",
      query: "after:2024-01-02 before:2024-02-03T10:00:00Z",
      terms: [
        { kind: "after", time: Date.parse("2024-01-02"), exclude: false },
        { kind: "before", time: Date.parse("2024-02-03T10:00:00Z"), exclude: false },
      ],
    },
    { name: "unreadable date is ignored", query: "after:someday", terms: [] },
    {
      name: "sizes, and a non-size falls back to text",
      query: "larger:1k smaller:2mb larger:huge",
      terms: [
        { kind: "larger", bytes: 1024, exclude: false },
        { kind: "smaller", bytes: 2097152, exclude: false },
        { kind: "text", value: "larger:huge", exclude: false },
      ],
    },
    {
      name: "unknown prefix is text",
      query: "https://x/y",
      terms: [{ kind: "text", value: "https://x/y", exclude: false }],
    },
  ])("$name", ({ query, terms }) => {
    expect(parseSearchQuery(query)).toEqual(terms);
  });
});

const message: Searchable = {
  to: ["Alice Smith <alice@example.com>"],
  from: ["FlexOffice <noreply@flexoffice.local>"],
  cc: ["carol@example.com"],
  bcc: ["hidden@example.com"],
  replyTo: [],
  subject: "Confirm Your Signup",
  messageId: "m-1@flexoffice.local",
  tags: ["Signup"],
  read: false,
  attachments: 1,
  inline: 0,
  created: Date.parse("2024-05-01T12:00:00Z"),
  size: 5000,
  searchText: cleanString("FlexOffice noreply Confirm Your Signup alice@example.com Follow this link to confirm"),
};

describe("matchesSearch", () => {
  test.each([
    { name: "empty query matches", query: "", hit: true },
    { name: "to: by address", query: "to:alice@example.com", hit: true },
    { name: "to: by name", query: 'to:"alice smith"', hit: true },
    { name: "to: other address", query: "to:bob@example.com", hit: false },
    { name: "to: does not look at cc", query: "to:carol", hit: false },
    { name: "cc:", query: "cc:carol", hit: true },
    { name: "bcc:", query: "bcc:hidden", hit: true },
    { name: "addressed: covers every address field", query: "addressed:hidden@example.com", hit: true },
    { name: "from:", query: "from:noreply@flexoffice.local", hit: true },
    { name: "subject substring, any case", query: 'subject:"confirm your"', hit: true },
    { name: "subject miss", query: "subject:reset", hit: false },
    { name: "free words are ANDed", query: "follow confirm", hit: true },
    { name: "one free word missing", query: "follow banana", hit: false },
    { name: "negated subject", query: "-subject:reset", hit: true },
    { name: "negated to", query: "!to:alice", hit: false },
    { name: "is:unread", query: "is:unread", hit: true },
    { name: "is:read", query: "is:read", hit: false },
    { name: "has:attachment", query: "has:attachment", hit: true },
    { name: "has:inline", query: "has:inline", hit: false },
    { name: "tag: exact, any case", query: "tag:signup", hit: true },
    { name: "is:tagged", query: "is:tagged", hit: true },
    { name: "message-id:", query: "message-id:m-1", hit: true },
    { name: "after: earlier date", query: "after:2024-04-30", hit: true },
    { name: "before: earlier date", query: "before:2024-04-30", hit: false },
    { name: "larger:", query: "larger:4k", hit: true },
    { name: "smaller:", query: "smaller:4k", hit: false },
    { name: "combined", query: 'to:alice subject:"confirm" -from:bob', hit: true },
  ])("$name", ({ query, hit }) => {
    expect(matchesSearch(parseSearchQuery(query), message)).toBe(hit);
  });
});

describe("html-text", () => {
  test.each([
    { name: "named and numeric entities", input: "a &amp; b &lt;c&gt; &#39;d&#x27; &nbsp;", out: "a & b <c> 'd' \u00a0" },
    { name: "unknown entity kept", input: "&bogus; &#0;", out: "&bogus; &#0;" },
  ])("decodeEntities: $name", ({ input, out }) => {
    expect(decodeEntities(input)).toBe(out);
  });

  test.each([
    {
      name: "drops head, style and script",
      input: "<head><title>T</title><style>p{}</style></head><p>Hi</p><script>x()</script>",
      out: "Hi",
    },
    { name: "block ends become lines", input: "<p>one</p><p>two<br>three</p>", out: "one\ntwo\nthree" },
    { name: "entities decoded", input: "<b>Fish &amp; chips</b>", out: "Fish & chips" },
  ])("htmlToText: $name", ({ input, out }) => {
    expect(htmlToText(input)).toBe(out);
  });

  test.each([
    { name: "prefers HTML", text: "text", html: "<p>html  body</p>", out: "html body" },
    { name: "falls back to text", text: " a\n\nb ", html: "", out: "a b" },
    { name: "cuts at 200 characters", text: "x".repeat(250), html: "", out: `${"x".repeat(200)}...` },
  ])("createSnippet: $name", ({ text, html, out }) => {
    expect(createSnippet(text, html)).toBe(out);
  });

  test.each([
    {
      name: "href entities decoded (GoTrue-style links)",
      message: { HTML: '<a href="http://h/verify?token=abc&amp;type=signup&amp;redirect_to=http://w">x</a>', Text: "" },
      links: ["http://h/verify?token=abc&type=signup&redirect_to=http://w"],
    },
    {
      name: "single quotes and unquoted hrefs, non-http skipped",
      message: { HTML: "<a href='https://a/1'>a</a><a href=https://b/2>b</a><a href=\"mailto:x@y\">m</a>", Text: "" },
      links: ["https://a/1", "https://b/2"],
    },
    {
      name: "text URLs, trailing punctuation trimmed, duplicates once",
      message: { HTML: '<a href="https://a/1">a</a>', Text: "See https://a/1. Or (https://c/3), then http://d/4?x=1!" },
      links: ["https://a/1", "https://c/3", "http://d/4?x=1"],
    },
    { name: "none", message: { HTML: "", Text: "no links" }, links: [] },
  ])("extractLinks: $name", ({ message: m, links }) => {
    expect(extractLinks(m)).toEqual(links);
  });
});

describe("message helpers", () => {
  test.each([
    { name: "X-Tags split and cleaned", xTags: "Signup, auth!flow", addresses: [], tags: ["Signup", "auth flow"] },
    {
      name: "plus-address tags, de-duplicated case-insensitively",
      xTags: "Alpha",
      addresses: [
        { Name: "", Address: "u+alpha+beta@x.io" },
        { Name: "", Address: "v@x.io" },
      ],
      tags: ["Alpha", "beta"],
    },
    { name: "nothing", xTags: "", addresses: [{ Name: "", Address: "plain@x.io" }], tags: [] },
  ])("deriveTags: $name", ({ xTags, addresses, tags }) => {
    expect(deriveTags(xTags, addresses)).toEqual(tags);
  });

  test.each([
    { name: "message-id", key: "message-id", out: "Message-Id" },
    { name: "x-tags", key: "X-TAGS", out: "X-Tags" },
    { name: "subject", key: "subject", out: "Subject" },
  ])("canonicalHeaderKey: $name", ({ key, out }) => {
    expect(canonicalHeaderKey(key)).toBe(out);
  });

  test("new ids look like Mailpit's shortuuids and are accepted as ids", () => {
    const ids = new Set(Array.from({ length: 200 }, newMessageId));
    expect(ids.size).toBe(200);
    for (const id of ids) {
      expect(id).toMatch(/^[2-9A-HJ-NP-Za-km-z]{22}$/);
      expect(isMessageId(id)).toBe(true);
    }
  });

  test.each([
    { name: "path traversal", id: "../etc", ok: false },
    { name: "empty", id: "", ok: false },
    { name: "dots", id: "a.json", ok: false },
  ])("isMessageId rejects $name", ({ id, ok }) => {
    expect(isMessageId(id)).toBe(ok);
  });

  test.each([
    { name: "defaults", qs: "", out: { start: 0, limit: 50, before: undefined } },
    { name: "explicit", qs: "start=10&limit=5", out: { start: 10, limit: 5, before: undefined } },
    { name: "negative start and limit fall back", qs: "start=-3&limit=-1", out: { start: 0, limit: 50, before: undefined } },
    { name: "limit zero is allowed", qs: "limit=0", out: { start: 0, limit: 0, before: undefined } },
    { name: "garbage falls back", qs: "start=abc&limit=1e3", out: { start: 0, limit: 50, before: undefined } },
    {
      name: "before date",
      qs: "before=2024-01-01T00:00:00Z",
      out: { start: 0, limit: 50, before: Date.parse("2024-01-01T00:00:00Z") },
    },
  ])("startLimit: $name", ({ qs, out }) => {
    expect(startLimit(new URLSearchParams(qs))).toEqual(out);
  });

  test.each([
    { name: "recipient only", to: "a@x.io", subject: undefined, out: "addressed:a@x.io" },
    { name: "with subject", to: "a@x.io", subject: "Confirm Your Signup", out: 'addressed:a@x.io subject:"Confirm Your Signup"' },
    { name: "quotes removed", to: "a@x.io", subject: 'Say "hi"', out: 'addressed:a@x.io subject:"Say hi"' },
  ])("searchQueryFor: $name", ({ to, subject, out }) => {
    expect(searchQueryFor({ to, subject })).toBe(out);
  });
});
