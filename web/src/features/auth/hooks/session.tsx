import type { AuthChangeEvent, AuthError, Session } from "@supabase/supabase-js";
import { useQueryClient } from "@tanstack/react-query";
import { createContext, type ReactNode, useContext, useEffect, useMemo, useState } from "react";
import { supabase } from "../../../lib/supabase.ts";

export type SessionState =
  | { status: "loading"; session: null }
  | { status: "signed-out"; session: null }
  | { status: "signed-in"; session: Session };

type SessionContextValue = SessionState & {
  /** A failed verification/OAuth link (error in the URL it landed on), kept until a page shows it. */
  linkError: AuthError | null;
  /** The latest auth event, e.g. PASSWORD_RECOVERY after a reset link. */
  lastEvent: AuthChangeEvent | null;
  dismissLinkError: () => void;
};

const SessionContext = createContext<SessionContextValue | null>(null);

const URL_ERROR_PARAMS = ["error", "error_code", "error_description", "sb"];

/** Removes the error the auth server put in the URL, so a reload does not show it again. */
function clearUrlError(): void {
  const url = new URL(window.location.href);
  const hash = new URLSearchParams(url.hash.slice(1));
  for (const name of URL_ERROR_PARAMS) {
    hash.delete(name);
    url.searchParams.delete(name);
  }
  url.hash = hash.toString();
  window.history.replaceState(window.history.state, "", url.toString());
}

function toState(session: Session | null): SessionState {
  return session ? { status: "signed-in", session } : { status: "signed-out", session: null };
}

/**
 * One source of truth for "who is signed in", fed by supabase-js: it waits for the client to
 * read any link in the URL, then follows sign-in, refresh and sign-out events (also from other
 * tabs). Server data cached for the previous user is dropped on every change of user.
 */
export function SessionProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const [state, setState] = useState<SessionState>({ status: "loading", session: null });
  const [linkError, setLinkError] = useState<AuthError | null>(null);
  const [lastEvent, setLastEvent] = useState<AuthChangeEvent | null>(null);

  useEffect(() => {
    let active = true;
    const { data } = supabase.auth.onAuthStateChange((event, session) => {
      if (!active || event === "INITIAL_SESSION") return;
      setLastEvent(event);
      setState((previous) => {
        if (previous.session?.user.id !== session?.user.id) queryClient.clear();
        return toState(session);
      });
    });
    void (async () => {
      const { error } = await supabase.auth.initialize();
      if (error) {
        setLinkError(error);
        clearUrlError();
      }
      const { data: current } = await supabase.auth.getSession();
      if (active) setState(toState(current.session));
    })();
    return () => {
      active = false;
      data.subscription.unsubscribe();
    };
  }, [queryClient]);

  const value = useMemo<SessionContextValue>(
    () => ({ ...state, linkError, lastEvent, dismissLinkError: () => setLinkError(null) }),
    [state, linkError, lastEvent],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionContextValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error("useSession must be used inside SessionProvider");
  return value;
}
