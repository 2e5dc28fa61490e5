import { createBrowserRouter, type RouteObject } from "react-router";
import { adminRoutes } from "../features/admin/routes.tsx";
import { auditRoutes } from "../features/audit/routes.tsx";
import { blueprintRoutes } from "../features/blueprints/routes.tsx";
import { entityRoutes } from "../features/entities/routes.tsx";
import { flowRoutes } from "../features/flows/routes.tsx";
import { invitationRoutes, memberRoutes } from "../features/members/routes.tsx";
import { RequireSecondFactor } from "../features/security/components/second-factor-gate.tsx";
import { accountSecurityRoutes, securityAuthRoutes } from "../features/security/routes.tsx";
import { prefetchWorkspace } from "../features/tenants/api/workspace-prefetch.ts";
import { tenantSettingsRoutes } from "../features/tenants/components/settings/settings-routes.tsx";
import { tenantRoutes } from "../features/tenants/routes.tsx";
import { trashRoutes } from "../features/trash/routes.tsx";
import { loadPageTexts } from "../lib/i18n.ts";
import { queryClient } from "../lib/query-client.ts";
import { NotFoundScreen, RouteErrorScreen } from "./error-boundary.tsx";
import { AuthLayout } from "./layouts/auth-layout.tsx";
import { FullPageSkeleton } from "./page-skeleton.tsx";
import { RootRoute } from "./root-route.tsx";
import { RequireNoSession, RequireSession } from "./route-guards.tsx";

// Each screen is its own chunk: the first load only fetches the screen it shows.
const signIn = () => import("../features/auth/components/sign-in-page.tsx").then((m) => ({ Component: m.SignInPage }));
const signUp = () => import("../features/auth/components/sign-up-page.tsx").then((m) => ({ Component: m.SignUpPage }));
const checkInbox = () =>
  import("../features/auth/components/check-inbox-page.tsx").then((m) => ({ Component: m.CheckInboxPage }));
const forgotPassword = () =>
  import("../features/auth/components/forgot-password-page.tsx").then((m) => ({ Component: m.ForgotPasswordPage }));
const resetPassword = () =>
  import("../features/auth/components/reset-password-page.tsx").then((m) => ({ Component: m.ResetPasswordPage }));
const authCallback = () =>
  import("../features/auth/components/auth-callback-page.tsx").then((m) => ({ Component: m.AuthCallbackPage }));
const account = () => import("../features/account/components/account-page.tsx").then((m) => ({ Component: m.AccountPage }));
const createTenant = () =>
  import("../features/tenants/components/create-tenant-page.tsx").then((m) => ({ Component: m.CreateTenantPage }));
const home = () => import("../features/tenants/components/home-redirect.tsx").then((m) => ({ Component: m.HomeRedirect }));
const appLayout = () => import("./layouts/app-layout.tsx").then((m) => ({ Component: m.AppLayout }));
const tenantLayout = () => import("./layouts/tenant-layout.tsx").then((m) => ({ Component: m.TenantLayout }));
/** Starts the workspace frame's data alongside its code, and has its texts ready when it renders. */
const loadTenantFrame = () => {
  void prefetchWorkspace(queryClient);
  return loadPageTexts(["tenants", "security"]);
};

/** Every page inside a workspace, from each feature's routes.tsx. */
const tenantChildren: RouteObject[] = [
  ...tenantRoutes,
  ...tenantSettingsRoutes,
  ...trashRoutes,
  ...auditRoutes,
  ...entityRoutes,
  ...flowRoutes,
  ...blueprintRoutes,
  ...memberRoutes,
];

/** The route tree: guards decide who may see a branch, layouts frame it, screens load lazily. */
export function createAppRouter() {
  return createBrowserRouter([
    {
      element: <RootRoute />,
      errorElement: <RouteErrorScreen />,
      HydrateFallback: FullPageSkeleton,
      children: [
        {
          element: <AuthLayout />,
          children: [
            {
              element: <RequireNoSession />,
              children: [
                { path: "sign-in", lazy: signIn },
                { path: "sign-up", lazy: signUp },
                { path: "sign-up/check-inbox", lazy: checkInbox },
                { path: "forgot-password", lazy: forgotPassword },
              ],
            },
            // Reached from links that sign the user in, so they must work with a session too.
            { path: "reset-password", lazy: resetPassword },
            { path: "auth/callback", lazy: authCallback },
            // Invitation mails link here; it works signed out (it leads to signing in and back).
            ...invitationRoutes,
            ...securityAuthRoutes,
          ],
        },
        {
          element: <RequireSession />,
          children: [
            { element: <RequireSecondFactor />, children: [{ index: true, lazy: home }] },
            {
              lazy: appLayout,
              children: [
                { path: "account", lazy: account },
                ...accountSecurityRoutes,
                { path: "tenants/new", lazy: createTenant },
              ],
            },
            {
              path: "t/:slug",
              lazy: tenantLayout,
              loader: loadTenantFrame,
              shouldRevalidate: () => false,
              children: tenantChildren,
            },
          ],
        },
        // The platform console: its own sign-in and guard, outside every workspace.
        ...adminRoutes,
        { path: "*", element: <NotFoundScreen /> },
      ],
    },
  ]);
}
