import { useQuery } from "@tanstack/react-query";
import { throwOnError } from "../../../lib/api-error.ts";
import { supabase } from "../../../lib/supabase.ts";
import { blueprintKeys } from "./keys.ts";

/** Display names of people by id (profiles of co-members, RLS); someone no longer visible has no entry. */
export async function fetchPeople(ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await supabase
    .from("profiles")
    .select("id, full_name, email")
    .in("id", [...ids])
    .then(throwOnError);
  return new Map(rows.map((row) => [row.id, row.full_name || row.email || ""]));
}

export function usePeopleQuery(ids: readonly string[]) {
  const sorted = [...new Set(ids)].sort();
  return useQuery({ queryKey: blueprintKeys.people(sorted), queryFn: () => fetchPeople(sorted), staleTime: 60_000 });
}
