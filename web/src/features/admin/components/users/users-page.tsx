import { Users } from "lucide-react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { TableCell } from "../../../../components/ui/table.tsx";
import { useAdminUsersQuery } from "../../api/users.ts";
import { DirectoryPage } from "../directory-page.tsx";
import { useAdminDates } from "../use-admin-dates.ts";
import { UserBadges } from "./user-badges.tsx";

/** /admin/users: every account on the platform, searchable by email or name. */
export function AdminUsersPage() {
  const { t } = useTranslation("admin");
  const date = useAdminDates();
  return (
    <DirectoryPage
      section="users"
      icon={<Users />}
      useList={useAdminUsersQuery}
      columns={[
        { label: t("users.columns.email") },
        { label: t("users.columns.name") },
        { label: t("users.columns.status") },
        { label: t("users.columns.mfa") },
        { label: t("users.columns.workspaces"), className: "text-right" },
        { label: t("users.columns.lastSignIn") },
      ]}
      cells={(user) => (
        <>
          <TableCell className="max-w-72">
            <Link
              to={`/admin/users/${user.id}`}
              className="break-all font-medium text-primary underline-offset-4 hover:underline focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring"
            >
              {user.email ?? user.id}
            </Link>
          </TableCell>
          <TableCell>{user.full_name || <span className="text-muted-foreground">—</span>}</TableCell>
          <TableCell>
            <UserBadges user={user} />
          </TableCell>
          <TableCell>{t(`mfa.${user.mfa}`)}</TableCell>
          <TableCell className="text-right tabular-nums">{user.tenant_count}</TableCell>
          <TableCell className="whitespace-nowrap">{user.last_sign_in_at ? date(user.last_sign_in_at) : t("never")}</TableCell>
        </>
      )}
    />
  );
}
