import { useSession } from "../../auth/hooks/session.tsx";
import { sessionIdOf } from "../lib/session-id.ts";

/** The signed-in user and session ids the security queries are keyed by ("" when signed out). */
export function useCurrentSessionIds(): { userId: string; sessionId: string; email: string; signedIn: boolean } {
  const session = useSession();
  return {
    userId: session.session?.user.id ?? "",
    sessionId: sessionIdOf(session.session?.access_token) ?? "",
    email: session.session?.user.email ?? "",
    signedIn: session.status === "signed-in",
  };
}
