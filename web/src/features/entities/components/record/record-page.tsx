import { type FieldDefinition, isUuid } from "@flexoffice/shared";
import { KanbanSquare, Pencil } from "lucide-react";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { Alert } from "../../../../components/ui/alert.tsx";
import { Button } from "../../../../components/ui/button.tsx";
import { PageHeader } from "../../../../components/ui/page-header.tsx";
import { toast } from "../../../../components/ui/toast.ts";
import { ApiError } from "../../../../lib/api-error.ts";
import { useApiErrorText } from "../../../../lib/api-error-text.ts";
import { useTenant } from "../../../tenants/hooks/current-tenant.tsx";
import type { EntityAccess } from "../../api/access-query.ts";
import type { BlueprintContext } from "../../api/blueprint-query.ts";
import { useBlueprintVersionQuery } from "../../api/blueprint-version-query.ts";
import { useRestoreEntityMutation } from "../../api/delete-entity-mutation.ts";
import { type EntityRecord, useEntityQuery } from "../../api/entity-query.ts";
import { canRead } from "../../lib/field-access.ts";
import { formFieldSpecs } from "../../lib/form-fields.ts";
import { entityTitle, titleFieldOf } from "../../lib/record-title.ts";
import { BackLink } from "./back-link.tsx";
import { DeleteRecordButton } from "./delete-record-button.tsx";
import { LoadError } from "./load-error.tsx";
import { PageTitle } from "./page-title.tsx";
import { RecordDetails } from "./record-details.tsx";
import { RecordEditor } from "./record-editor.tsx";
import { RecordHistory } from "./record-history.tsx";
import { RecordNotFound } from "./record-not-found.tsx";
import { RecordSkeleton, useLoadingText } from "./record-skeleton.tsx";
import { TransitionBar } from "./transition-bar.tsx";
import { useRecordLiveUpdates } from "./use-record-live-updates.ts";
import { useRecordsScope } from "./use-records-scope.ts";
import { useRunTransition } from "./use-run-transition.tsx";

/** /t/:slug/records/:blueprintKey/:entityId: one record, its transitions and its history. */
export function RecordPage() {
  const { t } = useTranslation("entities");
  const { entityId = "" } = useParams();
  // An address that cannot name an entity is "not found" without asking.
  const validId = isUuid(entityId.toLowerCase());
  const scope = useRecordsScope(validId ? entityId : undefined);
  const loading = useLoadingText();
  const entity = useEntityQuery(entityId, validId);
  useRecordLiveUpdates(scope.userId, validId ? entityId : "", entity.data?.version);
  const version = useBlueprintVersionQuery(entity.data?.blueprint_id, entity.data?.blueprint_version);
  const { blueprint, access } = scope;
  const notFound = (error: unknown) => error instanceof ApiError && (error.code === "FONF0" || error.code === "FOVAL");
  if (notFound(blueprint.error)) return <RecordNotFound kind="blueprint" />;
  if (!validId) return <RecordNotFound kind="record" backTo={scope.gridPath} />;
  if (notFound(entity.error) || notFound(access.error)) return <RecordNotFound kind="record" backTo={scope.gridPath} />;
  if (entity.data && blueprint.data && entity.data.blueprint_id !== blueprint.data.blueprint.id) {
    return <RecordNotFound kind="record" backTo={scope.gridPath} />;
  }
  const failed = blueprint.error ?? entity.error ?? access.error ?? version.error;
  if (failed) {
    return (
      <LoadError
        title={t("record.loadFailed")}
        error={failed}
        onRetry={() => {
          for (const query of [blueprint, entity, access, version]) if (query.isError) void query.refetch();
        }}
      />
    );
  }
  if (!blueprint.data || !entity.data || !access.data || !version.data) return <RecordSkeleton label={loading("record")} />;
  return (
    <RecordView
      context={blueprint.data}
      entity={entity.data}
      versionFields={version.data}
      access={access.data}
      gridPath={scope.gridPath}
      boardPath={scope.boardPath}
    />
  );
}

type RecordViewProps = {
  context: BlueprintContext;
  entity: EntityRecord;
  versionFields: FieldDefinition[];
  access: EntityAccess;
  gridPath: string;
  boardPath: string;
};

