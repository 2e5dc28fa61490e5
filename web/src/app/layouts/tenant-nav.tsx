import type { TFunction } from "i18next";
import { LayoutDashboard, type LucideIcon } from "lucide-react";
import type { CurrentTenant } from "../../features/tenants/hooks/current-tenant.tsx";

/** Every namespace a nav label may come from: `(t) => t("members:nav")`. */
export const NAV_NAMESPACES = ["translation", "tenants", "members", "blueprints", "entities", "flows", "trash", "audit"] as const;
type NavNamespaces = typeof NAV_NAMESPACES;

export type TenantNavItem = {
  /** Path under /t/:slug ("" for the overview). */
  to: string;
  label: (t: TFunction<NavNamespaces>) => string;
  icon: LucideIcon;
  /** Shown only to members who may use it; the database still checks every call. */
  visible?: (tenant: CurrentTenant) => boolean;
};

/**
 * The workspace's sections, in the order of the sidebar. A feature adds its entry here when
 * its pages exist (see its routes.tsx).
 */
export const TENANT_NAV: TenantNavItem[] = [{ to: "", label: (t) => t("tenants:nav.home"), icon: LayoutDashboard }];
