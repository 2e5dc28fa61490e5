import type { RouteObject } from "react-router";

/** The account's security pages, inside the signed-in app frame (AppLayout). */
export const accountSecurityRoutes: RouteObject[] = [
  {
    path: "account/security",
    lazy: () => import("./components/security-page.tsx").then((m) => ({ Component: m.SecurityPage })),
  },
  {
    path: "account/security/two-factor",
    lazy: () => import("./components/two-factor-setup-page.tsx").then((m) => ({ Component: m.TwoFactorSetupPage })),
  },
  {
    path: "account/delete",
    lazy: () => import("./components/delete-account-page.tsx").then((m) => ({ Component: m.DeleteAccountPage })),
  },
];

/** Screens in the narrow account-access frame (AuthLayout): the sign-in code step and the goodbye after deletion. */
export const securityAuthRoutes: RouteObject[] = [
  {
    path: "sign-in/two-factor",
    lazy: () => import("./components/two-factor-challenge-page.tsx").then((m) => ({ Component: m.TwoFactorChallengePage })),
  },
  {
    path: "goodbye",
    lazy: () => import("./components/goodbye-page.tsx").then((m) => ({ Component: m.GoodbyePage })),
  },
];
