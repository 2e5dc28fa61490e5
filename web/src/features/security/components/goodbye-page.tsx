import { useTranslation } from "react-i18next";
import { Link, useLocation } from "react-router";
import { Button } from "../../../components/ui/button.tsx";
import { AuthCard } from "../../auth/components/auth-card.tsx";
import type { GoodbyeState } from "./delete-account-page.tsx";

/** /goodbye: after the account was deleted and the browser signed out. Works without a session. */
export function GoodbyePage() {
  const { t } = useTranslation("security");
  const state = useLocation().state as Partial<GoodbyeState> | null;
  const deleted = typeof state?.workspacesDeleted === "number" ? state.workspacesDeleted : 0;
  return (
    <AuthCard title={t("goodbye.title")} subtitle={t("goodbye.body")}>
      {deleted > 0 ? <p className="text-sm">{t("goodbye.workspaces", { count: deleted })}</p> : null}
      <p className="text-sm text-muted-foreground">{t("goodbye.thanks")}</p>
      <div className="flex flex-wrap gap-3">
        <Button asChild>
          <Link to="/sign-in">{t("goodbye.signIn")}</Link>
        </Button>
        <Button variant="outline" asChild>
          <Link to="/sign-up">{t("goodbye.signUp")}</Link>
        </Button>
      </div>
    </AuthCard>
  );
}
