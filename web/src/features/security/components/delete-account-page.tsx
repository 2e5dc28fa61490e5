import { ArrowLeft, TriangleAlert } from "lucide-react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import { Alert } from "../../../components/ui/alert.tsx";
import { Button } from "../../../components/ui/button.tsx";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "../../../components/ui/card.tsx";
import { PageHeader } from "../../../components/ui/page-header.tsx";
import { Skeleton } from "../../../components/ui/skeleton.tsx";
import { supabase } from "../../../lib/supabase.ts";
import { useRequestPasswordResetMutation } from "../../auth/api/request-password-reset-mutation.ts";
import { type DeletionSummary, useDeletionPreviewQuery } from "../api/account-deletion.ts";
import { useCurrentSessionIds } from "../api/current-session.ts";
import { SECURITY_PAGE_PATH, useIdentitiesQuery } from "../api/identities.ts";
import { useSecurityErrorText } from "../hooks/use-security-error-text.ts";
import type { DeletionPreview } from "../lib/deletion-preview.ts";
import { DeleteAccountForm } from "./delete-account-form.tsx";
import { DeletionBlockers, DeletionPreviewSummary } from "./deletion-preview-summary.tsx";
import { PageTitle } from "./page-title.tsx";

/** What the goodbye screen may say about the deletion (it has no session left to ask). */
export type GoodbyeState = { workspacesDeleted: number };

/** Provider-only accounts have no password to confirm with: offer the reset mail that sets one. */
function SetPasswordFirst() {
  const { t } = useTranslation("security");
  const { t: tc } = useTranslation();
  const errorText = useSecurityErrorText();
  const { email } = useCurrentSessionIds();
  const identities = useIdentitiesQuery();
  const request = useRequestPasswordResetMutation();
  const providers = (identities.data ?? [])
    .map((identity) => identity.provider)
    .filter((provider) => provider === "google" || provider === "facebook")
    .map((provider) => tc(`auth.providers.${provider}`))
    .join(", ");
  return (
    <Alert title={t("deletion.noPasswordTitle")}>
      <p>{t("deletion.noPasswordBody", { providers: providers || "Google" })}</p>
      {request.isSuccess ? (
        <p className="mt-2 font-medium">{t("deletion.passwordLinkSent", { email })}</p>
      ) : (
        <Button variant="outline" className="mt-2" loading={request.isPending} onClick={() => request.mutate(email)}>
          {t("deletion.sendPasswordLink")}
        </Button>
      )}
      {request.error ? <p className="mt-2 text-destructive">{errorText.error(request.error)}</p> : null}
    </Alert>
  );
}

function ConfirmCard({ preview, onStale }: { preview: DeletionPreview; onStale: () => void }) {
  const { t } = useTranslation("security");
  const navigate = useNavigate();
  const onDeleted = async (summary: DeletionSummary) => {
    const state: GoodbyeState = { workspacesDeleted: summary.tenants_deleted?.length ?? 0 };
    // Leave the signed-in part first: once the session ends, its guards would send us to sign-in.
    await navigate("/goodbye", { replace: true, state });
    // The session died with the account; this only forgets it in this browser.
    await supabase.auth.signOut({ scope: "local" });
  };
  return (
    <Card aria-labelledby="deletion-confirm">
      <CardHeader>
        <CardTitle id="deletion-confirm">{t("deletion.confirmTitle")}</CardTitle>
        <CardDescription>{t("deletion.confirmBody")}</CardDescription>
      </CardHeader>
      <CardContent>
        {!preview.requires.has_password ? (
          <SetPasswordFirst />
        ) : (
          <DeleteAccountForm
            requiresCode={preview.requires.mfa_code}
            onDeleted={(summary) => void onDeleted(summary)}
            onStale={onStale}
          />
        )}
      </CardContent>
    </Card>
  );
}

/**
 * /account/delete: exactly what deleting the account removes and keeps (from the same plan
 * the deletion runs), what blocks it, and the confirmation the backend requires. On success
 * the browser forgets the session and shows the goodbye screen.
 */
export function DeleteAccountPage() {
  const { t } = useTranslation("security");
  const errorText = useSecurityErrorText();
  const preview = useDeletionPreviewQuery();
  return (
    <div className="grid gap-6">
      <PageTitle title={t("deletion.title")} />
      <div>
        <Button variant="link" asChild>
          <Link to={SECURITY_PAGE_PATH}>
            <ArrowLeft aria-hidden="true" className="size-4" />
            {t("deletion.back")}
          </Link>
        </Button>
      </div>
      <PageHeader title={t("deletion.title")} description={t("deletion.description")} className="mb-0" />
      <div className="flex gap-3 rounded-lg border border-destructive/40 bg-destructive/10 p-4 text-sm">
        <TriangleAlert aria-hidden="true" className="mt-0.5 size-5 shrink-0 text-destructive" />
        <p className="font-medium">{t("deletion.irreversible")}</p>
      </div>
      {preview.isPending ? (
        <div className="grid gap-6 lg:grid-cols-2">
          <p role="status" className="sr-only">
            {t("status.loading")}
          </p>
          <Skeleton className="h-56" />
          <Skeleton className="h-56" />
        </div>
      ) : preview.isError ? (
        <Alert tone="error" title={t("deletion.loadFailed")}>
          <p>{errorText.error(preview.error)}</p>
          <Button variant="link" onClick={() => void preview.refetch()}>
            {t("deletion.retry")}
          </Button>
        </Alert>
      ) : (
        <>
          <DeletionBlockers preview={preview.data} />
          <DeletionPreviewSummary preview={preview.data} />
          {preview.data.can_delete ? <ConfirmCard preview={preview.data} onStale={() => void preview.refetch()} /> : null}
        </>
      )}
    </div>
  );
}
