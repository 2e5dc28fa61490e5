import { Trash2 } from "lucide-react";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { Alert } from "../../../components/ui/alert.tsx";
import { Button } from "../../../components/ui/button.tsx";
import { EmptyState } from "../../../components/ui/empty-state.tsx";
import { PageHeader } from "../../../components/ui/page-header.tsx";
import { Skeleton } from "../../../components/ui/skeleton.tsx";
import { toast } from "../../../components/ui/toast.ts";
import { useApiErrorText } from "../../../lib/api-error-text.ts";
import { useRecordBlueprintsQuery } from "../../entities/api/records-blueprints-query.ts";
import { useTenant } from "../../tenants/hooks/current-tenant.tsx";
import { usePurgeMutation } from "../api/purge-mutation.ts";
import { type RestoreOutcome, useRestoreMutation } from "../api/restore-mutation.ts";
import { useTrashQuery } from "../api/trash-query.ts";
import { filterTrash, type TrashFilter, type TrashItem, toTrashItems, trashBlueprints } from "../lib/trash-items.ts";
import { PurgeDialog } from "./purge-dialog.tsx";
import { TrashFilters } from "./trash-filters.tsx";
import { type TrashRowRights, TrashTable } from "./trash-table.tsx";

const ALL: TrashFilter = { kind: "all", blueprintId: "all" };

function TrashSkeleton() {
  const { t } = useTranslation("trash");
  return (
    <div className="grid gap-2">
      <p role="status" className="sr-only">
        {t("loading")}
      </p>
      {[0, 1, 2, 3].map((n) => (
        <Skeleton key={n} className="h-14 w-full" />
      ))}
    </div>
  );
}

/**
 * /t/:slug/trash: every member sees the deleted blueprints and the records they may read;
 * restoring is offered to those who may delete (records) or manage blueprints, purging to
 * Admins. The database decides each action again.
 */
