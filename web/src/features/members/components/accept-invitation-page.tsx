import { zodResolver } from "@hookform/resolvers/zod";
import { type FormEvent, useState } from "react";
import { useForm } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { Link, useLocation, useNavigate, useSearchParams } from "react-router";
import { PageSkeleton } from "../../../app/page-skeleton.tsx";
import { Alert } from "../../../components/ui/alert.tsx";
import { Badge } from "../../../components/ui/badge.tsx";
import { Button } from "../../../components/ui/button.tsx";
import { ConfirmDialog } from "../../../components/ui/dialog.tsx";
import { FormField } from "../../../components/ui/form-field.tsx";
import { PasswordInput } from "../../../components/ui/password-input.tsx";
import { toast } from "../../../components/ui/toast.ts";
import { ApiError } from "../../../lib/api-error.ts";
import { useApiErrorText } from "../../../lib/api-error-text.ts";
import { formatDateTime } from "../../../lib/format.ts";
import { landingLinkType, supabase } from "../../../lib/supabase.ts";
import { AuthCard } from "../../auth/components/auth-card.tsx";
import { useSession } from "../../auth/hooks/session.tsx";
import { useErrorText } from "../../auth/hooks/use-error-text.ts";
import { MIN_PASSWORD_LENGTH } from "../../auth/lib/password-policy.ts";
import { type ResetPassword, ResetPasswordSchema } from "../../auth/lib/schemas.ts";
import { rememberTenant } from "../../tenants/lib/last-tenant.ts";
import {
  type InvitationView,
  useAcceptInvitationMutation,
  useDeclineInvitationMutation,
  useInvitationQuery,
} from "../api/invitation-token-api.ts";

/**
 * A new account arrives from GoTrue's invite link with a session but no password; it
 * chooses one here so it can sign in again later. Read once at start-up (the client clears
 * the URL fragment that says so).
 */
const cameFromAccountInvite = landingLinkType === "invite";

type OpenInvitation = Extract<InvitationView, { emailMatches: true }>;

function PendingInvitation({ invitation, token }: { invitation: OpenInvitation; token: string }) {
  const { t, i18n } = useTranslation("members");
  const { t: tc } = useTranslation();
  const navigate = useNavigate();
  const errorText = useApiErrorText();
  const authText = useErrorText();
  const accept = useAcceptInvitationMutation();
  const decline = useDeclineInvitationMutation();
  const [error, setError] = useState<unknown>(null);
  const [needsPassword] = useState(cameFromAccountInvite);
  const form = useForm<ResetPassword>({
    resolver: zodResolver(ResetPasswordSchema),
    defaultValues: { password: "", confirm: "" },
  });
  const { errors } = form.formState;
  const workspace = invitation.tenant.name;
  const inviter = invitation.invitedBy?.name || invitation.invitedBy?.email;

  const join = (password?: string) => {
    setError(null);
    accept.mutate(
      { token, ...(password ? { password } : {}) },
      {
        onSuccess: (tenant) => {
          rememberTenant(tenant.slug);
          toast.success(t("accept.accepted", { workspace: tenant.name }));
          navigate(`/t/${tenant.slug}`, { replace: true });
        },
        onError: setError,
      },
    );
  };
  const onSubmit = needsPassword
    ? form.handleSubmit(({ password }) => join(password))
    : (event: FormEvent) => {
        event.preventDefault();
        join();
      };

  return (
    <AuthCard
      title={t("accept.title")}
      subtitle={inviter ? t("accept.invitedBy", { inviter, workspace }) : t("accept.invitedAnonymous", { workspace })}
    >
      <div className="grid gap-2 text-sm">
        <p className="flex flex-wrap items-center gap-1">
          {t("accept.asRoles")}
          {invitation.roles.map((role) => (
            <Badge key={role.id}>{role.name}</Badge>
          ))}
        </p>
        <p className="text-muted-foreground">
          {t("accept.expires", { date: formatDateTime(invitation.expiresAt, i18n.resolvedLanguage ?? "en") })}
        </p>
      </div>
      <form noValidate className="grid gap-4" onSubmit={onSubmit}>
        {needsPassword ? (
          <fieldset className="grid gap-4">
            <legend className="text-base font-semibold">{t("accept.passwordTitle")}</legend>
            <p className="-mt-2 text-sm text-muted-foreground">{t("accept.passwordHint")}</p>
            {/* Lets password managers file the new password under the right account. */}
            <input type="email" name="username" autoComplete="username" value={invitation.email} readOnly hidden />
            <FormField
              label={tc("auth.newPassword")}
              hint={tc("auth.passwordHint", { count: MIN_PASSWORD_LENGTH })}
              error={authText.field(errors.password?.message)}
            >
              {(control) => <PasswordInput {...control} autoComplete="new-password" {...form.register("password")} />}
            </FormField>
            <FormField label={tc("auth.confirmPassword")} error={authText.field(errors.confirm?.message)}>
              {(control) => <PasswordInput {...control} autoComplete="new-password" {...form.register("confirm")} />}
            </FormField>
          </fieldset>
        ) : null}
        {error ? <Alert tone="error">{error instanceof ApiError ? errorText(error) : authText.auth(error)}</Alert> : null}
        <div className="flex flex-wrap gap-3">
          <Button type="submit" loading={accept.isPending}>
            {t("accept.accept")}
          </Button>
          <ConfirmDialog
            trigger={
              <Button variant="outline" disabled={accept.isPending || decline.isPending}>
                {t("accept.decline")}
              </Button>
            }
            title={t("accept.declineTitle", { workspace })}
            description={t("accept.declineBody")}
            confirmLabel={t("accept.declineConfirm")}
            cancelLabel={t("cancel")}
            onConfirm={() => decline.mutate(token, { onError: setError })}
          />
        </div>
      </form>
    </AuthCard>
  );
}

