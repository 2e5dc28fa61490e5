import type { TFunction } from "i18next";
import {
  LayoutDashboard,
  type LucideIcon,
  Rows3,
  ScrollText,
  Settings,
  Shapes,
  ShieldCheck,
  Trash2,
  Users,
  Workflow,
} from "lucide-react";
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
export const TENANT_NAV: TenantNavItem[] = [
  { to: "", label: (t) => t("tenants:nav.home"), icon: LayoutDashboard },
  { to: "records", label: (t) => t("entities:nav"), icon: Rows3 },
  { to: "blueprints", label: (t) => t("blueprints:nav"), icon: Shapes, visible: (tenant) => tenant.can("manage_blueprints") },
  { to: "flows", label: (t) => t("flows:nav"), icon: Workflow, visible: (tenant) => tenant.can("manage_flows") },
  { to: "trash", label: (t) => t("trash:nav"), icon: Trash2 },
  { to: "audit", label: (t) => t("audit:nav"), icon: ScrollText, visible: (tenant) => tenant.can("view_audit") },
  { to: "members", label: (t) => t("members:nav"), icon: Users },
  { to: "roles", label: (t) => t("members:rolesNav"), icon: ShieldCheck, visible: (tenant) => tenant.can("manage_roles") },
  { to: "settings", label: (t) => t("tenants:settings.nav"), icon: Settings, visible: (tenant) => tenant.can("manage_settings") },
];
