import type { AuditOutcome } from "./audit-entries.ts";
import { AUDIT_OUTCOMES } from "./audit-entries.ts";
import { zonedDayRange } from "./zoned-time.ts";

/** The search form as typed; kept in the page's URL so a search can be shared and revisited. */
export type AuditFilters = {
  text: string;
  actor: string;
  action: string;
  objectType: string;
  objectId: string;
  outcome: AuditOutcome | "";
  from: string;
  to: string;
};

export const EMPTY_FILTERS: AuditFilters = {
  text: "",
  actor: "",
  action: "",
  objectType: "",
  objectId: "",
  outcome: "",
  from: "",
  to: "",
};

const PARAMS: Record<keyof AuditFilters, string> = {
  text: "q",
  actor: "actor",
  action: "action",
  objectType: "type",
  objectId: "object",
  outcome: "outcome",
  from: "from",
  to: "to",
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Filters from the URL; anything malformed is dropped rather than sent. */
export function filtersFromParams(params: URLSearchParams): AuditFilters {
  const get = (key: keyof AuditFilters) => params.get(PARAMS[key])?.trim() ?? "";
  const outcome = get("outcome");
  return {
    text: get("text").slice(0, 200),
    actor: UUID.test(get("actor")) ? get("actor") : "",
    action: get("action"),
    objectType: get("objectType"),
    objectId: get("objectId"),
    outcome: (AUDIT_OUTCOMES as readonly string[]).includes(outcome) ? (outcome as AuditOutcome) : "",
    from: DAY.test(get("from")) ? get("from") : "",
    to: DAY.test(get("to")) ? get("to") : "",
  };
}

/** The URL form of the filters: only those set. */
export function filtersToParams(filters: AuditFilters): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of Object.keys(PARAMS) as (keyof AuditFilters)[]) {
    const value = filters[key].trim();
    if (value) params.set(PARAMS[key], value);
  }
  return params;
}

/** How many filters are set (for "3 filters" and the reset button). */
export function activeFilterCount(filters: AuditFilters): number {
  return (Object.keys(PARAMS) as (keyof AuditFilters)[]).filter((key) => filters[key].trim() !== "").length;
}

export type AuditSearchArgs = {
  p_text?: string;
  p_actor?: string;
  p_action?: string;
  p_object_type?: string;
  p_object_id?: string;
  p_outcome?: string;
  p_from?: string;
  p_to?: string;
};

/** search_audit_log's arguments: only the filters set, days read in the tenant's zone. */
export function searchArgs(filters: AuditFilters, timeZone: string): AuditSearchArgs {
  const args: AuditSearchArgs = {};
  if (filters.text.trim()) args.p_text = filters.text.trim();
  if (filters.actor) args.p_actor = filters.actor;
  if (filters.action.trim()) args.p_action = filters.action.trim();
  if (filters.objectType.trim()) args.p_object_type = filters.objectType.trim();
  if (filters.objectId.trim()) args.p_object_id = filters.objectId.trim();
  if (filters.outcome) args.p_outcome = filters.outcome;
  const range = zonedDayRange(filters.from, filters.to, timeZone);
  if (range.from) args.p_from = range.from;
  if (range.to) args.p_to = range.to;
  return args;
}
