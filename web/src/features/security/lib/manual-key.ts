/**
 * The setup key for typing into an authenticator app: base32, in groups of four so it can be
 * read out and compared ("F5QA SILC ..."). Apps ignore the spaces; copying takes it without.
 */
export function keyGroups(key: string): string[] {
  const compact = compactKey(key);
  return compact.match(/.{1,4}/g) ?? [];
}

/** The key without spaces, as apps and the clipboard want it. */
export function compactKey(key: string): string {
  return key.replace(/\s+/g, "").toUpperCase();
}
