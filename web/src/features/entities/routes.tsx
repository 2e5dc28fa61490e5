import type { RouteObject } from "react-router";
import { loadPageTexts } from "../../lib/i18n.ts";
import { queryClient } from "../../lib/query-client.ts";
import { prefetchGridRoute } from "./api/grid-prefetch.ts";

/**
 * Pages of the entities feature inside a workspace (/t/:slug/...): the Records index, a
 * blueprint's grid, and (from the records screens) a new record and a record's page. Each
 * has its texts loaded alongside its code (loadPageTexts).
 */
const texts = () => loadPageTexts(["entities"]);

export const entityRoutes: RouteObject[] = [
  {
    path: "records",
    loader: texts,
    lazy: () => import("./components/grid/records-index-page.tsx").then((m) => ({ Component: m.RecordsIndexPage })),
  },
  {
    path: "records/:blueprintKey",
    // Starts the grid's requests alongside its code instead of after it; waits for its texts only.
    loader: ({ params, request }) => {
      const viewId = new URL(request.url).searchParams.get("view");
      void prefetchGridRoute(queryClient, params.slug ?? "", params.blueprintKey ?? "", viewId);
      return texts();
    },
    shouldRevalidate: ({ currentUrl, nextUrl }) => currentUrl.search !== nextUrl.search,
    lazy: () => import("./components/grid/grid-page.tsx").then((m) => ({ Component: m.GridPage })),
  },
  {
    path: "records/:blueprintKey/new",
    loader: texts,
    lazy: () => import("./components/record/record-create-page.tsx").then((m) => ({ Component: m.RecordCreatePage })),
  },
  {
    path: "records/:blueprintKey/board",
    loader: texts,
    lazy: () => import("./components/kanban/board-page.tsx").then((m) => ({ Component: m.BoardPage })),
  },
  {
    path: "records/:blueprintKey/:entityId",
    loader: texts,
    lazy: () => import("./components/record/record-page.tsx").then((m) => ({ Component: m.RecordPage })),
  },
];
