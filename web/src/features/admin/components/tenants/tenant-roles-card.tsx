import { useTranslation } from "react-i18next";
import { Badge } from "../../../../components/ui/badge.tsx";
import { Card, CardContent, CardHeader, CardTitle } from "../../../../components/ui/card.tsx";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "../../../../components/ui/table.tsx";
import type { AdminTenantDetail } from "../../lib/admin-types.ts";

/** The tenant's roles with what each may do and how many members hold it. */
export function TenantRolesCard({ tenant }: { tenant: AdminTenantDetail }) {
  const { t } = useTranslation("admin");
  return (
    <Card aria-labelledby="admin-tenant-roles">
      <CardHeader>
        <CardTitle id="admin-tenant-roles">{t("tenant.roles")}</CardTitle>
      </CardHeader>
      <CardContent>
        <Table>
          <TableHeader>
            <TableRow>
              <TableHead>{t("tenant.roleName")}</TableHead>
              <TableHead>{t("tenant.capabilities")}</TableHead>
              <TableHead className="text-right">{t("tenant.roleMembers")}</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {tenant.roles.map((role) => (
              <TableRow key={role.id}>
                <TableCell>
                  <span className="font-medium">{role.name}</span>{" "}
                  <span className="font-mono text-xs text-muted-foreground">{role.key}</span>{" "}
                  {role.builtin ? <Badge variant="outline">{t("tenant.builtin")}</Badge> : null}
                </TableCell>
                <TableCell className="max-w-96 text-xs text-muted-foreground">
                  {role.capabilities.length > 0 ? role.capabilities.join(", ") : t("tenant.noCapabilities")}
                </TableCell>
                <TableCell className="text-right tabular-nums">{role.member_count}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </CardContent>
    </Card>
  );
}
