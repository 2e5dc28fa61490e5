import type { RouteObject } from "react-router";

/** Pages of the flows feature inside a workspace (/t/:slug/flows/...). */
export const flowRoutes: RouteObject[] = [
  {
    path: "flows",
    lazy: () => import("./components/flows-page.tsx").then((m) => ({ Component: m.FlowsPage })),
  },
  {
    path: "flows/:blueprintId",
    lazy: () => import("./components/flow-designer-page.tsx").then((m) => ({ Component: m.FlowDesignerPage })),
  },
];
