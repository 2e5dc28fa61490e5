import { Navigate, useLocation } from "react-router";
import { PageSkeleton } from "../../../app/page-skeleton.tsx";
import { useSession } from "../../auth/hooks/session.tsx";
import { useMyTenantsQuery } from "../api/my-tenants-query.ts";
import { homePath, lastTenant } from "../lib/last-tenant.ts";

/** "/": straight into the workspace used last, or to creating the first one. */
export function HomeRedirect() {
  const session = useSession();
  const location = useLocation();
  const tenants = useMyTenantsQuery(session.session?.user.id ?? "");
  if (tenants.isPending) return <PageSkeleton />;
  if (tenants.isError) throw tenants.error;
  const target = homePath(
    tenants.data.map((m) => m.tenant.slug),
    lastTenant(),
  );
  // Keep what a link carried (e.g. a notice in the query string) for the page it lands on.
  return <Navigate to={{ pathname: target, search: location.search }} state={location.state} replace />;
}
