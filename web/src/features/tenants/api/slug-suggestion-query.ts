import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { callRpc } from "../../../lib/api-error.ts";
import { tenantKeys } from "./keys.ts";

/** A free slug for the name as typed (the database knows which are taken). */
export function useSlugSuggestionQuery(name: string) {
  const trimmed = name.trim();
  return useQuery({
    queryKey: tenantKeys.slugSuggestion(trimmed),
    queryFn: () => callRpc("suggest_tenant_slug", { p_name: trimmed }),
    enabled: trimmed.length > 0,
    placeholderData: keepPreviousData,
    staleTime: 10_000,
  });
}
