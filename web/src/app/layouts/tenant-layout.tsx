import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { NavLink, useParams } from "react-router";
import { Button } from "../../components/ui/button.tsx";
import { cn } from "../../components/ui/cn.ts";
import { useSession } from "../../features/auth/hooks/session.tsx";
import { SecondFactorGate } from "../../features/security/components/second-factor-gate.tsx";
import { useMyTenantsQuery } from "../../features/tenants/api/my-tenants-query.ts";
import { TenantSwitcher } from "../../features/tenants/components/tenant-switcher.tsx";
import { TenantProvider, useTenant } from "../../features/tenants/hooks/current-tenant.tsx";
import { rememberTenant } from "../../features/tenants/lib/last-tenant.ts";
import { applyTenantLanguage } from "../../lib/i18n.ts";
import { PageSkeleton } from "../page-skeleton.tsx";
import { AppHeader } from "./app-layout.tsx";
import { SkipLink } from "./brand.tsx";
import { PageOutlet } from "./page-outlet.tsx";
import { TENANT_NAV } from "./tenant-nav.tsx";

function TenantNav() {
  const { t } = useTranslation();
  const tenant = useTenant();
  const items = TENANT_NAV.filter((item) => item.visible?.(tenant) ?? true);
  return (
    <nav aria-label={t("nav.workspace")} className="md:w-56 md:shrink-0">
      <ul className="flex gap-1 overflow-x-auto pb-1 md:flex-col md:overflow-visible md:pb-0">
        {items.map((item) => (
          <li key={item.to} className="shrink-0">
            <NavLink
              to={tenant.path(item.to)}
              end={item.to === ""}
              className={({ isActive }) =>
                cn(
                  "flex items-center gap-2 rounded-md px-3 py-2 text-sm font-medium whitespace-nowrap",
                  "focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring",
                  isActive
                    ? "bg-secondary text-secondary-foreground"
                    : "text-muted-foreground hover:bg-muted hover:text-foreground",
                )
              }
            >
              <item.icon aria-hidden="true" className="size-4" />
              {item.label(t)}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function TenantNotFound() {
  const { t } = useTranslation("tenants");
  return (
    <div className="mx-auto grid max-w-md gap-4 py-16 text-center">
      <title>{t("notFound.title")}</title>
      <h1 className="text-2xl font-semibold">{t("notFound.title")}</h1>
      <p className="text-muted-foreground">{t("notFound.body")}</p>
      <div>
        <Button asChild>
          <NavLink to="/">{t("notFound.back")}</NavLink>
        </Button>
      </div>
    </div>
  );
}

/**
 * Frame of every page under /t/:slug: the workspace switcher, the sections the member may
 * use, and the page. The workspace comes from the live membership list (RLS), so a removed
 * member lands on "not found" instead of a broken page.
 */
export function TenantLayout() {
  const { slug } = useParams();
  const session = useSession();
  const tenants = useMyTenantsQuery(session.session?.user.id ?? "");
  const membership = tenants.data?.find((m) => m.tenant.slug === slug);

  useEffect(() => {
    if (!membership) return;
    rememberTenant(membership.tenant.slug);
    void applyTenantLanguage(membership.tenant.language);
  }, [membership]);

  if (tenants.isError) throw tenants.error;
  return (
    <div className="flex min-h-dvh flex-col">
      <SkipLink />
      <AppHeader wide>
        {membership && tenants.data ? <TenantSwitcher current={membership} memberships={tenants.data} /> : null}
      </AppHeader>
      <SecondFactorGate wide>
        {tenants.isPending ? (
          <main id="main" tabIndex={-1} className="flex-1 px-4 py-8 focus:outline-none">
            <PageSkeleton />
          </main>
        ) : membership ? (
          <TenantProvider membership={membership}>
            <div className="flex w-full flex-1 flex-col gap-4 px-4 py-4 sm:px-6 md:flex-row md:gap-8 md:py-8">
              <TenantNav />
              <main id="main" tabIndex={-1} className="min-w-0 flex-1 focus:outline-none">
                <PageOutlet />
              </main>
            </div>
          </TenantProvider>
        ) : (
          <main id="main" tabIndex={-1} className="flex-1 px-4 py-8 focus:outline-none">
            <TenantNotFound />
          </main>
        )}
      </SecondFactorGate>
    </div>
  );
}