export function TrashPage() {
  const { t } = useTranslation("trash");
  const { t: tc } = useTranslation();
  const errorText = useApiErrorText();
  const tenant = useTenant();
  const tenantId = tenant.tenant.id;
  const [filter, setFilter] = useState<TrashFilter>(ALL);
  // The blueprint filter asks the database, so it finds records beyond the loaded pages too.
  const trash = useTrashQuery(tenantId, filter.blueprintId === "all" ? null : filter.blueprintId);
  const live = useRecordBlueprintsQuery(tenantId);
  const restore = useRestoreMutation(tenantId);
  const purge = usePurgeMutation(tenantId);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [restoring, setRestoring] = useState<ReadonlySet<string>>(new Set());
  const [purging, setPurging] = useState<TrashItem[] | null>(null);

  const { items, people, retentionDays } = useMemo(() => {
    const pages = trash.data?.pages ?? [];
    const people: Record<string, string> = {};
    const fields: Record<string, { key: string; label: string; type: string }[]> = {};
    for (const page of pages) {
      Object.assign(people, page.people);
      Object.assign(fields, page.fields);
    }
    const items = toTrashItems(
      { blueprints: pages[0]?.blueprints ?? [], entities: pages.flatMap((p) => p.entities) },
      (blueprintId, version) => fields[`${blueprintId}:${version}`],
    );
    return { items, people, retentionDays: pages[0]?.retention_days ?? tenant.tenant.trash_retention_days };
  }, [trash.data, tenant.tenant.trash_retention_days]);

  const onlyViewer = tenant.roles.length > 0 && tenant.roles.every((role) => role.key === "viewer");
  const rights: TrashRowRights = {
    restore: (item) => (item.kind === "blueprint" ? tenant.can("manage_blueprints") : !onlyViewer && !item.withBlueprint),
    purge: tenant.isAdmin,
  };
  const shown = filterTrash(items, filter);
  const chosen = items.filter((item) => selected.has(item.id));
  const chosenRestorable = chosen.filter(rights.restore);

  const select = (ids: string[], on: boolean) =>
    setSelected((current) => {
      const next = new Set(current);
      for (const id of ids)
        if (on) next.add(id);
        else next.delete(id);
      return next;
    });

  const report = ({ restored, failed }: RestoreOutcome) => {
    if (restored.length > 0) toast.success(t("restored", { count: restored.length, title: restored[0]?.title ?? "" }));
    const first = failed[0];
    if (first) {
      toast.error(t("restoreFailed", { count: failed.length, title: first.item.title, reason: errorText(first.error) }));
    }
    select(
      restored.map((i) => i.id),
      false,
    );
  };

  const runRestore = (targets: TrashItem[]) => {
    setRestoring(new Set(targets.map((i) => i.id)));
    restore.mutate(targets, {
      onSuccess: report,
      onError: (error) => toast.error(errorText(error)),
      onSettled: () => setRestoring(new Set()),
    });
  };

  const runPurge = (targets: TrashItem[]) =>
    purge.mutate(targets, {
      onSuccess: () => {
        toast.success(t("purged"));
        select(
          targets.map((i) => i.id),
          false,
        );
        setPurging(null);
      },
      onError: (error) => {
        toast.error(errorText(error));
        setPurging(null);
      },
    });

  return (
    <div className="grid gap-6">
      <title>{`${t("title")} · ${tenant.tenant.name} · ${tc("app.name")}`}</title>
      <PageHeader title={t("title")} description={t("description", { count: retentionDays })} className="mb-0" />
      {trash.isPending ? (
        <TrashSkeleton />
      ) : trash.isError ? (
        <Alert tone="error" title={t("loadFailed")}>
          <p>{errorText(trash.error)}</p>
          <Button variant="link" onClick={() => void trash.refetch()}>
            {t("retry")}
          </Button>
        </Alert>
      ) : items.length === 0 && filter.blueprintId === "all" ? (
        <EmptyState icon={<Trash2 />} title={t("empty.title")} description={t("empty.body")} />
      ) : (
        <>
          <TrashFilters filter={filter} blueprints={trashBlueprints(items, live.data)} onChange={setFilter} />
          {!rights.purge && !items.some(rights.restore) ? <Alert>{t("readOnly")}</Alert> : null}
          {chosen.length > 0 ? (
            <section
              aria-label={t("selected", { count: chosen.length })}
              className="flex flex-wrap items-center gap-3 rounded-lg border bg-muted px-4 py-2"
            >
              <p className="text-sm font-medium" aria-live="polite">
                {t("selected", { count: chosen.length })}
              </p>
              <div className="flex flex-wrap gap-2">
                {chosenRestorable.length > 0 ? (
                  <Button size="sm" loading={restore.isPending} onClick={() => runRestore(chosenRestorable)}>
                    {t("restoreSelected")}
                  </Button>
                ) : null}
                {rights.purge ? (
                  <Button size="sm" variant="destructive" onClick={() => setPurging(chosen)}>
                    {t("purgeSelected")}
                  </Button>
                ) : null}
                <Button size="sm" variant="ghost" onClick={() => setSelected(new Set())}>
                  {t("clearSelection")}
                </Button>
              </div>
            </section>
          ) : null}
          {shown.length === 0 ? (
            <EmptyState
              title={t("noMatch.title")}
              description={t("noMatch.body")}
              action={
                <Button variant="outline" onClick={() => setFilter(ALL)}>
                  {t("noMatch.reset")}
                </Button>
              }
            />
          ) : (
            <TrashTable
              items={shown}
              people={people}
              retentionDays={retentionDays}
              rights={rights}
              selected={selected}
              onSelect={select}
              onRestore={(item) => runRestore([item])}
              onPurge={(item) => setPurging([item])}
              restoring={restoring}
            />
          )}
          {trash.hasNextPage ? (
            <div>
              <Button variant="outline" loading={trash.isFetchingNextPage} onClick={() => void trash.fetchNextPage()}>
                {t("loadMore")}
              </Button>
            </div>
          ) : null}
        </>
      )}
      <PurgeDialog items={purging} pending={purge.isPending} onConfirm={runPurge} onClose={() => setPurging(null)} />
    </div>
  );
}
