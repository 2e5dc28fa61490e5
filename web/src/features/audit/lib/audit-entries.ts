export type AuditOutcome = "success" | "denied" | "failure";
export const AUDIT_OUTCOMES: readonly AuditOutcome[] = ["success", "denied", "failure"];

/** One line of the search page (search_audit_log). */
export type AuditSummary = {
  id: number;
  occurred_at: string;
  actor_id: string | null;
  actor_email: string | null;
  actor_name: string | null;
  action: string;
  object_type: string | null;
  object_id: string | null;
  outcome: AuditOutcome;
  /** The keys the entry's before/after touch (never their values). */
  changed_fields: string[];
  /** Why a denial was denied. */
  reason: string | null;
  ip: string | null;
};

export type AuditPage = { entries: AuditSummary[]; next_before_id: number | null };

/** The whole entry (get_audit_entry); before/after without the fields the reader may not see. */
export type AuditEntry = AuditSummary & {
  tenant_id: string | null;
  before: unknown;
  after: unknown;
  details: Record<string, unknown> | null;
  user_agent: string | null;
  chain_seq: number;
  /** Some (or all) values were left out because the reader's grants hide them. */
  values_hidden?: boolean;
};

export type ChainCheck = { ok: boolean; checked: number; first_broken_id: number | null; reason: string | null };

/** One field of an entry's diff. `before`/`after` are absent when that side has no value. */
export type DiffRow = { field: string; before?: unknown; after?: unknown };

function asObject(value: unknown): Record<string, unknown> | null {
  return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}

/**
 * The fields an entry touches with their values on each side, sorted by name: an insert
 * has only "after", a delete only "before", an update both for the changed fields.
 * Values that are not objects (rare: a whole-value event) become one row named "value".
 */
export function diffRows(before: unknown, after: unknown): DiffRow[] {
  const b = asObject(before);
  const a = asObject(after);
  if (!b && !a) {
    if (before === null && after === null) return [];
    if (before === undefined && after === undefined) return [];
    const row: DiffRow = { field: "value" };
    if (before !== null && before !== undefined) row.before = before;
    if (after !== null && after !== undefined) row.after = after;
    return [row];
  }
  const keys = [...new Set([...Object.keys(b ?? {}), ...Object.keys(a ?? {})])].sort();
  return keys.map((field) => {
    const row: DiffRow = { field };
    if (b && field in b) row.before = b[field];
    if (a && field in a) row.after = a[field];
    return row;
  });
}

/** A value as one readable line: strings as they are, "—" for none, other JSON compact. */
export function formatValue(value: unknown): string {
  if (value === undefined || value === null) return "—";
  if (typeof value === "string") return value;
  return JSON.stringify(value);
}

/** An action name as words when the catalogue has none: "auth.sign_in" → "auth sign in". */
export function humanize(name: string): string {
  return name.replace(/[._]+/g, " ").trim();
}

/** Who did it, as the log remembers them: name, else email, else null (system or erased). */
export function actorLabel(entry: Pick<AuditSummary, "actor_name" | "actor_email">): string | null {
  return entry.actor_name?.trim() || entry.actor_email?.trim() || null;
}
