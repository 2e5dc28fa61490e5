/** Page size of the console's lists. */
export const ADMIN_PAGE_SIZE = 25;

/** "26–50 of 103" as numbers; an empty list is 0–0. */
export function pageRange(offset: number, shown: number, total: number): { from: number; to: number; total: number } {
  if (shown === 0) return { from: 0, to: 0, total };
  return { from: offset + 1, to: Math.min(offset + shown, total), total };
}

/** The offsets of the neighbouring pages, null where there is none. */
export function neighbourPages(offset: number, limit: number, total: number): { previous: number | null; next: number | null } {
  return {
    previous: offset > 0 ? Math.max(0, offset - limit) : null,
    next: offset + limit < total ? offset + limit : null,
  };
}

/** A row's key for admin_delete_tenant_object: its primary key columns other than tenant_id. */
export function objectKey(row: Record<string, unknown>, keyColumns: readonly string[]): Record<string, string | number> | null {
  const key: Record<string, string | number> = {};
  for (const column of keyColumns) {
    const value = row[column];
    if (typeof value !== "string" && typeof value !== "number") return null;
    key[column] = value;
  }
  return keyColumns.length > 0 ? key : null;
}

/** The value of a row's key as one line ("id" → the uuid; several columns joined with " / "). */
export function objectKeyLabel(row: Record<string, unknown>, keyColumns: readonly string[]): string {
  return keyColumns.map((column) => String(row[column] ?? "")).join(" / ");
}

/** What a row is, for a person scanning the list: a name, title, key, email or label, if it has one. */
export function objectTitle(row: Record<string, unknown>): string | null {
  for (const column of ["name", "title", "key", "email", "label"]) {
    const value = row[column];
    if (typeof value === "string" && value.trim() !== "") return value;
  }
  return null;
}
