import { ShieldAlert } from "lucide-react";
import { useTranslation } from "react-i18next";
import { Link, useLocation, useNavigate } from "react-router";
import { Alert } from "../../../components/ui/alert.tsx";
import { Button } from "../../../components/ui/button.tsx";
import { toast } from "../../../components/ui/toast.ts";
import { useSignOutMutation } from "../../account/api/sign-out-mutation.ts";
import { useSession } from "../../auth/hooks/session.tsx";
import { useSecurityErrorText } from "../hooks/use-security-error-text.ts";
import { setupPathFor } from "../lib/mfa-policy.ts";
import { tokenClaims } from "../lib/session-id.ts";
import { PageTitle } from "./page-title.tsx";

/**
 * Instead of any workspace page once 2FA is required and missing: the database yields no
 * tenant data to this session, so rather than empty or broken pages the user learns why and
 * gets the one way forward (or out).
 */
export function EnrollmentRequiredScreen() {
  const { t } = useTranslation("security");
  const errorText = useSecurityErrorText();
  const location = useLocation();
  const navigate = useNavigate();
  const session = useSession();
  const signOut = useSignOutMutation();
  const superAdmin = tokenClaims(session.session?.access_token)?.super_admin === true;
  return (
    <div className="mx-auto grid max-w-xl gap-5 py-8 text-center">
      <PageTitle title={t("enforced.title")} />
      <ShieldAlert aria-hidden="true" className="mx-auto size-12 text-primary" />
      <h1 className="text-2xl font-semibold tracking-tight">{t("enforced.title")}</h1>
      <p className="text-muted-foreground">{superAdmin ? t("enforced.adminBody") : t("enforced.body")}</p>
      <p className="text-muted-foreground">{t("enforced.howLong")}</p>
      <div className="flex flex-wrap justify-center gap-3">
        <Button size="lg" asChild>
          <Link to={setupPathFor(`${location.pathname}${location.search}`)}>{t("enforced.setUp")}</Link>
        </Button>
        <Button
          size="lg"
          variant="outline"
          loading={signOut.isPending}
          onClick={() =>
            signOut.mutate("local", {
              onSuccess: () => {
                toast.success(t("challenge.signedOut"));
                navigate("/sign-in", { replace: true });
              },
            })
          }
        >
          {t("enforced.signOut")}
        </Button>
      </div>
      {signOut.error ? <Alert tone="error">{errorText.error(signOut.error)}</Alert> : null}
      <p className="text-sm">
        <Link className="text-muted-foreground underline underline-offset-4 hover:text-foreground" to="/account/delete">
          {t("enforced.deleteAccount")}
        </Link>
      </p>
    </div>
  );
}
