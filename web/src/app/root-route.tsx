import { useEffect, useRef } from "react";
import { Outlet, useLocation, useNavigate } from "react-router";
import { useSession } from "../features/auth/hooks/session.tsx";

/**
 * Moves focus to the page's main region after client-side navigation, as a full page load
 * would, so screen readers announce the new page and keyboard users start from its top.
 */
function useFocusMainOnNavigation(): void {
  const { pathname } = useLocation();
  const previous = useRef(pathname);
  useEffect(() => {
    if (previous.current === pathname) return;
    previous.current = pathname;
    const main = document.getElementById("main");
    if (main && !main.contains(document.activeElement)) main.focus({ preventScroll: false });
  }, [pathname]);
}

/**
 * A recovery link that came back to another page than /reset-password (e.g. the server fell
 * back to the site URL) still leads to choosing a new password.
 */
function useRecoveryRedirect(): void {
  const { lastEvent } = useSession();
  const { pathname } = useLocation();
  const navigate = useNavigate();
  const handled = useRef(false);
  useEffect(() => {
    if (lastEvent !== "PASSWORD_RECOVERY") {
      handled.current = false;
      return;
    }
    // Once per recovery: the user may still choose to leave the page afterwards.
    if (handled.current) return;
    handled.current = true;
    if (pathname !== "/reset-password") navigate("/reset-password", { replace: true });
  }, [lastEvent, pathname, navigate]);
}

/** The root route: app-wide navigation behaviour around every page. */
export function RootRoute() {
  useFocusMainOnNavigation();
  useRecoveryRedirect();
  return <Outlet />;
}
