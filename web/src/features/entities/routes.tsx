import type { RouteObject } from "react-router";

/**
 * Pages of the entities feature inside a workspace (/t/:slug/...): the Records index, a
 * blueprint's grid, and (from the records screens) a new record and a record's page.
 */
export const entityRoutes: RouteObject[] = [
  {
    path: "records",
    lazy: () => import("./components/grid/records-index-page.tsx").then((m) => ({ Component: m.RecordsIndexPage })),
  },
  {
    path: "records/:blueprintKey",
    lazy: () => import("./components/grid/grid-page.tsx").then((m) => ({ Component: m.GridPage })),
  },
  {
    path: "records/:blueprintKey/new",
    lazy: () => import("./components/record/record-create-page.tsx").then((m) => ({ Component: m.RecordCreatePage })),
  },
  {
    path: "records/:blueprintKey/board",
    lazy: () => import("./components/kanban/board-page.tsx").then((m) => ({ Component: m.BoardPage })),
  },
  {
    path: "records/:blueprintKey/:entityId",
    lazy: () => import("./components/record/record-page.tsx").then((m) => ({ Component: m.RecordPage })),
  },
];
