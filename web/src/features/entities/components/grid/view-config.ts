import { FilterSchema, SortKeySchema } from "@flexoffice/shared";
import { z } from "zod";
import type { GridState } from "./grid-state.ts";

/** A saved view's config as stored; unknown or broken parts are dropped rather than failing the page. */
export const ViewConfigSchema = z.object({
  filter: FilterSchema.nullable().optional().catch(undefined),
  sort: z.array(SortKeySchema).max(5).optional().catch(undefined),
  columns: z.array(z.string()).max(300).optional().catch(undefined),
  widths: z.record(z.string(), z.number()).optional().catch(undefined),
  search: z.string().max(200).optional().catch(undefined),
});
export type ViewConfig = z.infer<typeof ViewConfigSchema>;

/** Column widths a view may store (the database refuses others). */
export const WIDTH_LIMITS = { min: 40, max: 1000 } as const;

/** The config save_view receives: only the parts that differ from the defaults, widths whole and in range. */
export function toViewConfig(state: GridState): ViewConfig {
  const config: ViewConfig = {};
  if (state.filter) config.filter = state.filter;
  if (state.sort.length > 0) config.sort = state.sort;
  if (state.search.trim() !== "") config.search = state.search.trim();
  if (state.columns) config.columns = state.columns;
  const widths = Object.entries(state.widths).map(
    ([key, width]) => [key, Math.min(WIDTH_LIMITS.max, Math.max(WIDTH_LIMITS.min, Math.round(width)))] as const,
  );
  if (widths.length > 0) config.widths = Object.fromEntries(widths);
  return config;
}

/** The grid state a stored config describes (anything unreadable falls back to the default). */
export function fromViewConfig(raw: unknown): GridState {
  const parsed = ViewConfigSchema.safeParse(raw ?? {});
  const config = parsed.success ? parsed.data : {};
  return {
    filter: config.filter ?? null,
    sort: config.sort ?? [],
    search: config.search ?? "",
    columns: config.columns ?? null,
    widths: config.widths ?? {},
  };
}

/** Whether two states show the same thing (what "unsaved changes" compares). */
export function sameGridState(a: GridState, b: GridState): boolean {
  return canonical(toViewConfig(a)) === canonical(toViewConfig(b));
}

/** JSON with object keys sorted, so equal configs compare equal whatever order their keys were set in. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}
