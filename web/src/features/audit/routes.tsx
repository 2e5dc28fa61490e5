import type { RouteObject } from "react-router";

/** Pages of the audit log inside a workspace (/t/:slug/audit). */
export const auditRoutes: RouteObject[] = [
  {
    path: "audit",
    lazy: () => import("./components/audit-page.tsx").then((m) => ({ Component: m.AuditPage })),
  },
];
