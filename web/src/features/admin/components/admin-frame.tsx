import { LogOut, ShieldCheck } from "lucide-react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import { SkipLink } from "../../../app/layouts/brand.tsx";
import { PreferencesMenu } from "../../../app/layouts/preferences-menu.tsx";
import { Button } from "../../../components/ui/button.tsx";
import { toast } from "../../../components/ui/toast.ts";
import { useSignOutMutation } from "../../account/api/sign-out-mutation.ts";
import { useSession } from "../../auth/hooks/session.tsx";
import { useErrorText } from "../../auth/hooks/use-error-text.ts";

/** Signs out of this browser and returns to the console's sign-in. */
export function AdminSignOutButton({ variant = "ghost" }: { variant?: "ghost" | "outline" }) {
  const { t } = useTranslation("admin");
  const errorText = useErrorText();
  const navigate = useNavigate();
  const signOut = useSignOutMutation();
  return (
    <Button
      variant={variant}
      size="sm"
      loading={signOut.isPending}
      onClick={() =>
        signOut.mutate("local", {
          onSuccess: () => {
            toast.success(t("signedOut"));
            navigate("/admin/sign-in", { replace: true });
          },
          onError: (error) => toast.error(errorText.auth(error)),
        })
      }
    >
      <LogOut aria-hidden="true" className="size-4" />
      {t("signOut")}
    </Button>
  );
}

/**
 * The console's own frame, outside every workspace: a marked header that says "Platform
 * administration" on every screen, so nobody mistakes it for a workspace.
 */
export function AdminFrame({ children, wide = false }: { children: ReactNode; wide?: boolean }) {
  const { t } = useTranslation("admin");
  const session = useSession();
  const email = session.session?.user.email ?? "";
  return (
    <div className="flex min-h-dvh flex-col">
      <SkipLink />
      <header className="border-b bg-card">
        <div aria-hidden="true" className="h-1 bg-primary" />
        <div className={`mx-auto flex items-center justify-between gap-4 px-4 py-3 sm:px-6 ${wide ? "" : "max-w-5xl"}`}>
          <Link
            to="/admin"
            className="flex min-w-0 items-center gap-3 rounded-md focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring"
          >
            <span className="flex size-8 shrink-0 items-center justify-center rounded-md bg-primary text-primary-foreground">
              <ShieldCheck aria-hidden="true" className="size-5" />
            </span>
            <span className="grid min-w-0 leading-tight">
              <span className="font-semibold tracking-tight">{t("platform")}</span>
              <span className="truncate text-xs text-muted-foreground">{t("product")}</span>
            </span>
          </Link>
          <div className="flex items-center gap-2">
            {email ? <span className="hidden max-w-64 truncate text-sm text-muted-foreground md:inline">{email}</span> : null}
            <PreferencesMenu />
            {session.status === "signed-in" ? <AdminSignOutButton /> : null}
          </div>
        </div>
      </header>
      {children}
    </div>
  );
}
