import type { RouteObject } from "react-router";

/** Pages of the tenants feature inside a workspace (/t/:slug/...). */
export const tenantRoutes: RouteObject[] = [
  {
    index: true,
    lazy: () => import("./components/tenant-home-page.tsx").then((m) => ({ Component: m.TenantHomePage })),
  },
];
