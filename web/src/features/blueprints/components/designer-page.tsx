import { GitBranch, History, Rows3 } from "lucide-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useParams } from "react-router";
import { Alert } from "../../../components/ui/alert.tsx";
import { Badge } from "../../../components/ui/badge.tsx";
import { Button } from "../../../components/ui/button.tsx";
import { PageHeader } from "../../../components/ui/page-header.tsx";
import { toast } from "../../../components/ui/toast.ts";
import { useTenant } from "../../tenants/hooks/current-tenant.tsx";
import { useBlueprintQuery } from "../api/blueprint-query.ts";
import { useEntityCountQuery } from "../api/entity-count-query.ts";
import { useCreateBlueprintMutation, useUpdateBlueprintMutation } from "../api/save-blueprint-mutation.ts";
import { changesNeedMigration, cleanField, draftFromVersion } from "../lib/draft.ts";
import { DeleteBlueprintButton } from "./delete-blueprint-button.tsx";
import { Designer } from "./designer.tsx";
import { NoAccess, PageLoadError, PageLoading } from "./page-states.tsx";

/** /t/:slug/blueprints/new and /t/:slug/blueprints/:blueprintId: the designer, creating or editing. */
export function DesignerPage() {
  const { blueprintId } = useParams();
  const tenant = useTenant();
  if (!tenant.can("manage_blueprints")) return <NoAccess />;
  return blueprintId ? <EditDesigner blueprintId={blueprintId} /> : <CreateDesigner />;
}

function usePageTitle(name: string): string {
  const { t } = useTranslation("blueprints");
  const { t: tc } = useTranslation();
  const tenant = useTenant();
  return `${name} · ${t("list.title")} · ${tenant.tenant.name} · ${tc("app.name")}`;
}

function CreateDesigner() {
  const { t } = useTranslation("blueprints");
  const tenant = useTenant();
  const navigate = useNavigate();
  const create = useCreateBlueprintMutation();
  const title = usePageTitle(t("designer.newTitle"));
  return (
    <Designer
      saved={null}
      initialDraft={() => ({ details: { name: "", description: "", icon: null }, fields: [] })}
      saving={create.isPending}
      onReload={() => undefined}
      header={({ save, saving }) => (
        <>
          <title>{title}</title>
          <PageHeader
            title={t("designer.newTitle")}
            description={t("designer.newDescription")}
            actions={
              <>
                <Button variant="outline" asChild>
                  <Link to={tenant.path("blueprints")}>{t("designer.cancel")}</Link>
                </Button>
                <Button onClick={save} loading={saving}>
                  {t("designer.create")}
                </Button>
              </>
            }
          />
        </>
      )}
      onSave={async ({ draft, key }) => {
        const saved = await create.mutateAsync({
          tenantId: tenant.tenant.id,
          name: draft.details.name,
          key,
          description: draft.details.description,
          icon: draft.details.icon,
          fields: draft.fields.map((item) => cleanField(item.field)),
        });
        toast.success(t("designer.created", { name: saved.name }));
        navigate(tenant.path(`blueprints/${saved.id}`), { replace: true });
      }}
    />
  );
}

function EditDesigner({ blueprintId }: { blueprintId: string }) {
  const { t } = useTranslation("blueprints");
  const tenant = useTenant();
  const query = useBlueprintQuery(blueprintId);
  const update = useUpdateBlueprintMutation();
  const count = useEntityCountQuery(blueprintId);
  const [savedVersion, setSavedVersion] = useState<number | null>(null);
  const title = usePageTitle(query.data?.blueprint.name ?? t("designer.loading"));

  if (query.isPending) return <PageLoading label={t("designer.loading")} />;
  if (query.isError) return <PageLoadError error={query.error} onRetry={() => void query.refetch()} />;
  const { blueprint, fields } = query.data;
  const details = { name: blueprint.name, description: blueprint.description ?? "", icon: blueprint.icon };
  const hasStatus = fields.some((field) => field.type === "status");
  const entities = count.data?.value ?? 0;
  const notice =
    savedVersion !== null && savedVersion === blueprint.version && entities > 0 ? (
      <Alert tone="info" title={t("migrationNotice.title", { version: savedVersion })}>
        <p>{t("migrationNotice.body", { count: entities })}</p>
        <Button asChild size="sm" className="mt-2">
          <Link to={tenant.path(`blueprints/${blueprint.id}/migrate?to=${savedVersion}`)}>{t("migrationNotice.action")}</Link>
        </Button>
      </Alert>
    ) : null;

  return (
    <Designer
      key={blueprint.version}
      saved={{ id: blueprint.id, key: blueprint.key, details, fields }}
      initialDraft={() => draftFromVersion(details, fields)}
      saving={update.isPending}
      onReload={() => void query.refetch()}
      notice={notice}
      header={({ dirty, save, saving, changeCount, allowLeave }) => (
        <>
          <title>{title}</title>
          <PageHeader
            title={blueprint.name}
            description={t("designer.editDescription", { version: blueprint.version, key: blueprint.key })}
            actions={
              <>
                {dirty ? <Badge variant="outline">{t("designer.unsaved", { count: changeCount })}</Badge> : null}
                <Button variant="ghost" asChild>
                  <Link to={tenant.path(`blueprints/${blueprint.id}/versions`)}>
                    <History aria-hidden="true" className="size-4" />
                    {t("designer.versions")}
                  </Link>
                </Button>
                <Button variant="ghost" asChild>
                  <Link to={tenant.path(`records/${blueprint.key}`)}>
                    <Rows3 aria-hidden="true" className="size-4" />
                    {t("designer.records")}
                  </Link>
                </Button>
                {hasStatus && tenant.can("manage_flows") ? (
                  <Button variant="ghost" asChild>
                    <Link to={tenant.path(`flows/${blueprint.id}`)}>
                      <GitBranch aria-hidden="true" className="size-4" />
                      {t("designer.flow")}
                    </Link>
                  </Button>
                ) : null}
                <DeleteBlueprintButton blueprint={blueprint} onDeleted={allowLeave} />
                <Button onClick={save} loading={saving} disabled={!dirty}>
                  {t("designer.save")}
                </Button>
              </>
            }
          />
        </>
      )}
      onSave={async ({ changes }) => {
        const saved = await update.mutateAsync({ blueprintId: blueprint.id, expectedVersion: blueprint.version, changes });
        toast.success(t("designer.saved", { version: saved.version }));
        if (changesNeedMigration(changes)) setSavedVersion(saved.version);
      }}
    />
  );
}
