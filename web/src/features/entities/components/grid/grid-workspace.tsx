import type { FieldDefinition, Json } from "@flexoffice/shared";
import { useQueryClient } from "@tanstack/react-query";
import { ChevronLeft, Columns3, Plus, Rows3, SearchX } from "lucide-react";
import { lazy, type ReactNode, Suspense, useCallback, useEffect, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { FieldValue } from "../../../../components/fields/field-value.tsx";
import { describeFilter } from "../../../../components/filter-builder/describe-filter.ts";
import type { FilterBuilderField } from "../../../../components/filter-builder/filter-builder.tsx";
import { Alert } from "../../../../components/ui/alert.tsx";
import { Badge } from "../../../../components/ui/badge.tsx";
import { Button } from "../../../../components/ui/button.tsx";
import { EmptyState } from "../../../../components/ui/empty-state.tsx";
import { PageHeader } from "../../../../components/ui/page-header.tsx";
import { toast } from "../../../../components/ui/toast.ts";
import { ApiError } from "../../../../lib/api-error.ts";
import { useApiErrorText } from "../../../../lib/api-error-text.ts";
import { useTenant } from "../../../tenants/hooks/current-tenant.tsx";
import { canRead, canWrite, type EntityAccess } from "../../api/access-query.ts";
import type { BlueprintContext } from "../../api/blueprint-query.ts";
import { useBulkDeleteMutation, useBulkUpdateMutation } from "../../api/bulk-entities-mutations.ts";
import { type GridRow, useEntitiesCountQuery, useEntitiesPagesQuery } from "../../api/entities-page-query.ts";
import { fetchEntity } from "../../api/entity-query.ts";
import { patchGridRows, toGridRow } from "../../api/grid-cache-writes.ts";
import { useGridLabels } from "../../api/grid-labels-query.ts";
import { useUpdateCellMutation } from "../../api/grid-update-cell-mutation.ts";
import { useLookupLoaders } from "../../api/lookup-options.ts";
import { useMemberNamesQuery } from "../../api/member-names-query.ts";
import { useDeleteViewMutation, useSaveViewMutation } from "../../api/saved-views-mutations.ts";
import { useSavedViewsQuery } from "../../api/saved-views-query.ts";
import { useGridLiveUpdates } from "../../hooks/use-grid-live-updates.ts";
import { useGridViewState } from "../../hooks/use-grid-view-state.ts";
import { entityTitle, titleFieldOf } from "../../lib/record-title.ts";
import { BulkBar } from "./bulk-bar.tsx";
import { ColumnsMenu } from "./columns-menu.tsx";
import { EntityGrid, type RowSelection } from "./entity-grid.tsx";
import { FilterPopover, loadFilterBuilder } from "./filter-popover.tsx";
import { type GridColumn, gridColumns, visibleColumnIds } from "./grid-columns.ts";
import { GridSkeleton } from "./grid-skeleton.tsx";
import { nextSort } from "./grid-sort.ts";
import { gridQueryParams } from "./grid-state.ts";
import { LiveIndicator } from "./live-indicator.tsx";
import { SearchBox } from "./search-box.tsx";
import { SortMenu } from "./sort-menu.tsx";
import { ViewPicker } from "./view-picker.tsx";

const NO_ROWS: GridRow[] = [];

// Editors and dialogs are not part of the grid's first paint: their code (field inputs, dialogs)
// loads once the grid is on screen, before anyone can open them (preloadGridTools).
const loadCellEditor = () => import("./cell-editor.tsx");
const loadViewDialogs = () => import("./view-dialogs.tsx");
const loadBulkEditDialog = () => import("./bulk-edit-dialog.tsx");
const CellEditor = lazy(() => loadCellEditor().then((m) => ({ default: m.CellEditor })));
const ViewDialog = lazy(() => loadViewDialogs().then((m) => ({ default: m.ViewDialog })));
const DeleteViewDialog = lazy(() => loadViewDialogs().then((m) => ({ default: m.DeleteViewDialog })));
const BulkEditDialog = lazy(() => loadBulkEditDialog().then((m) => ({ default: m.BulkEditDialog })));

function preloadGridTools(): void {
  for (const load of [loadCellEditor, loadFilterBuilder, loadViewDialogs, loadBulkEditDialog]) void load().catch(() => undefined);
}

/**
 * Keeps the row as it was when editing started: the save goes with that version, so a change
 * someone else made meanwhile (even one shown live) is refused as stale, never overwritten.
 */
function EditStart({ row, children }: { row: GridRow; children: (base: GridRow) => ReactNode }) {
  const [base] = useState(row);
  return <>{children(base)}</>;
}

type GridWorkspaceProps = { context: BlueprintContext; access: EntityAccess; userId: string };

/**
 * The grid with everything around it: the saved view, search, filter, sort and columns, the
 * count, bulk actions on the selection, and live changes. What it offers follows what the
 * member may do (explain_permissions); the database decides every call again.
 */
export function GridWorkspace({ context, access, userId }: GridWorkspaceProps) {
  const { t, i18n } = useTranslation(["entities", "translation"]);
  const { t: tShared } = useTranslation();
  const tenant = useTenant();
  const queryClient = useQueryClient();
  const errorText = useApiErrorText();
  const language = i18n.resolvedLanguage ?? "en";
  const timeZone = tenant.tenant.timezone;
  const { blueprint, fields } = context;

  // ---- what the grid shows -------------------------------------------------------------
  const views = useSavedViewsQuery(blueprint.id, userId);
  const viewState = useGridViewState(views.data);
  const { state, update, view } = viewState;
  const columns = useMemo(
    () =>
      gridColumns(
        fields,
        (key) => canRead(access, key),
        (key) => canWrite(access, "update", key),
      ),
    [fields, access],
  );
  const visible = useMemo(() => visibleColumnIds(columns, state.columns), [columns, state.columns]);
  const columnLabel = useCallback(
    (column: GridColumn) =>
      column.kind === "field"
        ? column.field.label
        : column.id === "created_at"
          ? t("grid.columns.createdAt")
          : t("grid.columns.updatedAt"),
    [t],
  );
  const members = useMemberNamesQuery(tenant.tenant.id);
  const memberOptions = useMemo(
    () => [...(members.data ?? new Map<string, string>())].map(([value, label]) => ({ value, label })),
    [members.data],
  );
  const filterFields = useMemo<FilterBuilderField[]>(
    () => [
      ...fields
        .filter((field) => canRead(access, field.key))
        .map((field) => ({
          key: field.key,
          label: field.label,
          type: field.type,
          options: field.options
            ? field.options.map((o) => ({ value: o.value, label: o.label ?? o.value }))
            : field.type === "member"
              ? memberOptions
              : undefined,
        })),
      { key: "created_at", label: t("grid.columns.createdAt"), type: "datetime" },
      { key: "updated_at", label: t("grid.columns.updatedAt"), type: "datetime" },
      { key: "created_by", label: t("grid.columns.createdBy"), type: "member", options: memberOptions },
      { key: "updated_by", label: t("grid.columns.updatedBy"), type: "member", options: memberOptions },
    ],
    [fields, access, memberOptions, t],
  );
  const sortOptions = useMemo(
    () => columns.filter((column) => column.sortable).map((column) => ({ id: column.id, label: columnLabel(column) })),
    [columns, columnLabel],
  );

  // ---- the rows ------------------------------------------------------------------------
  const { filter, sort, search } = state;
  const params = useMemo(() => gridQueryParams({ filter, sort, search }), [filter, sort, search]);
  const pages = useEntitiesPagesQuery(blueprint.id, params);
  const rows = useMemo(() => pages.data?.pages.flatMap((page) => page.rows) ?? NO_ROWS, [pages.data]);
  const counted = useEntitiesCountQuery(blueprint.id, params);
  const count = counted.isPlaceholderData ? null : (counted.data ?? null);
  const live = useGridLiveUpdates(blueprint.id, userId);
  const referenceLabel = useGridLabels(tenant.tenant.id, fields, rows);
  const lookups = useLookupLoaders(tenant.tenant.id);
  const titleField = useMemo(() => titleFieldOf(fields, (key) => canRead(access, key)), [fields, access]);
  const recordHref = useCallback((row: GridRow) => tenant.path(`records/${blueprint.key}/${row.id}`), [tenant, blueprint.key]);
  const rowTitle = useCallback(
    (row: GridRow) =>
      entityTitle(titleField, row.data) ?? t("grid.row.untitled", { date: tenant.formatDateTime(row.created_at) }),
    [titleField, t, tenant],
  );

  // ---- selection and bulk actions ------------------------------------------------------
  const [selection, setSelection] = useState<RowSelection>({});
  const paramsKey = JSON.stringify(params);
  // biome-ignore lint/correctness/useExhaustiveDependencies: another query selects afresh
  useEffect(() => setSelection({}), [paramsKey]);
  const selectedRows = useMemo(() => rows.filter((row) => selection[row.id]), [rows, selection]);
  const selectable = access.delete.allowed || access.update.allowed;
  const writableFields = useMemo(
    () => fields.filter((field) => canRead(access, field.key) && canWrite(access, "update", field.key)),
    [fields, access],
  );
  const bulkDelete = useBulkDeleteMutation(blueprint.id);
  const bulkUpdate = useBulkUpdateMutation(blueprint.id);
  const onBulkDelete = () => {
    const ids = selectedRows.map((row) => row.id);
    bulkDelete.mutate(ids, {
      onSuccess: (deleted) => {
        setSelection({});
        toast.success(t("bulk.deleted", { count: deleted }));
      },
      onError: (error) => toast.error(t("bulk.failed", { reason: errorText(error) })),
    });
  };
  const onBulkApply = async (field: FieldDefinition, value: Json | null) => {
    const changed = await bulkUpdate.mutateAsync({ rows: selectedRows, field: field.key, value });
    return changed.length;
  };

  // ---- inline editing ------------------------------------------------------------------
  const updateCell = useUpdateCellMutation();
  const [announcement, setAnnouncement] = useState("");
  const renderEditor = (column: GridColumn, row: GridRow, done: () => void) => {
    if (column.kind !== "field") return null;
    const field = column.field;
    return (
      <EditStart row={row}>
        {(base) => (
          <Suspense fallback={null}>
            <CellEditor
              field={field}
              value={base.data[field.key]}
              timeZone={timeZone}
              referenceOptions={lookups.referenceOptions}
              referenceLabel={lookups.referenceLabel}
              onCancel={done}
              onSave={async (value) => {
                try {
                  await updateCell.mutateAsync({
                    blueprintId: blueprint.id,
                    row: base,
                    field: field.key,
                    value: value as Json | null,
                  });
                  setAnnouncement(t("grid.edit.saved", { label: field.label }));
                  done();
                  return null;
                } catch (error) {
                  if (error instanceof ApiError && error.code === "FOCON" && error.rule === "stale") {
                    toast.error(t("grid.edit.stale"));
                    void fetchEntity(row.id)
                      .then((entity) => patchGridRows(queryClient, blueprint.id, toGridRow(entity)))
                      .catch(() => undefined);
                    done();
                    return null;
                  }
                  return errorText(error, () => field.label);
                }
              }}
            />
          </Suspense>
        )}
      </EditStart>
    );
  };
  const renderValue = useCallback(
    (column: GridColumn, row: GridRow) =>
      column.kind === "field" ? (
        <FieldValue
          field={column.field}
          value={row.data[column.id]}
          timeZone={timeZone}
          language={language}
          referenceLabel={referenceLabel}
        />
      ) : (
        <time dateTime={row[column.id]}>{tenant.formatDateTime(row[column.id])}</time>
      ),
    [timeZone, language, referenceLabel, tenant],
  );

  // ---- saved views ---------------------------------------------------------------------
  const saveView = useSaveViewMutation(blueprint.id, userId);
  const deleteView = useDeleteViewMutation(blueprint.id, userId);
  const [viewDialog, setViewDialog] = useState<"create" | "edit" | null>(null);
  const [deleteOpen, setDeleteOpen] = useState(false);
  const canEditView = Boolean(view && (view.ownerId === userId || tenant.isAdmin));
  // Menus close before a dialog opens, so the dialog gets (and keeps) the focus.
  const openLater = (open: () => void) => () => requestAnimationFrame(open);
  const onSaveChanges = () => {
    if (!view || !canEditView) {
      setViewDialog("create");
      return;
    }
    saveView.mutate(
      {
        blueprintId: blueprint.id,
        name: view.name,
        shared: view.shared,
        state,
        existing: { id: view.id, version: view.version },
      },
      {
        onSuccess: (saved) => toast.success(t("views.updated", { name: saved.name })),
        onError: (error) => {
          if (error instanceof ApiError && error.code === "FOCON" && error.rule === "stale") toast.error(t("views.stale"));
          else toast.error(errorText(error));
        },
      },
    );
  };

  // ---- what is on screen -----------------------------------------------------------------
  const countText =
    count === null
      ? t("grid.page.countLoading")
      : count.exact
        ? t("grid.page.count", { count: count.value, value: count.value.toLocaleString(language) })
        : t("grid.page.countEstimate", {
            // at_least is the cap + 1: "more than the cap"
            atLeast: ((count.atLeast ?? count.value + 1) - 1).toLocaleString(language),
            value: count.value.toLocaleString(language),
          });
  const filtering = Boolean(state.filter) || state.search.trim() !== "";
  const ready = pages.isSuccess && !pages.isPlaceholderData;
  useEffect(() => {
    if (ready) preloadGridTools();
  }, [ready]);

  let body: ReactNode;
  if (pages.isPending) {
    body = <GridSkeleton />;
  } else if (pages.isError && !pages.data) {
    body = (
      <Alert tone="error" title={t("grid.page.error")}>
        <p>{errorText(pages.error)}</p>
        <Button variant="outline" size="sm" className="mt-2" onClick={() => void pages.refetch()}>
          {t("grid.page.retry")}
        </Button>
      </Alert>
    );
  } else if (rows.length === 0 && !pages.hasNextPage) {
    body = (
      <div data-ready={ready ? "true" : "false"}>
        {filtering ? (
          <EmptyState
            icon={<SearchX />}
            title={t("grid.grid.noMatchesTitle")}
            description={t("grid.grid.noMatchesBody")}
            action={
              <Button variant="outline" onClick={() => update((s) => ({ ...s, filter: null, search: "" }))}>
                {t("grid.grid.clearAll")}
              </Button>
            }
          />
        ) : (
          <EmptyState
            icon={<Rows3 />}
            title={t("grid.grid.emptyTitle")}
            description={t("grid.grid.emptyBody")}
            action={
              access.create.allowed ? (
                <Button asChild>
                  <Link to={tenant.path(`records/${blueprint.key}/new`)}>{t("grid.grid.emptyAction")}</Link>
                </Button>
              ) : null
            }
          />
        )}
      </div>
    );
  } else {
    body = (
      <div className="grid gap-2">
        <EntityGrid
          label={t("grid.grid.label", { name: blueprint.name })}
          columns={columns}
          visible={visible}
          widths={state.widths}
          onWidthsChange={(widths) => update((s) => ({ ...s, widths }))}
          sort={state.sort}
          onSort={(field, multi) => update((s) => ({ ...s, sort: nextSort(s.sort, field, multi) }))}
          columnLabel={columnLabel}
          rows={rows}
          rowCount={count?.exact ? count.value : null}
          hasMore={pages.hasNextPage}
          loadingMore={pages.isFetchingNextPage}
          loadMoreFailed={pages.isFetchNextPageError}
          onLoadMore={() => void pages.fetchNextPage()}
          selectable={selectable}
          selection={selection}
          onSelectionChange={setSelection}
          recordHref={recordHref}
          rowTitle={rowTitle}
          renderValue={renderValue}
          renderEditor={renderEditor}
          recentlyChanged={live.recentlyChanged}
          ready={ready}
        />
        <div className="flex flex-wrap items-center justify-between gap-2 text-xs text-muted-foreground">
          <p>
            {pages.hasNextPage
              ? t("grid.grid.showing", {
                  loaded: rows.length.toLocaleString(language),
                  total: count ? count.value.toLocaleString(language) : "…",
                })
              : t("grid.grid.showingAll", { count: rows.length })}
            {writableFields.length > 0 ? ` · ${t("grid.grid.readOnlyHint")}` : null}
          </p>
          {pages.isFetchNextPageError ? (
            <Button variant="outline" size="sm" onClick={() => void pages.fetchNextPage()}>
              {t("grid.page.retry")}
            </Button>
          ) : null}
        </div>
      </div>
    );
  }

  return (
    <div className="grid min-w-0 gap-4">
      <div className="grid gap-1">
        <Link
          to={tenant.path("records")}
          className="inline-flex w-fit items-center gap-1 text-sm text-muted-foreground hover:text-foreground focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring"
        >
          <ChevronLeft aria-hidden="true" className="size-4" />
          {t("grid.page.breadcrumb")}
        </Link>
        <PageHeader
          className="mb-0"
          title={blueprint.name}
          description={<span data-testid="grid-count">{countText}</span>}
          actions={
            <>
              <LiveIndicator live={live} />
              {context.flow ? (
                <Button asChild size="sm" variant="outline">
                  <Link to={tenant.path(`records/${blueprint.key}/board`)}>
                    <Columns3 aria-hidden="true" className="size-4" />
                    {t("grid.page.board")}
                  </Link>
                </Button>
              ) : null}
              {access.create.allowed ? (
                <Button asChild size="sm">
                  <Link to={tenant.path(`records/${blueprint.key}/new`)}>
                    <Plus aria-hidden="true" className="size-4" />
                    {t("grid.page.newRecord")}
                  </Link>
                </Button>
              ) : null}
            </>
          }
        />
      </div>

      <div className="flex flex-wrap items-center gap-2">
        <ViewPicker
          views={views.data ?? []}
          current={view}
          userId={userId}
          canEditCurrent={canEditView}
          onSelect={(id) => {
            setSelection({});
            viewState.selectView(id);
          }}
          onSaveAs={openLater(() => setViewDialog("create"))}
          onEdit={openLater(() => setViewDialog("edit"))}
          onDelete={openLater(() => setDeleteOpen(true))}
        />
        {viewState.dirty ? (
          <>
            <Badge variant="outline">{t("views.unsaved")}</Badge>
            <Button size="sm" onClick={onSaveChanges} loading={saveView.isPending}>
              {t("views.save")}
            </Button>
            <Button size="sm" variant="ghost" onClick={viewState.reset}>
              {t("views.reset")}
            </Button>
          </>
        ) : null}
        <div className="flex w-full flex-wrap items-center gap-2 lg:ml-auto lg:w-auto">
          <SearchBox
            value={state.search}
            onChange={(search) => update((s) => ({ ...s, search }))}
            // The box shows the state's search again on another view, when changes are dropped or
            // saved, and when the view's own search changes; not on a version bump alone (a rename
            // keeps what was typed).
            resetKey={`${view?.id ?? ""}:${viewState.dirty ? "changed" : `saved:${state.search}`}`}
          />
          <FilterPopover
            blueprintName={blueprint.name}
            fields={filterFields}
            value={state.filter}
            onChange={(filter) => update((s) => ({ ...s, filter }))}
          />
          <SortMenu sort={state.sort} options={sortOptions} onChange={(sort) => update((s) => ({ ...s, sort }))} />
          <ColumnsMenu
            columns={columns}
            visible={visible}
            columnLabel={columnLabel}
            onChange={(next) => update((s) => ({ ...s, columns: next }))}
          />
        </div>
      </div>

      {viewState.viewMissing ? <Alert tone="info">{t("views.missing")}</Alert> : null}
      {state.filter ? (
        <div className="flex flex-wrap items-center gap-2 text-sm">
          <p className="min-w-0 text-muted-foreground">
            {t("grid.toolbar.filterSummary", { summary: describeFilter(state.filter, filterFields, tShared) })}
          </p>
          <Button variant="link" size="sm" onClick={() => update((s) => ({ ...s, filter: null }))}>
            {t("grid.toolbar.clearFilter")}
          </Button>
        </div>
      ) : null}

      {selectable && selectedRows.length > 0 ? (
        <BulkBar
          count={selectedRows.length}
          canDelete={access.delete.allowed}
          deleting={bulkDelete.isPending}
          onDelete={onBulkDelete}
          onClear={() => setSelection({})}
          editControl={
            access.update.allowed && writableFields.length > 0 ? (
              <Suspense fallback={null}>
                <BulkEditDialog
                  count={selectedRows.length}
                  fields={writableFields}
                  timeZone={timeZone}
                  referenceOptions={lookups.referenceOptions}
                  referenceLabel={lookups.referenceLabel}
                  onApply={onBulkApply}
                />
              </Suspense>
            ) : null
          }
        />
      ) : null}

      {body}
      <p role="status" className="sr-only">
        {announcement}
      </p>

      <Suspense fallback={null}>
        <ViewDialog
          open={viewDialog !== null}
          onOpenChange={(open) => {
            if (!open) setViewDialog(null);
          }}
          editing={viewDialog === "edit" ? (view?.name ?? null) : null}
          initial={viewDialog === "edit" && view ? { name: view.name, shared: view.shared } : { name: "", shared: false }}
          onSubmit={async ({ name, shared }) => {
            if (viewDialog === "edit" && view) {
              const saved = await saveView.mutateAsync({
                blueprintId: blueprint.id,
                name,
                shared,
                state: view.state,
                existing: { id: view.id, version: view.version },
              });
              // Renaming saves the view as it was; what the person changed since stays unsaved.
              viewState.keepChangesAt(saved.version);
              toast.success(t("views.updated", { name: saved.name }));
            } else {
              const saved = await saveView.mutateAsync({ blueprintId: blueprint.id, name, shared, state });
              toast.success(t("views.created", { name: saved.name }));
              viewState.selectView(saved.id);
            }
          }}
        />
        {view ? (
          <DeleteViewDialog
            open={deleteOpen}
            onOpenChange={setDeleteOpen}
            name={view.name}
            onConfirm={async () => {
              await deleteView.mutateAsync(view.id);
              toast.success(t("views.deleted", { name: view.name }));
              viewState.selectView(null);
            }}
          />
        ) : null}
      </Suspense>
    </div>
  );
}
