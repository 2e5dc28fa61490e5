import { type ReactNode, useState } from "react";
import { useTranslation } from "react-i18next";
import { Navigate, Outlet, useLocation } from "react-router";
import { PageSkeleton } from "../../../app/page-skeleton.tsx";
import { toast } from "../../../components/ui/toast.ts";
import { useCurrentSessionIds } from "../api/current-session.ts";
import { useMfaRequirementQuery } from "../api/mfa-requirement-query.ts";
import { challengePathFor, gateDecision } from "../lib/mfa-policy.ts";
import { dismissPrompt, isPromptDismissed } from "../lib/prompt-dismissal.ts";
import { EnrollmentRequiredScreen } from "./enrollment-required-screen.tsx";
import { TwoFactorPromptBanner } from "./two-factor-prompt-banner.tsx";

function GateMain({ children }: { children: ReactNode }) {
  return (
    <main id="main" tabIndex={-1} className="flex-1 px-4 py-8 sm:px-6 focus:outline-none">
      {children}
    </main>
  );
}

/**
 * Wraps the body of every signed-in layout (the `<main>` and what sits beside it) with what
 * the session's 2FA state asks for: the code step before anything else, the "set it up to
 * continue" screen instead of workspace pages the database would leave empty, or the
 * reminder above the page during the grace period. The database enforces the policy; this
 * explains it. If the state cannot be read, the page shows as usual and speaks for itself.
 */
export function SecondFactorGate({ children, wide = false }: { children: ReactNode; wide?: boolean }) {
  const { t } = useTranslation("security");
  const location = useLocation();
  const { sessionId } = useCurrentSessionIds();
  const requirement = useMfaRequirementQuery();
  const [dismissedFor, setDismissedFor] = useState<string | null>(null);

  if (requirement.isPending && requirement.fetchStatus !== "idle") {
    return (
      <GateMain>
        <PageSkeleton />
      </GateMain>
    );
  }
  if (!requirement.data) return children;
  const here = `${location.pathname}${location.search}`;
  switch (gateDecision(requirement.data, location.pathname)) {
    case "challenge":
      return <Navigate to={challengePathFor(here)} replace />;
    case "enroll":
      return (
        <GateMain>
          <EnrollmentRequiredScreen />
        </GateMain>
      );
    case "prompt": {
      const dismissed = dismissedFor === sessionId || isPromptDismissed(sessionId);
      if (dismissed) return children;
      return (
        <>
          <TwoFactorPromptBanner
            requirement={requirement.data}
            wide={wide}
            onDismiss={() => {
              dismissPrompt(sessionId);
              setDismissedFor(sessionId);
              toast(t("prompt.dismissed"));
            }}
          />
          {children}
        </>
      );
    }
    default:
      return children;
  }
}

/**
 * For signed-in routes without a layout (the start page, which only redirects): a session that
 * owes its code goes to the code step first, so it returns to where it was headed.
 */
export function RequireSecondFactor() {
  const location = useLocation();
  const requirement = useMfaRequirementQuery();
  if (requirement.isPending && requirement.fetchStatus !== "idle") return <PageSkeleton />;
  if (requirement.data?.state === "challenge_required") {
    return <Navigate to={challengePathFor(`${location.pathname}${location.search}`)} replace />;
  }
  return <Outlet />;
}
