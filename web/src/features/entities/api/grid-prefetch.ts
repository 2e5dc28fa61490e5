import type { QueryClient } from "@tanstack/react-query";
import { supabase } from "../../../lib/supabase.ts";
import { DEFAULT_GRID_STATE, gridQueryParams } from "../components/grid/grid-state.ts";
import { accessQueryOptions } from "./access-query.ts";
import { blueprintQueryOptions } from "./blueprint-query.ts";
import { prefetchGrid } from "./entities-page-query.ts";
import { memberNamesQueryOptions } from "./member-names-query.ts";

/**
 * Everything a grid shows first, started from the address alone while the page's code is
 * still loading (the route's loader): the blueprint by tenant slug and key, then at once what
 * the member may do with it, the member names, the saved views, and the first page and count
 * of the grid as the address opens it. The workspace's queries find them in the cache; a
 * failure here is left for those queries to show (and retry).
 *
 * These requests are part of the app's first download (a few small modules), so they do not
 * queue behind the page's code; only the saved views (read with the view schema) wait for theirs.
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
  const views = import("./saved-views-query.ts");
  const context = await queryClient.ensureQueryData(blueprintQueryOptions(slug, blueprintKey)).catch(() => null);
  if (!context) return;
  const { id: blueprintId, tenant_id: tenantId } = context.blueprint;
  const viewsLoaded = views.then(async ({ savedViewsQueryOptions }) => {
    const options = savedViewsQueryOptions(blueprintId, userId);
    await queryClient.prefetchQuery(options);
    return queryClient.getQueryData(options.queryKey);
  });
  const openedGrid = async () =>
    viewId ? ((await viewsLoaded)?.find((view) => view.id === viewId)?.state ?? null) : DEFAULT_GRID_STATE;
  await Promise.all([
    viewsLoaded,
    queryClient.prefetchQuery(accessQueryOptions(tenantId, userId, blueprintId)),
    queryClient.prefetchQuery(memberNamesQueryOptions(tenantId)),
    openedGrid().then((state) => (state ? prefetchGrid(queryClient, blueprintId, gridQueryParams(state)) : undefined)),
  ]);
}
