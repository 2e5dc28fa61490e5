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

export type TenantNavItem = {
  /** Path under /t/:slug ("" for the overview). */
  to: string;
  /** From the shared catalogue (`nav.sections`), so the sidebar never waits for a feature's texts. */
  label: (t: TFunction) => string;
  icon: LucideIcon;
  /** Shown only to members who may use it; the database still checks every call. */
  visible?: (tenant: CurrentTenant) => boolean;
};

/**
 * The workspace's sections, in the order of the sidebar. A feature adds its entry here when
 * its pages exist (see its routes.tsx).
 */
export const TENANT_NAV: TenantNavItem[] = [
  { to: "", label: (t) => t("nav.sections.home"), icon: LayoutDashboard },
  { to: "records", label: (t) => t("nav.sections.records"), icon: Rows3 },
  {
    to: "blueprints",
    label: (t) => t("nav.sections.blueprints"),
    icon: Shapes,
    visible: (tenant) => tenant.can("manage_blueprints"),
  },
  { to: "flows", label: (t) => t("nav.sections.flows"), icon: Workflow, visible: (tenant) => tenant.can("manage_flows") },
  { to: "trash", label: (t) => t("nav.sections.trash"), icon: Trash2 },
  { to: "audit", label: (t) => t("nav.sections.audit"), icon: ScrollText, visible: (tenant) => tenant.can("view_audit") },
  { to: "members", label: (t) => t("nav.sections.members"), icon: Users },
  { to: "roles", label: (t) => t("nav.sections.roles"), icon: ShieldCheck, visible: (tenant) => tenant.can("manage_roles") },
  {
    to: "settings",
    label: (t) => t("nav.sections.settings"),
    icon: Settings,
    visible: (tenant) => tenant.can("manage_settings"),
  },
];
