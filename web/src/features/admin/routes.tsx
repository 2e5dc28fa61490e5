import { Navigate, type RouteObject } from "react-router";

/**
 * The platform console, outside every workspace: its own sign-in and, behind the super admin
 * gate, tenants and users. Listed at the top level of the app router.
 */
export const adminRoutes: RouteObject[] = [
  {
    path: "admin/sign-in",
    lazy: () => import("./components/admin-sign-in-page.tsx").then((m) => ({ Component: m.AdminSignInPage })),
  },
  {
    path: "admin",
    lazy: () => import("./components/admin-gate.tsx").then((m) => ({ Component: m.AdminGate })),
    children: [
      { index: true, element: <Navigate to="/admin/tenants" replace /> },
      {
        path: "tenants",
        lazy: () => import("./components/tenants/tenants-page.tsx").then((m) => ({ Component: m.AdminTenantsPage })),
      },
      {
        path: "tenants/:tenantId",
        lazy: () => import("./components/tenants/tenant-detail-page.tsx").then((m) => ({ Component: m.AdminTenantDetailPage })),
      },
      {
        path: "users",
        lazy: () => import("./components/users/users-page.tsx").then((m) => ({ Component: m.AdminUsersPage })),
      },
      {
        path: "users/:userId",
        lazy: () => import("./components/users/user-detail-page.tsx").then((m) => ({ Component: m.AdminUserDetailPage })),
      },
      {
        path: "*",
        lazy: () => import("./components/admin-not-found.tsx").then((m) => ({ Component: m.AdminNotFound })),
      },
    ],
  },
];
