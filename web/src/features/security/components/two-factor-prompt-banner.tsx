import { ShieldAlert } from "lucide-react";
import { useId } from "react";
import { useTranslation } from "react-i18next";
import { Link, useLocation } from "react-router";
import { Button } from "../../../components/ui/button.tsx";
import { cn } from "../../../components/ui/cn.ts";
import { formatDateTime } from "../../../lib/format.ts";
import { daysUntil, type MfaRequirement, setupPathFor } from "../lib/mfa-policy.ts";

/** Days left at which the reminder turns from a suggestion into a warning. */
const URGENT_DAYS = 7;

/**
 * The reminder during the grace period: when 2FA becomes required, a way to set it up now,
 * and "remind me later" for the rest of this session. Shown above every signed-in page.
 */
export function TwoFactorPromptBanner({
  requirement,
  wide,
  onDismiss,
}: {
  requirement: MfaRequirement;
  /** Full width under a workspace's header; otherwise as wide as the account pages. */
  wide: boolean;
  onDismiss: () => void;
}) {
  const { t, i18n } = useTranslation("security");
  const language = i18n.resolvedLanguage ?? "en";
  const location = useLocation();
  const titleId = useId();
  const days = daysUntil(requirement.deadline) ?? requirement.grace_days;
  const date = formatDateTime(requirement.deadline, language);
  const urgent = days <= URGENT_DAYS;
  return (
    <aside
      aria-labelledby={titleId}
      className={cn("border-b py-3", urgent ? "border-destructive/40 bg-destructive/10" : "bg-muted/60")}
    >
      <div className={cn("mx-auto flex flex-wrap items-center gap-x-4 gap-y-2 px-4 sm:px-6", wide ? "" : "max-w-5xl")}>
        <ShieldAlert aria-hidden="true" className={cn("size-5 shrink-0", urgent ? "text-destructive" : "text-primary")} />
        <div className="grid min-w-0 flex-1 gap-0.5 text-sm">
          <p id={titleId} className="font-medium">
            {t("prompt.title")}
          </p>
          <p className="text-muted-foreground">
            {requirement.factor === "pending" ? t("prompt.pendingBody", { date }) : t("prompt.body", { date, count: days })}
          </p>
        </div>
        <div className="flex flex-wrap items-center gap-2">
          <Button size="sm" asChild>
            <Link to={setupPathFor(`${location.pathname}${location.search}`)}>{t("prompt.setUp")}</Link>
          </Button>
          <Button size="sm" variant="ghost" onClick={onDismiss}>
            {t("prompt.later")}
          </Button>
        </div>
      </div>
    </aside>
  );
}
