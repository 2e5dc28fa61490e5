import { ShieldAlert } from "lucide-react";
import { useTranslation } from "react-i18next";
import { EmptyState } from "../../../../components/ui/empty-state.tsx";
import { PageHeader } from "../../../../components/ui/page-header.tsx";
import { useTenant } from "../../hooks/current-tenant.tsx";
import { DeleteTenantCard } from "./delete-tenant-card.tsx";
import { ModulesCard } from "./modules-card.tsx";
import { SettingsForm } from "./settings-form.tsx";

/** /t/:slug/settings: the workspace's settings for members with manage_settings. */
export function TenantSettingsPage() {
  const { t } = useTranslation("tenants");
  const { t: tc } = useTranslation();
  const tenant = useTenant();
  const title = `${t("settings.title")} · ${tenant.tenant.name} · ${tc("app.name")}`;
  if (!tenant.can("manage_settings")) {
    return (
      <div className="grid gap-6">
        <title>{title}</title>
        <PageHeader title={t("settings.title")} />
        <EmptyState icon={<ShieldAlert />} title={t("settings.noAccess.title")} description={t("settings.noAccess.body")} />
      </div>
    );
  }
  return (
    <div className="grid max-w-3xl gap-6">
      <title>{title}</title>
      <PageHeader
        title={t("settings.title")}
        description={t("settings.description", { name: tenant.tenant.name })}
        className="mb-0"
      />
      <SettingsForm key={tenant.tenant.id} tenant={tenant.tenant} />
      <ModulesCard tenant={tenant.tenant} />
      <DeleteTenantCard tenant={tenant.tenant} isAdmin={tenant.isAdmin} />
    </div>
  );
}
