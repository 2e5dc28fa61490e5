import { ArrowLeft, Shuffle } from "lucide-react";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams, useSearchParams } from "react-router";
import { Alert } from "../../../components/ui/alert.tsx";
import { Badge } from "../../../components/ui/badge.tsx";
import { Button } from "../../../components/ui/button.tsx";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "../../../components/ui/card.tsx";
import { cn } from "../../../components/ui/cn.ts";
import { PageHeader } from "../../../components/ui/page-header.tsx";
import { useApiErrorText } from "../../../lib/api-error-text.ts";
import { useTenant } from "../../tenants/hooks/current-tenant.tsx";
import { useBlueprintQuery } from "../api/blueprint-query.ts";
import { type BlueprintVersion, useBlueprintVersionsQuery } from "../api/blueprint-versions-query.ts";
import { useBlueprintsQuery } from "../api/blueprints-query.ts";
import { usePeopleQuery } from "../api/people-query.ts";
import { changesNeedMigration } from "../lib/draft.ts";
import { diffVersions } from "../lib/version-diff.ts";
import { NoAccess, PageLoadError, PageLoading } from "./page-states.tsx";
import { VersionDiffView } from "./version-diff-view.tsx";

/** /t/:slug/blueprints/:blueprintId/versions: every version, and what each changed from the one before. */
export function VersionsPage() {
  const tenant = useTenant();
  const { blueprintId = "" } = useParams();
  if (!tenant.can("manage_blueprints")) return <NoAccess />;
  return <Versions blueprintId={blueprintId} />;
}

function Versions({ blueprintId }: { blueprintId: string }) {
  const { t } = useTranslation("blueprints");
  const { t: tc } = useTranslation();
  const tenant = useTenant();
  const errorText = useApiErrorText();
  const blueprint = useBlueprintQuery(blueprintId);
  const versions = useBlueprintVersionsQuery(blueprintId);
  const targets = useBlueprintsQuery(tenant.tenant.id).data ?? [];
  const people = usePeopleQuery((versions.data ?? []).flatMap((v) => (v.createdBy ? [v.createdBy] : [])));
  const [params, setParams] = useSearchParams();

  const list = versions.data ?? [];
  const latest = list[0]?.version ?? 0;
  const selectedNumber = Number(params.get("version") ?? latest) || latest;
  const selected = list.find((v) => v.version === selectedNumber) ?? list[0];
  const predecessor = selected ? list.find((v) => v.version === selected.version - 1) : undefined;
  const diff = useMemo(
    () => (selected ? diffVersions(predecessor?.fields ?? [], selected.fields, predecessor ? selected.changes : []) : null),
    [selected, predecessor],
  );

  if (blueprint.isPending || versions.isPending) return <PageLoading label={t("versions.loading")} />;
  if (blueprint.isError) return <PageLoadError error={blueprint.error} onRetry={() => void blueprint.refetch()} />;
  const { name } = blueprint.data.blueprint;
  const author = (version: BlueprintVersion) =>
    version.createdBy ? people.data?.get(version.createdBy) || t("versions.someone") : t("versions.someone");

  return (
    <div className="grid gap-6">
      <title>{`${t("versions.title", { name })} · ${tenant.tenant.name} · ${tc("app.name")}`}</title>
      <div>
        <Button variant="link" asChild>
          <Link to={tenant.path(`blueprints/${blueprintId}`)}>
            <ArrowLeft aria-hidden="true" className="size-4" />
            {t("versions.back", { name })}
          </Link>
        </Button>
      </div>
      <PageHeader
        title={t("versions.title", { name })}
        description={t("versions.description")}
        actions={
          <Button variant="outline" asChild>
            <Link to={tenant.path(`blueprints/${blueprintId}/migrate?to=${latest}`)}>
              <Shuffle aria-hidden="true" className="size-4" />
              {t("versions.migrate")}
            </Link>
          </Button>
        }
      />
      {versions.isError ? (
        <Alert tone="error" title={t("versions.loadFailed")}>
          {errorText(versions.error)}
        </Alert>
      ) : (
        <div className="grid items-start gap-6 lg:grid-cols-[18rem_minmax(0,1fr)]">
          <nav aria-label={t("versions.listLabel")}>
            <ol className="grid gap-2">
              {list.map((version) => {
                const current = version.version === selected?.version;
                return (
                  <li key={version.version}>
                    <Link
                      to={`?version=${version.version}`}
                      replace
                      aria-current={current ? "page" : undefined}
                      onClick={(event) => {
                        event.preventDefault();
                        setParams({ version: String(version.version) }, { replace: true });
                      }}
                      className={cn(
                        "grid gap-0.5 rounded-lg border p-3 text-sm hover:bg-muted focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring",
                        current && "border-primary bg-secondary",
                      )}
                    >
                      <span className="flex items-center gap-2 font-medium">
                        {t("versions.version", { version: version.version })}
                        {version.version === latest ? <Badge variant="primary">{t("versions.latest")}</Badge> : null}
                      </span>
                      <span className="text-muted-foreground">{tenant.formatDateTime(version.createdAt)}</span>
                      <span className="text-muted-foreground">{author(version)}</span>
                    </Link>
                  </li>
                );
              })}
            </ol>
          </nav>
          {selected && diff ? (
            <Card aria-labelledby="version-diff-title">
              <CardHeader>
                <CardTitle id="version-diff-title">
                  {predecessor
                    ? t("versions.diffTitle", { version: selected.version, previous: predecessor.version })
                    : t("versions.firstTitle")}
                </CardTitle>
                <CardDescription>
                  {t("versions.savedBy", { who: author(selected), when: tenant.formatDateTime(selected.createdAt) })}
                </CardDescription>
              </CardHeader>
              <CardContent className="grid gap-4">
                <VersionDiffView diff={diff} targets={targets} firstVersion={!predecessor} />
                {predecessor && changesNeedMigration(selected.changes as { op: string }[]) ? (
                  <p className="text-sm text-muted-foreground">{t("versions.needsMigration")}</p>
                ) : null}
                <div>
                  <Button variant="outline" asChild>
                    <Link to={tenant.path(`blueprints/${blueprintId}/migrate?to=${selected.version}`)}>
                      {t("versions.migrateTo", { version: selected.version })}
                    </Link>
                  </Button>
                </div>
              </CardContent>
            </Card>
          ) : null}
        </div>
      )}
    </div>
  );
}
