import { ChevronRight } from "lucide-react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { TENANT_NAV } from "../../../app/layouts/tenant-nav.tsx";
import { Badge } from "../../../components/ui/badge.tsx";
import { PageHeader } from "../../../components/ui/page-header.tsx";
import { useTenant } from "../hooks/current-tenant.tsx";

/** /t/:slug: where the member lands; says who they are here and leads to every section they may use. */
export function TenantHomePage() {
  const { t } = useTranslation("tenants");
  const { t: tc } = useTranslation();
  const tenant = useTenant();
  const sections = TENANT_NAV.filter((item) => item.to !== "" && (item.visible?.(tenant) ?? true));
  return (
    <div className="grid gap-6">
      <title>{`${tenant.tenant.name} · ${tc("app.name")}`}</title>
      <PageHeader
        title={t("home.title", { name: tenant.tenant.name })}
        description={t("home.description")}
        actions={
          <p className="flex flex-wrap items-center gap-1 text-sm text-muted-foreground">
            {t("home.roles")}
            {tenant.roles.map((role) => (
              <Badge key={role.id}>{role.name}</Badge>
            ))}
          </p>
        }
      />
      {sections.length > 0 ? (
        <section aria-labelledby="tenant-sections">
          <h2 id="tenant-sections" className="mb-3 text-lg font-semibold">
            {t("home.gettingStarted")}
          </h2>
          <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
            {sections.map((item) => (
              <li key={item.to}>
                <Link
                  to={tenant.path(item.to)}
                  className="flex items-center gap-3 rounded-xl border bg-card p-4 font-medium shadow-sm hover:bg-muted focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring"
                >
                  <item.icon aria-hidden="true" className="size-5 text-primary" />
                  <span className="flex-1">{item.label(tc)}</span>
                  <ChevronRight aria-hidden="true" className="size-4 text-muted-foreground" />
                </Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
