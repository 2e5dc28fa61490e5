import type { QueryClient } from "@tanstack/react-query";
import { supabase } from "../../../lib/supabase.ts";
import { blueprintQueryOptions } from "./blueprint-query.ts";

/**
 * Everything a grid shows first, started from the address alone while the page's code is
 * still loading (the route's loader): the blueprint by tenant slug and key, then at once what
 * the member may do with it, the saved views, the member names, and the first page and count
 * of the grid as the address opens it. The workspace's queries find them in the cache; a
 * failure here is left for those queries to show (and retry). Only the blueprint lookup is
 * part of the app's first download; the rest arrives with the grid's own code.
 */
export async function prefetchGridRoute(
  queryClient: QueryClient,
  slug: string,
  blueprintKey: string,
  viewId: string | null,
): Promise<void> {
  const { data } = await supabase.auth.getSession();
  const userId = data.session?.user.id;
  if (!userId) return;
  const [context, access, pages, views, names, viewConfig] = await Promise.all([
    queryClient.ensureQueryData(blueprintQueryOptions(slug, blueprintKey)).catch(() => null),
    import("./access-query.ts"),
    import("./entities-page-query.ts"),
    import("./saved-views-query.ts"),
    import("./member-names-query.ts"),
    import("../components/grid/view-config.ts"),
  ]);
  if (!context) return;
  const { id: blueprintId, tenant_id: tenantId } = context.blueprint;
  const savedViews = views.savedViewsQueryOptions(blueprintId, userId);
  const viewsLoaded = queryClient.prefetchQuery(savedViews);
  const openedGrid = async () => {
    if (!viewId) return viewConfig.DEFAULT_GRID_STATE;
    await viewsLoaded;
    return queryClient.getQueryData(savedViews.queryKey)?.find((view) => view.id === viewId)?.state ?? null;
  };
  await Promise.all([
    viewsLoaded,
    queryClient.prefetchQuery(access.accessQueryOptions(tenantId, userId, blueprintId)),
    queryClient.prefetchQuery(names.memberNamesQueryOptions(tenantId)),
    openedGrid().then((state) =>
      state ? pages.prefetchGrid(queryClient, blueprintId, viewConfig.gridQueryParams(state)) : undefined,
    ),
  ]);
}