function AnsweredInvitation({ invitation }: { invitation: OpenInvitation }) {
  const { t } = useTranslation("members");
  const state = invitation.state === "pending" ? "expired" : invitation.state;
  return (
    <AuthCard title={state === "declined" ? t("accept.declinedTitle") : t("accept.title")}>
      <Alert>{state === "declined" ? t("accept.declinedBody") : t(`accept.states.${state}`)}</Alert>
      <Button asChild>
        <Link to="/">{t("accept.home")}</Link>
      </Button>
    </AuthCard>
  );
}

/**
 * /invitations/accept?token=…: the page an invitation mail links to, outside any workspace.
 * Signed out it leads to signing in (and back); signed in it shows the invitation when the
 * verified address is the invited one, explains otherwise, and accepts or declines.
 */
export function AcceptInvitationPage() {
  const { t } = useTranslation("members");
  const [params] = useSearchParams();
  const location = useLocation();
  const session = useSession();
  const errorText = useApiErrorText();
  const token = params.get("token") ?? "";
  const userId = session.status === "signed-in" ? session.session.user.id : null;
  const invitation = useInvitationQuery(userId, token);
  const here = `${location.pathname}${location.search}`;

  if (!token) {
    return (
      <AuthCard title={t("accept.title")}>
        <Alert tone="error">{t("accept.missingToken")}</Alert>
        <Button asChild>
          <Link to="/">{t("accept.home")}</Link>
        </Button>
      </AuthCard>
    );
  }
  if (session.status === "loading") return <PageSkeleton />;
  if (session.status === "signed-out") {
    return (
      <AuthCard
        title={t("accept.signedOutTitle")}
        subtitle={t("accept.signedOutBody")}
        footer={
          <span>
            {t("accept.newHere")}{" "}
            <Link
              className="font-medium text-primary underline-offset-4 hover:underline"
              to={`/sign-up?next=${encodeURIComponent(here)}`}
            >
              {t("accept.signUp")}
            </Link>
          </span>
        }
      >
        <Button asChild>
          <Link to={`/sign-in?next=${encodeURIComponent(here)}`}>{t("accept.signIn")}</Link>
        </Button>
      </AuthCard>
    );
  }
  if (invitation.isPending) {
    return (
      <AuthCard title={t("accept.title")}>
        <p role="status" className="text-sm text-muted-foreground">
          {t("accept.loading")}
        </p>
      </AuthCard>
    );
  }
  if (invitation.isError) {
    const invalid = invitation.error instanceof ApiError && invitation.error.code === "FONF0";
    return (
      <AuthCard title={t("accept.title")}>
        <Alert tone="error">{invalid ? t("accept.invalidLink") : errorText(invitation.error)}</Alert>
        <Button asChild>
          <Link to="/">{t("accept.home")}</Link>
        </Button>
      </AuthCard>
    );
  }
  const view = invitation.data;
  if (!view.emailMatches) {
    const unverified = view.reason.startsWith("confirm");
    return (
      <AuthCard title={t("accept.wrongEmailTitle")}>
        <Alert>
          {unverified
            ? t("accept.unverifiedBody")
            : t("accept.wrongEmailBody", { hint: view.emailHint, email: session.session.user.email ?? "" })}
        </Alert>
        <Button variant="outline" onClick={() => void supabase.auth.signOut({ scope: "local" })}>
          {t("accept.signOut")}
        </Button>
      </AuthCard>
    );
  }
  if (view.state !== "pending") return <AnsweredInvitation invitation={view} />;
  return <PendingInvitation invitation={view} token={token} />;
}
