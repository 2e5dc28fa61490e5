import type { RouteObject } from "react-router";

/** Pages of the trash inside a workspace (/t/:slug/trash). */
export const trashRoutes: RouteObject[] = [
  {
    path: "trash",
    lazy: () => import("./components/trash-page.tsx").then((m) => ({ Component: m.TrashPage })),
  },
];
