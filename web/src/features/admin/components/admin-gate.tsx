import { type ReactNode, useState } from "react";
import { useTranslation } from "react-i18next";
import { Navigate, useLocation } from "react-router";
import { PageSkeleton } from "../../../app/page-skeleton.tsx";
import { Alert } from "../../../components/ui/alert.tsx";
import { Button } from "../../../components/ui/button.tsx";
import { useApiErrorText } from "../../../lib/api-error-text.ts";
import { useSession } from "../../auth/hooks/session.tsx";
import { useSuperAdminStatusQuery } from "../api/status-query.ts";
import { AdminConsoleLayout } from "./admin-console-layout.tsx";
import { AdminFrame } from "./admin-frame.tsx";
import { NotPlatformAdmin } from "./not-platform-admin.tsx";
import { AdminSetup } from "./setup/admin-setup.tsx";

function Centered({ children }: { children: ReactNode }) {
  return (
    <main id="main" tabIndex={-1} className="flex-1 px-4 py-8 sm:px-6 focus:outline-none">
      {children}
    </main>
  );
}

/**
 * Everything under /admin: signed out → the console's sign-in; not a super admin → a plain
 * refusal; setup open → the remaining steps; otherwise the console. The database refuses every
 * admin call on its own terms too; this only decides what to show.
 */
export function AdminGate() {
  const { t } = useTranslation("admin");
  const errorText = useApiErrorText();
  const location = useLocation();
  const session = useSession();
  const userId = session.session?.user.id ?? "";
  const status = useSuperAdminStatusQuery(userId);
  // Held here, not in the setup screen: activation makes the account ready at once, and the
  // codes must stay on screen until the admin says they saved them.
  const [recoveryCodes, setRecoveryCodes] = useState<string[] | null>(null);

  if (session.status === "loading") return <PageSkeleton />;
  if (session.status === "signed-out") {
    // After "Sign out" the next sign-in starts at the console's start; a visit without a
    // session comes back to the page asked for.
    const next = `${location.pathname}${location.search}`;
    const plain = next === "/admin" || session.lastEvent === "SIGNED_OUT";
    return <Navigate to={plain ? "/admin/sign-in" : `/admin/sign-in?next=${encodeURIComponent(next)}`} replace />;
  }
  const email = session.session?.user.email ?? "";
  if (status.isPending) {
    return (
      <AdminFrame>
        <Centered>
          <PageSkeleton />
        </Centered>
      </AdminFrame>
    );
  }
  if (status.isError) {
    return (
      <AdminFrame>
        <Centered>
          <title>{t("statusFailed")}</title>
          <div className="mx-auto grid max-w-md gap-4">
            <h1 className="text-2xl font-semibold">{t("statusFailed")}</h1>
            <Alert tone="error">{errorText(status.error)}</Alert>
            <div>
              <Button onClick={() => void status.refetch()}>{t("retry")}</Button>
            </div>
          </div>
        </Centered>
      </AdminFrame>
    );
  }
  if (!status.data.is_super_admin) {
    return (
      <AdminFrame>
        <Centered>
          <NotPlatformAdmin email={email} />
        </Centered>
      </AdminFrame>
    );
  }
  if (!status.data.ready || recoveryCodes) {
    return (
      <AdminFrame>
        <Centered>
          <AdminSetup
            status={status.data}
            email={email}
            recoveryCodes={recoveryCodes}
            onRecoveryCodes={setRecoveryCodes}
            onStepDone={() => void status.refetch()}
          />
        </Centered>
      </AdminFrame>
    );
  }
  return (
    <AdminFrame wide>
      <AdminConsoleLayout />
    </AdminFrame>
  );
}