function RecordView({ context, entity, versionFields, access, gridPath, boardPath }: RecordViewProps) {
  const { t } = useTranslation("entities");
  const [editing, setEditing] = useState(false);
  const runner = useRunTransition();
  const name = context.blueprint.name;
  const readable = versionFields.filter((field) => canRead(access, field.key));
  const stateKey = context.flow?.stateField ?? null;
  const stateField = readable.find((field) => field.key === stateKey && field.type === "status");
  const title = entityTitle(titleFieldOf(readable), entity.data) ?? t("record.untitled");
  const trashed = entity.deleted_at !== null;
  const canEdit = !trashed && access.update.allowed && access.entity?.update !== false;
  const canDelete = !trashed && access.delete.allowed && access.entity?.delete !== false;
  const specs = useMemo(() => formFieldSpecs("edit", versionFields, access, stateKey), [versionFields, access, stateKey]);
  const historyFields = useMemo(() => {
    const map = new Map<string, FieldDefinition>();
    for (const field of [...versionFields, ...context.fields]) if (!map.has(field.key)) map.set(field.key, field);
    return map;
  }, [versionFields, context.fields]);
  const tenantDates = useDates(entity);

  return (
    <div className="grid gap-4">
      <PageTitle>{`${title} · ${name}`}</PageTitle>
      <BackLink to={gridPath}>{t("record.backTo", { name })}</BackLink>
      <PageHeader
        title={title}
        description={tenantDates}
        actions={
          editing ? null : (
            <>
              {context.flow && stateField ? (
                <Button asChild variant="ghost">
                  <Link to={boardPath}>
                    <KanbanSquare aria-hidden="true" className="size-4" />
                    {t("record.board")}
                  </Link>
                </Button>
              ) : null}
              {canEdit ? (
                <Button variant="outline" onClick={() => setEditing(true)}>
                  <Pencil aria-hidden="true" className="size-4" />
                  {t("record.edit")}
                </Button>
              ) : null}
              {canDelete ? <DeleteRecordButton entityId={entity.id} title={title} afterDelete={gridPath} /> : null}
            </>
          )
        }
      />
      {trashed ? <TrashedNotice entity={entity} canRestore={access.delete.allowed} /> : null}
      {context.flow && !trashed && !editing ? <TransitionBar entity={entity} stateField={stateField} runner={runner} /> : null}
      <div className="grid items-start gap-4 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <section aria-labelledby="record-details" className="grid gap-4 rounded-xl border bg-card p-6 shadow-sm">
          <h2 id="record-details" className="text-lg font-semibold">
            {editing ? t("record.editing") : t("record.details")}
          </h2>
          {editing ? (
            <RecordEditor entity={entity} fields={readable} specs={specs} onDone={() => setEditing(false)} />
          ) : readable.length === 0 ? (
            <p className="text-sm text-muted-foreground">{t("record.noReadableFields")}</p>
          ) : (
            <RecordDetails fields={readable} entity={entity} />
          )}
        </section>
        <RecordHistory
          entityId={entity.id}
          fields={historyFields}
          stateField={stateField}
          transitions={context.flow?.transitions ?? []}
        />
      </div>
      {runner.dialog}
    </div>
  );
}

/** "Created … · Last changed …" in the workspace's time zone. */
function useDates(entity: EntityRecord): string {
  const { t } = useTranslation("entities");
  const tenant = useTenant();
  return t("record.dates", {
    created: tenant.formatDateTime(entity.created_at),
    updated: tenant.formatDateTime(entity.updated_at),
  });
}

function TrashedNotice({ entity, canRestore }: { entity: EntityRecord; canRestore: boolean }) {
  const { t } = useTranslation("entities");
  const errorText = useApiErrorText();
  const restore = useRestoreEntityMutation();
  return (
    <Alert tone="info" title={t("record.trashed.title")}>
      <div className="grid gap-2">
        <p>{t("record.trashed.body")}</p>
        {canRestore ? (
          <div>
            <Button
              size="sm"
              variant="outline"
              loading={restore.isPending}
              onClick={() =>
                restore.mutate(entity.id, {
                  onSuccess: () => toast.success(t("record.trashed.restored")),
                  onError: (error) => toast.error(errorText(error)),
                })
              }
            >
              {t("record.trashed.restore")}
            </Button>
          </div>
        ) : null}
      </div>
    </Alert>
  );
}
