import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate, useParams } from "react-router";
import { Button } from "../../../../components/ui/button.tsx";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "../../../../components/ui/card.tsx";
import { PageHeader } from "../../../../components/ui/page-header.tsx";
import { toast } from "../../../../components/ui/toast.ts";
import { useApiErrorText } from "../../../../lib/api-error-text.ts";
import { useAdminDeleteTenantMutation, useAdminTenantQuery } from "../../api/tenants.ts";
import { RecordPage } from "../record-page.tsx";
import { TypeToConfirmDialog } from "../type-to-confirm-dialog.tsx";
import { useAdminDates } from "../use-admin-dates.ts";
import { TenantMembersCard } from "./tenant-members-card.tsx";
import { TenantObjectsCard } from "./tenant-objects-card.tsx";
import { TenantRolesCard } from "./tenant-roles-card.tsx";
import { TenantSettingsCard } from "./tenant-settings-card.tsx";

/** /admin/tenants/:tenantId: one tenant whole, with what platform staff may change or delete. */
export function AdminTenantDetailPage() {
  const { t } = useTranslation("admin");
  const errorText = useApiErrorText();
  const date = useAdminDates();
  const navigate = useNavigate();
  const { tenantId = "" } = useParams();
  const tenant = useAdminTenantQuery(tenantId);
  const remove = useAdminDeleteTenantMutation(tenantId);
  const [deleting, setDeleting] = useState(false);

  return (
    <RecordPage kind="tenant" query={tenant} name={(detail) => detail.name}>
      {(detail) => (
        <>
          <PageHeader
            title={detail.name}
            description={t("tenant.summary", { slug: detail.slug, date: date(detail.created_at), zone: detail.timezone })}
            className="mb-0"
          />
          <TenantSettingsCard key={detail.id} tenant={detail} />
          <TenantMembersCard tenant={detail} />
          <TenantRolesCard tenant={detail} />
          <TenantObjectsCard tenant={detail} />
          <Card aria-labelledby="admin-tenant-danger" className="border-destructive/50">
            <CardHeader>
              <CardTitle id="admin-tenant-danger" className="text-destructive">
                {t("tenant.dangerTitle")}
              </CardTitle>
              <CardDescription>{t("tenant.deleteHint", { name: detail.name })}</CardDescription>
            </CardHeader>
            <CardContent>
              <Button variant="destructive" onClick={() => setDeleting(true)}>
                {t("tenant.delete")}
              </Button>
            </CardContent>
          </Card>
          <TypeToConfirmDialog
            open={deleting}
            onOpenChange={(open) => {
              setDeleting(open);
              if (!open) remove.reset();
            }}
            title={t("tenant.deleteTitle", { name: detail.name })}
            description={<p>{t("tenant.deleteBody", { name: detail.name, members: detail.members.length })}</p>}
            expected={detail.slug}
            label={t("tenant.deleteConfirmLabel", { slug: detail.slug })}
            confirmLabel={t("tenant.delete")}
            pending={remove.isPending}
            error={remove.error ? errorText(remove.error) : null}
            onConfirm={() =>
              remove.mutate(detail.slug, {
                onSuccess: () => {
                  toast.success(t("tenant.deleted", { name: detail.name }));
                  navigate("/admin/tenants", { replace: true });
                },
              })
            }
          />
        </>
      )}
    </RecordPage>
  );
}
