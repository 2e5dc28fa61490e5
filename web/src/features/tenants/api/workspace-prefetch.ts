import type { QueryClient } from "@tanstack/react-query";
import { supabase } from "../../../lib/supabase.ts";
import { mfaRequirementQueryOptions } from "../../security/api/mfa-requirement-query.ts";
import { sessionIdOf } from "../../security/lib/session-id.ts";
import { myTenantsQueryOptions } from "./my-tenants-query.ts";

/**
 * What every page under /t/:slug waits for before it shows, started by that route's loader
 * while the workspace's code is still loading: the membership list and the session's 2FA
 * state (SecondFactorGate). The route does not wait for it; a failure is left for the
 * layout's own queries to show.
 */
export async function prefetchWorkspace(queryClient: QueryClient): Promise<void> {
  const { data } = await supabase.auth.getSession();
  const session = data.session;
  if (!session) return;
  await Promise.all([
    queryClient.prefetchQuery(myTenantsQueryOptions(session.user.id)),
    queryClient.prefetchQuery(mfaRequirementQueryOptions(session.user.id, sessionIdOf(session.access_token) ?? "")),
  ]);
}
