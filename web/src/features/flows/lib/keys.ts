import { FIELD_KEY_PATTERN, isSystemField, RESERVED_FIELD_KEYS } from "@flexoffice/shared";

/** Letters without their accents ("Übergabe" → "Ubergabe"), so German names still give readable keys. */
function plainWords(label: string): string[] {
  return label
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/ß/g, "ss")
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean);
}

/**
 * The key a new state gets from its name: the option value stored on entities, written in
 * capitals like the seeded flows ("In delivery" → "IN_DELIVERY"). Unique among `taken`.
 */
export function stateKeyFrom(label: string, taken: readonly string[]): string {
  const base = plainWords(label).join("_").toUpperCase().slice(0, 90) || "STATE";
  return unique(base, taken, "_");
}

/**
 * The key of a transition or an input from its name ("Delivery started" → "delivery_started"):
 * lowercase, starting with a letter, as the database requires. Unique among `taken`.
 */
export function snakeKeyFrom(label: string, taken: readonly string[], fallback: string): string {
  let base = plainWords(label).join("_").toLowerCase().slice(0, 56);
  if (!/^[a-z]/.test(base)) base = base ? `${fallback}_${base}`.slice(0, 56) : fallback;
  return unique(base, taken, "_");
}

/** Whether a key may name a transition (the database's rule). */
export function isTransitionKey(key: string): boolean {
  return FIELD_KEY_PATTERN.test(key);
}

/** Whether a key may name an input: a field key that is neither a system field nor reserved. */
export function isInputKey(key: string): boolean {
  return FIELD_KEY_PATTERN.test(key) && !isSystemField(key) && !(RESERVED_FIELD_KEYS as readonly string[]).includes(key);
}

function unique(base: string, taken: readonly string[], separator: string): string {
  if (!taken.includes(base)) return base;
  for (let n = 2; ; n += 1) {
    const candidate = `${base}${separator}${n}`;
    if (!taken.includes(candidate)) return candidate;
  }
}
