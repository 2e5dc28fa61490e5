import { Check, Circle } from "lucide-react";
import { useTranslation } from "react-i18next";
import { cn } from "../../../../components/ui/cn.ts";
import type { SetupStepKey, SuperAdminStatus } from "../../lib/admin-types.ts";
import { ChangePasswordStep } from "./change-password-step.tsx";
import { EnableTwoFactorStep } from "./enable-two-factor-step.tsx";
import { RecoveryCodesStep } from "./recovery-codes-step.tsx";
import { VerifyEmailStep } from "./verify-email-step.tsx";
import { VerifySessionStep } from "./verify-session-step.tsx";

const ORDER: SetupStepKey[] = ["verify_email", "change_password", "enable_2fa", "verify_2fa_session"];

type AdminSetupProps = {
  status: SuperAdminStatus;
  email: string;
  recoveryCodes: string[] | null;
  onRecoveryCodes: (codes: string[] | null) => void;
  onStepDone: () => void;
};

/**
 * The first-login steps the database requires before any admin call (docs/super-admin.md):
 * each done one ticked, the next one to do open below. Every step goes to the same backend
 * as the rest of the app; the database decides when it counts as done.
 */
export function AdminSetup({ status, email, recoveryCodes, onRecoveryCodes, onStepDone }: AdminSetupProps) {
  const { t } = useTranslation("admin");
  const { t: tc } = useTranslation();
  const done = new Set(status.steps.filter((step) => step.done).map((step) => step.key));
  const current: SetupStepKey | "recovery_codes" | null = recoveryCodes ? "recovery_codes" : status.next_step;

  return (
    <div className="mx-auto grid max-w-2xl gap-6">
      <title>{`${t("setup.title")} · ${t("platform")} · ${tc("app.name")}`}</title>
      <div className="grid gap-1">
        <h1 className="text-2xl font-semibold tracking-tight">{t("setup.title")}</h1>
        <p className="text-sm text-muted-foreground">{t("setup.description")}</p>
      </div>
      <ol aria-label={t("setup.stepsLabel")} className="grid gap-2 sm:grid-cols-4">
        {ORDER.map((key, index) => {
          const isDone = done.has(key) && !(key === "enable_2fa" && recoveryCodes);
          const isCurrent = key === current || (current === "recovery_codes" && key === "enable_2fa");
          return (
            <li
              key={key}
              aria-current={isCurrent ? "step" : undefined}
              className={cn(
                "flex items-start gap-2 rounded-lg border p-3 text-sm",
                isCurrent ? "border-primary bg-card font-medium" : "bg-card/50",
              )}
            >
              {isDone ? (
                <Check aria-hidden="true" className="mt-0.5 size-4 shrink-0 text-success" />
              ) : (
                <Circle aria-hidden="true" className="mt-0.5 size-4 shrink-0 text-muted-foreground" />
              )}
              <span>
                <span className="sr-only">
                  {isDone ? t("setup.stepDone") : isCurrent ? t("setup.stepCurrent") : t("setup.stepTodo")}{" "}
                </span>
                {index + 1}. {t(`setup.steps.${key}`)}
              </span>
            </li>
          );
        })}
      </ol>
      {current === "recovery_codes" && recoveryCodes ? (
        <RecoveryCodesStep
          codes={recoveryCodes}
          email={email}
          onDone={() => {
            onRecoveryCodes(null);
            onStepDone();
          }}
        />
      ) : current === "verify_email" ? (
        <VerifyEmailStep email={email} onDone={onStepDone} />
      ) : current === "change_password" ? (
        <ChangePasswordStep onDone={onStepDone} />
      ) : current === "enable_2fa" ? (
        <EnableTwoFactorStep onActivated={onRecoveryCodes} />
      ) : current === "verify_2fa_session" ? (
        <VerifySessionStep onDone={onStepDone} />
      ) : null}
    </div>
  );
}
