import { useTenant } from "../../../tenants/hooks/current-tenant.tsx";

/** The document title of a records page: what it shows, then the workspace. */
export function PageTitle({ children }: { children: string }) {
  const tenant = useTenant();
  return <title>{`${children} · ${tenant.tenant.name}`}</title>;
}
