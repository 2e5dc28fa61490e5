const UNIT_SECONDS: Record<string, number> = {
  ns: 1e-9,
  us: 1e-6,
  µs: 1e-6,
  μs: 1e-6,
  ms: 1e-3,
  s: 1,
  m: 60,
  h: 3600,
};

/**
 * Go's time.ParseDuration, in seconds. GoTrue reads `[auth.sessions]` timeouts, `max_frequency`
 * and admin `ban_duration` with it, so "36h", "1h30m", "1.5h", "300ms" and "0" must mean
 * what they mean there. Throws on anything Go would reject.
 */
export function parseGoDuration(text: string): number {
  let rest = text;
  let sign = 1;
  if (rest.startsWith("-") || rest.startsWith("+")) {
    sign = rest.startsWith("-") ? -1 : 1;
    rest = rest.slice(1);
  }
  if (rest === "0") return 0;
  if (rest === "") throw new Error(`invalid duration "${text}"`);
  let total = 0;
  const re = /^(\d+\.?\d*|\.\d+)(ns|us|µs|μs|ms|s|m|h)/;
  while (rest.length > 0) {
    const m = re.exec(rest);
    if (!m) throw new Error(`invalid duration "${text}"`);
    total += Number(m[1]) * (UNIT_SECONDS[m[2] as string] as number);
    rest = rest.slice(m[0].length);
  }
  return sign * total;
}

/** A duration setting that may be absent or "0" (both mean "off" in GoTrue), in seconds. */
export function optionalDuration(text: string | undefined): number | null {
  if (text === undefined || text.trim() === "") return null;
  const seconds = parseGoDuration(text.trim());
  return seconds > 0 ? seconds : null;
}
