import { Building2 } from "lucide-react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { TableCell } from "../../../../components/ui/table.tsx";
import { useAdminTenantsQuery } from "../../api/tenants.ts";
import { DirectoryPage } from "../directory-page.tsx";
import { useAdminDates } from "../use-admin-dates.ts";

/** /admin/tenants: every workspace on the platform, searchable by name or address. */
export function AdminTenantsPage() {
  const { t } = useTranslation("admin");
  const date = useAdminDates();
  return (
    <DirectoryPage
      section="tenants"
      icon={<Building2 />}
      useList={useAdminTenantsQuery}
      columns={[
        { label: t("tenants.columns.name") },
        { label: t("tenants.columns.slug") },
        { label: t("tenants.columns.members"), className: "text-right" },
        { label: t("tenants.columns.admins"), className: "text-right" },
        { label: t("tenants.columns.created") },
      ]}
      cells={(tenant) => (
        <>
          <TableCell>
            <Link
              to={`/admin/tenants/${tenant.id}`}
              className="font-medium text-primary underline-offset-4 hover:underline focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring"
            >
              {tenant.name}
            </Link>
          </TableCell>
          <TableCell className="font-mono text-xs">/t/{tenant.slug}</TableCell>
          <TableCell className="text-right tabular-nums">{tenant.member_count}</TableCell>
          <TableCell className="text-right tabular-nums">{tenant.admin_count}</TableCell>
          <TableCell className="whitespace-nowrap">{date(tenant.created_at)}</TableCell>
        </>
      )}
    />
  );
}
