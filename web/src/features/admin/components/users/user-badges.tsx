import { useTranslation } from "react-i18next";
import { Badge } from "../../../../components/ui/badge.tsx";
import type { AdminUserSummary } from "../../lib/admin-types.ts";

/** Verified or not, banned, platform staff: in words, never colour alone. */
export function UserBadges({ user }: { user: Pick<AdminUserSummary, "email_verified" | "banned" | "super_admin"> }) {
  const { t } = useTranslation("admin");
  return (
    <span className="flex flex-wrap gap-1">
      {user.super_admin ? <Badge variant="primary">{t("users.badges.superAdmin")}</Badge> : null}
      {user.banned ? <Badge variant="destructive">{t("users.badges.banned")}</Badge> : null}
      {user.email_verified ? (
        <Badge variant="success">{t("users.badges.verified")}</Badge>
      ) : (
        <Badge variant="outline">{t("users.badges.unverified")}</Badge>
      )}
    </span>
  );
}
