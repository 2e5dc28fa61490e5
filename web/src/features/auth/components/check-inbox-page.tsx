import { MailCheck } from "lucide-react";
import { useEffect, useState } from "react";
import { Trans, useTranslation } from "react-i18next";
import { Link, useLocation } from "react-router";
import { Alert } from "../../../components/ui/alert.tsx";
import { Button } from "../../../components/ui/button.tsx";
import { useResendConfirmationMutation } from "../api/resend-confirmation-mutation.ts";
import { useErrorText } from "../hooks/use-error-text.ts";
import { readPendingEmail } from "../lib/pending-email.ts";
import { AuthCard } from "./auth-card.tsx";

/** Seconds between two sends; keeps impatient double clicks from hitting the server's mail limit. */
export const RESEND_COOLDOWN_SECONDS = 30;

type CheckInboxState = { email?: string; justSent?: boolean; next?: string } | null;

function useSecondsLeft(until: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (until <= Date.now()) return;
    const timer = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(timer);
  }, [until]);
  return Math.max(0, Math.ceil((until - now) / 1000));
}

/** After sign-up: names the address the link went to and lets the user send it again. */
export function CheckInboxPage() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const location = useLocation();
  const state = location.state as CheckInboxState;
  const email = state?.email ?? readPendingEmail();
  const resend = useResendConfirmationMutation();
  const [cooldownUntil, setCooldownUntil] = useState(() => (state?.justSent ? Date.now() + RESEND_COOLDOWN_SECONDS * 1000 : 0));
  const secondsLeft = useSecondsLeft(cooldownUntil);

  if (!email) {
    return (
      <AuthCard title={t("auth.checkInbox.title")}>
        <Alert>{t("auth.checkInbox.unknownAddress")}</Alert>
        <Button asChild>
          <Link to="/sign-up">{t("auth.checkInbox.startOver")}</Link>
        </Button>
      </AuthCard>
    );
  }

  return (
    <AuthCard
      title={t("auth.checkInbox.title")}
      footer={
        <p>
          {t("auth.checkInbox.wrongAddress")}{" "}
          <Link className="font-medium text-primary underline-offset-4 hover:underline" to="/sign-up">
            {t("auth.checkInbox.startOver")}
          </Link>
        </p>
      }
    >
      <div className="flex gap-4">
        <MailCheck aria-hidden="true" className="size-10 shrink-0 text-primary" />
        <p>
          <Trans
            i18nKey="auth.checkInbox.body"
            values={{ email }}
            components={{ strong: <strong className="[overflow-wrap:anywhere]" /> }}
          />
        </p>
      </div>
      <p className="text-sm text-muted-foreground">{t("auth.checkInbox.hint")}</p>
      {resend.isSuccess ? <Alert tone="success">{t("auth.checkInbox.resent", { email })}</Alert> : null}
      {resend.error ? <Alert tone="error">{errorText.auth(resend.error)}</Alert> : null}
      <Button
        variant="outline"
        loading={resend.isPending}
        disabled={secondsLeft > 0}
        onClick={() =>
          resend.mutate(
            { email, next: state?.next ?? "/" },
            { onSuccess: () => setCooldownUntil(Date.now() + RESEND_COOLDOWN_SECONDS * 1000) },
          )
        }
      >
        {secondsLeft > 0 ? t("auth.checkInbox.resendIn", { seconds: secondsLeft }) : t("auth.checkInbox.resend")}
      </Button>
    </AuthCard>
  );
}
