import { ShieldCheck, ShieldOff } from "lucide-react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { Alert } from "../../../components/ui/alert.tsx";
import { Badge } from "../../../components/ui/badge.tsx";
import { Button } from "../../../components/ui/button.tsx";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "../../../components/ui/card.tsx";
import { Skeleton } from "../../../components/ui/skeleton.tsx";
import { formatDateTime } from "../../../lib/format.ts";
import { useSession } from "../../auth/hooks/session.tsx";
import { type MfaStatus, useMfaStatusQuery } from "../api/mfa-status-query.ts";
import { useSecurityErrorText } from "../hooks/use-security-error-text.ts";
import { TWO_FACTOR_SETUP_PATH } from "../lib/mfa-policy.ts";
import { DisableTwoFactorDialog } from "./disable-two-factor-dialog.tsx";
import { RegenerateCodesDialog } from "./regenerate-codes-dialog.tsx";

/** Few enough recovery codes left to suggest new ones. */
const LOW_RECOVERY_CODES = 3;

export function TwoFactorBadge({ status }: { status: Pick<MfaStatus, "factor" | "policy"> }) {
  const { t } = useTranslation("security");
  if (status.factor === "active") return <Badge variant="success">{t("status.on")}</Badge>;
  if (status.policy.state === "enroll_required") return <Badge variant="destructive">{t("status.required")}</Badge>;
  if (status.factor === "pending") return <Badge variant="outline">{t("status.pending")}</Badge>;
  return <Badge variant="outline">{t("status.off")}</Badge>;
}

/** Whether the 30-day rule applies to this account already (registration + grace period has passed). */
function pastGracePeriod(createdAt: string | undefined, graceDays: number): boolean {
  if (!createdAt) return false;
  return Date.now() >= new Date(createdAt).getTime() + graceDays * 86_400_000;
}

function ActiveFactor({ status }: { status: MfaStatus }) {
  const { t, i18n } = useTranslation("security");
  const language = i18n.resolvedLanguage ?? "en";
  const session = useSession();
  const user = session.session?.user;
  const locked = status.locked_until && new Date(status.locked_until).getTime() > Date.now();
  return (
    <div className="grid gap-4">
      <div className="grid gap-1 text-sm">
        <p>{t("twoFactor.activeSince", { date: formatDateTime(status.activated_at, language) })}</p>
        <p
          className={status.recovery_codes_left <= LOW_RECOVERY_CODES ? "font-medium text-destructive" : "text-muted-foreground"}
        >
          {t("twoFactor.recoveryLeft", { count: status.recovery_codes_left })}
        </p>
      </div>
      {status.recovery_codes_left <= LOW_RECOVERY_CODES ? <Alert>{t("twoFactor.recoveryLow")}</Alert> : null}
      {locked ? (
        <Alert tone="error">{t("twoFactor.locked", { time: formatDateTime(status.locked_until, language) })}</Alert>
      ) : null}
      <div className="flex flex-wrap gap-3">
        <RegenerateCodesDialog account={user?.email ?? ""} />
        <DisableTwoFactorDialog
          stillRequired={pastGracePeriod(user?.created_at, status.policy.grace_days)}
          graceDays={status.policy.grace_days}
        />
      </div>
    </div>
  );
}

function MissingFactor({ status }: { status: MfaStatus }) {
  const { t, i18n } = useTranslation("security");
  const language = i18n.resolvedLanguage ?? "en";
  const { policy } = status;
  return (
    <div className="grid gap-4">
      <p className="text-sm text-muted-foreground">
        {status.factor === "pending" ? t("twoFactor.pendingBody") : t("twoFactor.offBody")}
      </p>
      {policy.state === "enroll_required" ? (
        <Alert tone="error">{t("twoFactor.requiredNow")}</Alert>
      ) : policy.deadline ? (
        <p className="text-sm font-medium">{t("twoFactor.deadline", { date: formatDateTime(policy.deadline, language) })}</p>
      ) : null}
      <div>
        <Button asChild>
          <Link to={TWO_FACTOR_SETUP_PATH}>{status.factor === "pending" ? t("twoFactor.resume") : t("twoFactor.setUp")}</Link>
        </Button>
      </div>
    </div>
  );
}

/** The 2FA section of the security page: its state, and turning it on, off or renewing the recovery codes. */
export function TwoFactorCard() {
  const { t } = useTranslation("security");
  const errorText = useSecurityErrorText();
  const status = useMfaStatusQuery();
  return (
    <Card aria-labelledby="security-two-factor">
      <CardHeader>
        <div className="flex flex-wrap items-center gap-2">
          {status.data?.active ? (
            <ShieldCheck aria-hidden="true" className="size-5 text-success" />
          ) : (
            <ShieldOff aria-hidden="true" className="size-5 text-muted-foreground" />
          )}
          <CardTitle id="security-two-factor">{t("twoFactor.title")}</CardTitle>
          {status.data ? <TwoFactorBadge status={status.data} /> : null}
        </div>
        <CardDescription>{t("twoFactor.description")}</CardDescription>
      </CardHeader>
      <CardContent>
        {status.isPending ? (
          <div className="grid gap-3">
            <p role="status" className="sr-only">
              {t("status.loading")}
            </p>
            <Skeleton className="h-4 w-2/3" />
            <Skeleton className="h-10 w-56" />
          </div>
        ) : status.isError ? (
          <Alert tone="error" title={t("twoFactor.loadFailed")}>
            <p>{errorText.error(status.error)}</p>
            <Button variant="link" onClick={() => void status.refetch()}>
              {t("twoFactor.retry")}
            </Button>
          </Alert>
        ) : status.data.active ? (
          <ActiveFactor status={status.data} />
        ) : (
          <MissingFactor status={status.data} />
        )}
      </CardContent>
    </Card>
  );
}
