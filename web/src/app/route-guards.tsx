import { Navigate, Outlet, useLocation, useSearchParams } from "react-router";
import { useSession } from "../features/auth/hooks/session.tsx";
import { safeNextPath, signInPathFor } from "../features/auth/lib/next-path.ts";
import { PageSkeleton } from "./page-skeleton.tsx";

/** Signed-out visitors go to sign in, remembering where they wanted to go. */
export function RequireSession() {
  const session = useSession();
  const location = useLocation();
  if (session.status === "loading") return <PageSkeleton />;
  if (session.status === "signed-out") {
    return <Navigate to={signInPathFor(`${location.pathname}${location.search}`)} replace />;
  }
  return <Outlet />;
}

/** Sign-in and sign-up pages are for signed-out visitors; once signed in, continue to `next`. */
export function RequireNoSession() {
  const session = useSession();
  const [params] = useSearchParams();
  if (session.status === "loading") return <PageSkeleton />;
  if (session.status === "signed-in") return <Navigate to={safeNextPath(params.get("next"))} replace />;
  return <Outlet />;
}
