import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { Badge } from "../../../../components/ui/badge.tsx";
import { Button } from "../../../../components/ui/button.tsx";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "../../../../components/ui/card.tsx";
import { ConfirmDialog } from "../../../../components/ui/dialog.tsx";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "../../../../components/ui/table.tsx";
import { toast } from "../../../../components/ui/toast.ts";
import { useApiErrorText } from "../../../../lib/api-error-text.ts";
import { useAdminDeleteObjectMutation } from "../../api/tenants.ts";
import type { AdminTenantDetail } from "../../lib/admin-types.ts";
import { useAdminDates } from "../use-admin-dates.ts";

/** Who belongs to the tenant with which roles; removing someone is a tenant_members row deletion. */
export function TenantMembersCard({ tenant }: { tenant: AdminTenantDetail }) {
  const { t } = useTranslation("admin");
  const errorText = useApiErrorText();
  const date = useAdminDates();
  const remove = useAdminDeleteObjectMutation(tenant.id);
  return (
    <Card aria-labelledby="admin-tenant-members">
      <CardHeader>
        <CardTitle id="admin-tenant-members">{t("tenant.members", { count: tenant.members.length })}</CardTitle>
        <CardDescription>{t("tenant.membersHint")}</CardDescription>
      </CardHeader>
      <CardContent>
        {tenant.members.length === 0 ? (
          <p className="text-sm text-muted-foreground">{t("tenant.noMembers")}</p>
        ) : (
          <Table>
            <TableHeader>
              <TableRow>
                <TableHead>{t("users.columns.email")}</TableHead>
                <TableHead>{t("users.columns.name")}</TableHead>
                <TableHead>{t("tenant.roles")}</TableHead>
                <TableHead>{t("tenant.joined")}</TableHead>
                <TableHead className="text-right">{t("actions")}</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {tenant.members.map((member) => {
                const who = member.email ?? member.user_id;
                return (
                  <TableRow key={member.user_id}>
                    <TableCell className="max-w-64">
                      <Link
                        to={`/admin/users/${member.user_id}`}
                        className="break-all text-primary underline-offset-4 hover:underline focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring"
                      >
                        {who}
                      </Link>
                    </TableCell>
                    <TableCell>{member.full_name || "—"}</TableCell>
                    <TableCell>
                      <span className="flex flex-wrap gap-1">
                        {member.role_keys.map((key) => (
                          <Badge key={key} variant="outline">
                            {key}
                          </Badge>
                        ))}
                      </span>
                    </TableCell>
                    <TableCell className="whitespace-nowrap">{date(member.joined_at)}</TableCell>
                    <TableCell className="text-right">
                      <ConfirmDialog
                        trigger={
                          <Button size="sm" variant="outline" aria-label={t("tenant.removeMemberLabel", { who })}>
                            {t("tenant.removeMember")}
                          </Button>
                        }
                        title={t("tenant.removeTitle", { who })}
                        description={t("tenant.removeBody", { who, tenant: tenant.name })}
                        confirmLabel={t("tenant.removeMember")}
                        cancelLabel={t("cancel")}
                        onConfirm={() =>
                          remove.mutate(
                            { table: "tenant_members", key: { user_id: member.user_id } },
                            {
                              onSuccess: () => toast.success(t("tenant.removed", { who })),
                              onError: (error) => toast.error(errorText(error)),
                            },
                          )
                        }
                      />
                    </TableCell>
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
        )}
      </CardContent>
    </Card>
  );
}
