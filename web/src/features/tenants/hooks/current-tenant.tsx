import { createContext, type ReactNode, useContext, useMemo } from "react";
import { useTranslation } from "react-i18next";
import { formatDateTime } from "../../../lib/format.ts";
import type { Membership } from "../api/my-tenants-query.ts";
import type { Capability } from "../lib/capabilities.ts";

export type CurrentTenant = Membership & {
  /** Whether the user's roles hold the capability (UI only: the database decides again on every call). */
  can: (capability: Capability) => boolean;
  /** A date and time as the tenant reads it: its time zone, the user's language. */
  formatDateTime: (iso: string | null | undefined) => string;
  /** Path inside this tenant, e.g. `path("members")` → `/t/acme/members`. */
  path: (sub?: string) => string;
};

const TenantContext = createContext<CurrentTenant | null>(null);

export function TenantProvider({ membership, children }: { membership: Membership; children: ReactNode }) {
  const { i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? "en";
  const value = useMemo<CurrentTenant>(() => {
    const base = `/t/${membership.tenant.slug}`;
    return {
      ...membership,
      can: (capability) => membership.isAdmin || membership.capabilities.has(capability),
      formatDateTime: (iso) => formatDateTime(iso, language, membership.tenant.timezone),
      path: (sub) => (sub ? `${base}/${sub.replace(/^\//, "")}` : base),
    };
  }, [membership, language]);
  return <TenantContext.Provider value={value}>{children}</TenantContext.Provider>;
}

/** The tenant of the current page (everything under /t/:slug). */
export function useTenant(): CurrentTenant {
  const value = useContext(TenantContext);
  if (!value) throw new Error("useTenant() is only available on pages under /t/:slug");
  return value;
}
