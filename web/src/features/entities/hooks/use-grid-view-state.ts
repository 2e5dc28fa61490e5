import { useCallback, useState } from "react";
import { useSearchParams } from "react-router";
import type { SavedView } from "../api/saved-views-query.ts";
import { DEFAULT_GRID_STATE, type GridState } from "../components/grid/grid-state.ts";
import { sameGridState } from "../components/grid/view-config.ts";

export type GridViewState = {
  /** The view the address names (`?view=<id>`), when the user may see it. */
  view: SavedView | null;
  /** The address names a view that does not exist or is not visible to the user. */
  viewMissing: boolean;
  /** What the grid shows: the view (or the default grid) with the person's changes on top. */
  state: GridState;
  /** The state differs from the view it started from. */
  dirty: boolean;
  update: (change: (current: GridState) => GridState) => void;
  /** Opens a view (null: all records), dropping unsaved changes; the address follows. */
  selectView: (id: string | null) => void;
  /** Drops the unsaved changes. */
  reset: () => void;
  /** The view was saved without the changes (renamed, shared) at `version`: they stay unsaved on top of it. */
  keepChangesAt: (version: number) => void;
};

/**
 * The grid's filter, sort, search and columns, started from the view in the address and
 * changed by the toolbar. Changes are kept per view until saved or discarded, so the address
 * always names what the grid was opened from and can be shared.
 */
export function useGridViewState(views: SavedView[] | undefined): GridViewState {
  const [params, setParams] = useSearchParams();
  const viewId = params.get("view");
  const view = views?.find((v) => v.id === viewId) ?? null;
  const base = view?.state ?? DEFAULT_GRID_STATE;
  const [draft, setDraft] = useState<{ viewId: string | null; version: number | null; state: GridState } | null>(null);
  // A draft belongs to the view (and version) it was started from.
  const current = draft && draft.viewId === viewId && draft.version === (view?.version ?? null) ? draft.state : base;

  const update = useCallback(
    (change: (state: GridState) => GridState) =>
      setDraft((previous) => {
        const start =
          previous && previous.viewId === viewId && previous.version === (view?.version ?? null) ? previous.state : base;
        return { viewId, version: view?.version ?? null, state: change(start) };
      }),
    [viewId, view?.version, base],
  );

  const selectView = useCallback(
    (id: string | null) => {
      setDraft(null);
      setParams(
        (previous) => {
          const next = new URLSearchParams(previous);
          if (id) next.set("view", id);
          else next.delete("view");
          return next;
        },
        { replace: false },
      );
    },
    [setParams],
  );

  return {
    view,
    viewMissing: Boolean(viewId) && views !== undefined && view === null,
    state: current,
    dirty: !sameGridState(current, base),
    update,
    selectView,
    reset: useCallback(() => setDraft(null), []),
    keepChangesAt: useCallback(
      (version: number) => setDraft((previous) => (previous && previous.viewId === viewId ? { ...previous, version } : previous)),
      [viewId],
    ),
  };
}
