import type { RouteObject } from "react-router";

const designer = () => import("./components/designer-page.tsx").then((m) => ({ Component: m.DesignerPage }));

/** Pages of the blueprints feature inside a workspace (/t/:slug/blueprints/...). */
export const blueprintRoutes: RouteObject[] = [
  {
    path: "blueprints",
    lazy: () => import("./components/blueprints-page.tsx").then((m) => ({ Component: m.BlueprintsPage })),
  },
  { path: "blueprints/new", lazy: designer },
  { path: "blueprints/:blueprintId", lazy: designer },
  {
    path: "blueprints/:blueprintId/versions",
    lazy: () => import("./components/versions-page.tsx").then((m) => ({ Component: m.VersionsPage })),
  },
  {
    path: "blueprints/:blueprintId/migrate",
    lazy: () => import("./components/migration-page.tsx").then((m) => ({ Component: m.MigrationPage })),
  },
];
