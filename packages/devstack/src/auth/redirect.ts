/**
 * Redirect allow-listing as GoTrue does it (utilities.IsRedirectURLValid): the site URL's
 * origin, any loopback host, or a match of `additional_redirect_urls` compiled as gobwas
 * globs with `.` and `/` as separators (`*` stops at them, `**` does not).
 */

const escapeRegExp = (c: string) => c.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");

/** Compiles one gobwas/glob pattern (separators `.` and `/`) into an anchored RegExp. */
export function compileGlob(pattern: string): RegExp {
  const notSep = "[^./]";
  let out = "";
  let i = 0;
  const groupStack: number[] = [];
  while (i < pattern.length) {
    const c = pattern[i] as string;
    if (c === "\\" && i + 1 < pattern.length) {
      out += escapeRegExp(pattern[i + 1] as string);
      i += 2;
      continue;
    }
    if (c === "*") {
      if (pattern[i + 1] === "*") {
        out += ".*";
        i += 2;
      } else {
        out += `${notSep}*`;
        i += 1;
      }
      continue;
    }
    if (c === "?") {
      out += notSep;
      i += 1;
      continue;
    }
    if (c === "[") {
      const end = pattern.indexOf("]", i + 1);
      if (end > i + 1) {
        let body = pattern.slice(i + 1, end);
        const negate = body.startsWith("!");
        if (negate) body = body.slice(1);
        const cls = body.replace(/[\\\]^]/g, "\\$&");
        out += negate ? `[^${cls}./]` : `[${cls}]`;
        i = end + 1;
        continue;
      }
    }
    if (c === "{") {
      groupStack.push(i);
      out += "(?:";
      i += 1;
      continue;
    }
    if (c === "," && groupStack.length > 0) {
      out += "|";
      i += 1;
      continue;
    }
    if (c === "}" && groupStack.length > 0) {
      groupStack.pop();
      out += ")";
      i += 1;
      continue;
    }
    out += escapeRegExp(c);
    i += 1;
  }
  while (groupStack.pop() !== undefined) out += ")";
  return new RegExp(`^${out}$`, "s");
}

type LooseUrl = { scheme: string; hostname: string; port: string };

/**
 * Splits a URL the way Go's url.Parse does for these checks: the host is taken as written
 * (no WHATWG normalisation, so `http://2130706433/` keeps its decimal host), and relative
 * references have no host.
 */
function looseParse(raw: string): LooseUrl | null {
  if ([...raw].some((c) => c.charCodeAt(0) < 0x20 || c === " ")) return null;
  const schemeMatch = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(raw);
  const scheme = schemeMatch ? (schemeMatch[1] as string).toLowerCase() : "";
  const rest = schemeMatch ? raw.slice(schemeMatch[0].length) : raw;
  if (!rest.startsWith("//")) return { scheme, hostname: "", port: "" };
  const authority = (/^\/\/([^/?#]*)/.exec(rest)?.[1] ?? "").replace(/^.*@/, "");
  const bracketed = /^\[([^\]]*)\](?::(\d*))?$/.exec(authority);
  if (bracketed) return { scheme, hostname: bracketed[1] as string, port: bracketed[2] ?? "" };
  const colon = authority.lastIndexOf(":");
  if (colon >= 0) return { scheme, hostname: authority.slice(0, colon), port: authority.slice(colon + 1) };
  return { scheme, hostname: authority, port: "" };
}

const LOCALHOSTS = new Set(["localhost", "127.0.0.1", "::1", "0.0.0.0", "::"]);
const REGULAR_HOSTNAME = /^[a-zA-Z0-9]([a-zA-Z0-9.-]*[a-zA-Z0-9])?$/;

function isIp(host: string): boolean {
  return /^\d{1,3}(\.\d{1,3}){3}$/.test(host) || (host.includes(":") && /^[0-9a-fA-F:.]+$/.test(host));
}

function isLoopbackIp(host: string): boolean {
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(host)) return host.split(".")[0] === "127";
  return host === "::1" || /^(0{1,4}:){7}0{0,3}1$/.test(host);
}

export type RedirectPolicy = { siteUrl: string; allowList: string[] };

/** True when GoTrue would accept `redirectUrl` as a place to send the user back to. */
export function isRedirectUrlValid(policy: RedirectPolicy, redirectUrl: string): boolean {
  if (!redirectUrl) return false;
  const base = looseParse(policy.siteUrl);
  const ref = looseParse(redirectUrl);
  if (!base || !ref) return false;

  if (
    ref.hostname !== "" &&
    base.hostname === ref.hostname &&
    base.scheme === ref.scheme &&
    (base.port === ref.port || LOCALHOSTS.has(ref.hostname.toLowerCase()))
  ) {
    return true;
  }

  const isHttp = ref.scheme === "http" || ref.scheme === "https";
  if (/^[0-9]+$/.test(ref.hostname)) return false;
  if (ref.hostname !== "" && isIp(ref.hostname)) return isLoopbackIp(ref.hostname);
  if (isHttp && !REGULAR_HOSTNAME.test(ref.hostname)) return false;

  const matchAgainst = redirectUrl.split("#")[0] as string;
  return policy.allowList.some((pattern) => compileGlob(pattern).test(matchAgainst));
}

/**
 * GoTrue's GetReferrer: the requested `redirect_to` when allowed, else the Referer header
 * when allowed, else the site URL.
 */
export function pickRedirect(policy: RedirectPolicy, requested: string | undefined, referer: string | undefined): string {
  if (requested && isRedirectUrlValid(policy, requested)) return requested;
  if (referer && isRedirectUrlValid(policy, referer)) return referer;
  return policy.siteUrl;
}
