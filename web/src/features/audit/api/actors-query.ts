import { useQuery } from "@tanstack/react-query";
import { throwOnError } from "../../../lib/api-error.ts";
import { supabase } from "../../../lib/supabase.ts";
import { auditKeys } from "./keys.ts";

export type AuditActor = { id: string; label: string };

/** The workspace's members by name, for the "who" filter (RLS: members see each other). */
export async function fetchActors(tenantId: string): Promise<AuditActor[]> {
  const members = await supabase.from("tenant_members").select("user_id").eq("tenant_id", tenantId).then(throwOnError);
  const ids = members.map((m) => m.user_id);
  if (ids.length === 0) return [];
  const profiles = await supabase.from("profiles").select("id, full_name, email").in("id", ids).then(throwOnError);
  return profiles
    .map((p) => ({ id: p.id, label: p.full_name.trim() ? `${p.full_name.trim()} (${p.email ?? ""})` : (p.email ?? p.id) }))
    .sort((a, b) => a.label.localeCompare(b.label));
}

export function useActorsQuery(tenantId: string) {
  return useQuery({ queryKey: auditKeys.actors(tenantId), queryFn: () => fetchActors(tenantId), staleTime: 60_000 });
}
