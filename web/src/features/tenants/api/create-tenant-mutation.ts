import { useMutation, useQueryClient } from "@tanstack/react-query";
import { callRpc } from "../../../lib/api-error.ts";
import { supabase } from "../../../lib/supabase.ts";
import type { CreateTenant } from "../lib/schemas.ts";
import { tenantKeys } from "./keys.ts";

export type CreatedTenant = { id: string; slug: string; name: string };

/** Creates the tenant (the caller becomes its Admin), then refreshes the token so its claims name the new tenant. */
export async function createTenant(input: CreateTenant): Promise<CreatedTenant> {
  const created = (await callRpc("create_tenant", {
    p_name: input.name,
    p_slug: input.slug,
    p_timezone: input.timezone,
    p_language: input.language,
  })) as CreatedTenant;
  await supabase.auth.refreshSession();
  return created;
}

export function useCreateTenantMutation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createTenant,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: tenantKeys.all }),
  });
}
