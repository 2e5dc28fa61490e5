import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { Link, Navigate, useSearchParams } from "react-router";
import { Alert } from "../../../components/ui/alert.tsx";
import { Button } from "../../../components/ui/button.tsx";
import { Spinner } from "../../../components/ui/spinner.tsx";
import { toast } from "../../../components/ui/toast.ts";
import { landingLinkType } from "../../../lib/supabase.ts";
import { useSession } from "../hooks/session.tsx";
import { useErrorText } from "../hooks/use-error-text.ts";
import { safeNextPath } from "../lib/next-path.ts";
import { AuthCard } from "./auth-card.tsx";

/**
 * Where verification links and social sign-in return. supabase-js reads the session (or the
 * error) from the URL fragment; this page waits for that, then continues or explains.
 */
export function AuthCallbackPage() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [params] = useSearchParams();
  const session = useSession();
  const next = safeNextPath(params.get("next"));
  const greeted = useRef(false);

  useEffect(() => {
    if (session.status !== "signed-in" || session.linkError || greeted.current) return;
    greeted.current = true;
    toast.success(landingLinkType === "signup" ? t("auth.callback.confirmed") : t("auth.callback.signedIn"));
  }, [session.status, session.linkError, t]);

  if (session.linkError) {
    return (
      <AuthCard title={t("auth.callback.failedTitle")}>
        <Alert tone="error">{errorText.auth(session.linkError)}</Alert>
        <Button asChild>
          <Link to={session.status === "signed-in" ? next : "/sign-in"} onClick={session.dismissLinkError}>
            {session.status === "signed-in" ? t("errorBoundary.home") : t("auth.callback.tryAgain")}
          </Link>
        </Button>
      </AuthCard>
    );
  }
  if (session.status === "signed-in") return <Navigate to={next} replace />;
  if (session.status === "signed-out") return <Navigate to="/sign-in" replace />;
  return (
    <AuthCard title={t("auth.callback.working")}>
      <div role="status" className="flex items-center gap-3 text-muted-foreground">
        <Spinner />
        {t("app.loading")}
      </div>
    </AuthCard>
  );
}
