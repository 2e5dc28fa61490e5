import { FIELD_KEY_PATTERN, isSystemField, RESERVED_FIELD_KEYS } from "@flexoffice/shared";

/**
 * A key from a name, as the database derives a blueprint's key (private.suggest_blueprint_key):
 * lowercase words joined by "_", at most 50 characters, starting with a letter ("b_" added
 * otherwise). Shown while the person types the name, so they see the key before saving.
 */
export function suggestKey(name: string, prefix = "b"): string {
  const base = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "")
    .slice(0, 50)
    .replace(/_+$/, "");
  if (base === "") return "";
  return /^[a-z]/.test(base) ? base : `${prefix}_${base}`.replace(/_+$/, "");
}

/** Whether a field may use this key: the format, and not a system field or an entity column. */
export function isUsableFieldKey(key: string): boolean {
  return FIELD_KEY_PATTERN.test(key) && !isSystemField(key) && !(RESERVED_FIELD_KEYS as readonly string[]).includes(key);
}

/**
 * A field key from its label that no other field of the draft uses and that is not reserved
 * ("ID" becomes "id_2", since "id" is the entity's own): "_2", "_3", … until free.
 */
export function suggestFieldKey(label: string, taken: ReadonlySet<string>): string {
  const base = suggestKey(label, "f");
  if (base === "") return "";
  let candidate = base;
  for (let n = 2; !isUsableFieldKey(candidate) || taken.has(candidate); n += 1) candidate = `${base.slice(0, 58)}_${n}`;
  return candidate;
}
