import type { RouteObject } from "react-router";

/** Pages of the members feature inside a workspace (/t/:slug/...). */
export const memberRoutes: RouteObject[] = [
  {
    path: "members",
    lazy: () => import("./components/members-page.tsx").then((m) => ({ Component: m.MembersPage })),
  },
  {
    path: "members/access",
    lazy: () => import("./components/explain-page.tsx").then((m) => ({ Component: m.ExplainPage })),
  },
  {
    path: "roles",
    lazy: () => import("./components/roles-page.tsx").then((m) => ({ Component: m.RolesPage })),
  },
  {
    path: "roles/:roleId",
    lazy: () => import("./components/role-page.tsx").then((m) => ({ Component: m.RolePage })),
  },
];

/**
 * The page invitation mails link to (the server's default accept page is
 * SITE_URL + /invitations/accept). It lives outside any workspace and works signed out.
 */
export const invitationRoutes: RouteObject[] = [
  {
    path: "invitations/accept",
    lazy: () => import("./components/accept-invitation-page.tsx").then((m) => ({ Component: m.AcceptInvitationPage })),
  },
];
