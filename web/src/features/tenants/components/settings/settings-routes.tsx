import type { RouteObject } from "react-router";

/** The settings page inside a workspace (/t/:slug/settings), listed in the app router's tenant children. */
export const tenantSettingsRoutes: RouteObject[] = [
  {
    path: "settings",
    lazy: () => import("./settings-page.tsx").then((m) => ({ Component: m.TenantSettingsPage })),
  },
];
