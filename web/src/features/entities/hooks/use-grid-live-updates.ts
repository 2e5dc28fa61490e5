import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { ApiError } from "../../../lib/api-error.ts";
import { fetchEntity } from "../api/entity-query.ts";
import { findRow, type GridData, REFETCH_PAGES_LIMIT } from "../api/grid-cache.ts";
import { dropGridRows, markGridsStale, patchGridRows, refreshAroundGrids, toGridRow } from "../api/grid-cache-writes.ts";
import { gridKeys } from "../api/grid-keys.ts";
import { type ChannelStatus, type EntityChange, subscribeEntityChanges } from "./entity-changes-channel.ts";

/** Messages arriving together are handled together (a bulk edit sends one per row). */
const BATCH_MS = 250;
/** How long a changed row stays marked. */
const MARK_MS = 4000;

export type GridLiveState = {
  status: ChannelStatus;
  /** Rows changed by someone else in the last few seconds (marked in the grid). */
  recentlyChanged: ReadonlySet<string>;
  /** When the last change arrived (for "Updated just now"). */
  lastChangeAt: number | null;
  /** Rows appeared while many pages are loaded: the grid offers to show them. */
  newRows: number;
  showNewRows: () => void;
};

/**
 * Keeps a grid current with the user's live entity channel. Payloads carry ids and versions
 * only, so each changed row is refetched through get_entity (the reader's field rules apply
 * again) and put in place; removed rows leave; new rows refetch the first pages, or, when
 * many pages are loaded, are announced with a "show" action rather than refetching them all.
 */
export function useGridLiveUpdates(blueprintId: string | undefined, userId: string): GridLiveState {
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<ChannelStatus>("connecting");
  const [recentlyChanged, setRecentlyChanged] = useState<ReadonlySet<string>>(new Set());
  const [lastChangeAt, setLastChangeAt] = useState<number | null>(null);
  const [newRows, setNewRows] = useState(0);
  const pending = useRef<EntityChange[]>([]);

  useEffect(() => {
    if (!blueprintId || !userId) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const unmarkTimers = new Set<ReturnType<typeof setTimeout>>();
    let active = true;

    const mark = (ids: string[]) => {
      if (ids.length === 0) return;
      setRecentlyChanged((current) => new Set([...current, ...ids]));
      setLastChangeAt(Date.now());
      const unmark = setTimeout(() => {
        unmarkTimers.delete(unmark);
        if (active) setRecentlyChanged((current) => new Set([...current].filter((id) => !ids.includes(id))));
      }, MARK_MS);
      unmarkTimers.add(unmark);
    };

    const flush = async () => {
      const changes = pending.current.splice(0);
      const grids = queryClient.getQueriesData<GridData>({ queryKey: gridKeys.grids(blueprintId) });
      const loaded = (id: string) => grids.map(([, data]) => findRow(data, id)).find(Boolean);
      const removed = new Set(changes.filter((c) => c.change === "removed").map((c) => c.entity_id));
      const appeared = changes.filter((c) => (c.change === "created" || c.change === "added") && !removed.has(c.entity_id));
      const changed = new Map<string, number>();
      for (const c of changes) {
        const row = loaded(c.entity_id);
        if (c.change === "changed" && !removed.has(c.entity_id) && row && row.version < c.version)
          changed.set(c.entity_id, c.version);
      }
      if (removed.size > 0) dropGridRows(queryClient, blueprintId, removed);
      const refreshed = await Promise.all(
        [...changed.keys()].map((id) =>
          fetchEntity(id)
            .then((entity) => {
              patchGridRows(queryClient, blueprintId, toGridRow(entity));
              return id;
            })
            .catch((error: unknown) => {
              // Gone or no longer readable since the message: it leaves the grid.
              if (error instanceof ApiError && error.code === "FONF0") dropGridRows(queryClient, blueprintId, new Set([id]));
              return null;
            }),
        ),
      );
      if (!active) return;
      if (appeared.length > 0) {
        const pages = Math.max(0, ...grids.map(([, data]) => data?.pages.length ?? 0));
        if (pages <= REFETCH_PAGES_LIMIT) {
          void queryClient.invalidateQueries({ queryKey: gridKeys.grids(blueprintId) });
        } else {
          markGridsStale(queryClient, blueprintId);
          setNewRows((count) => count + appeared.length);
        }
      } else if (changes.length > 0) {
        markGridsStale(queryClient, blueprintId);
      }
      mark([...refreshed.filter((id): id is string => id !== null), ...appeared.map((c) => c.entity_id)]);
      if (changes.length > 0) refreshAroundGrids(queryClient, blueprintId);
    };

    const unsubscribe = subscribeEntityChanges(userId, {
      onStatus: (next) => {
        if (active) setStatus(next);
      },
      onChange: (change) => {
        if (change.blueprint_id !== blueprintId) return;
        pending.current.push(change);
        clearTimeout(timer);
        timer = setTimeout(() => void flush(), BATCH_MS);
      },
    });
    return () => {
      active = false;
      clearTimeout(timer);
      for (const t of unmarkTimers) clearTimeout(t);
      unsubscribe();
    };
  }, [blueprintId, userId, queryClient]);

  return {
    status,
    recentlyChanged,
    lastChangeAt,
    newRows,
    showNewRows: () => {
      setNewRows(0);
      if (blueprintId) void queryClient.resetQueries({ queryKey: gridKeys.grids(blueprintId) });
    },
  };
}
