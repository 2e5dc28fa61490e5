import { useQueryClient } from "@tanstack/react-query";
import { ArrowLeft } from "lucide-react";
import { useCallback, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams, useSearchParams } from "react-router";
import { Alert } from "../../../components/ui/alert.tsx";
import { Button } from "../../../components/ui/button.tsx";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "../../../components/ui/card.tsx";
import { FormField } from "../../../components/ui/form-field.tsx";
import { PageHeader } from "../../../components/ui/page-header.tsx";
import { Select } from "../../../components/ui/select.tsx";
import { toast } from "../../../components/ui/toast.ts";
import { useApiErrorText } from "../../../lib/api-error-text.ts";
import { useTenant } from "../../tenants/hooks/current-tenant.tsx";
import { useBlueprintQuery } from "../api/blueprint-query.ts";
import { useBlueprintVersionsQuery } from "../api/blueprint-versions-query.ts";
import { ENTITIES_ROOT_KEY } from "../api/keys.ts";
import { type MigrationAnswer, useMigrateEntitiesMutation } from "../api/migrate-entities-mutation.ts";
import { useActiveJobQuery } from "../api/migration-job-query.ts";
import { JobProgress, type Outcome, OutcomeView } from "./migration-outcome.tsx";
import { NoAccess, PageLoadError, PageLoading } from "./page-states.tsx";

/** /t/:slug/blueprints/:blueprintId/migrate?to=N: choose a version, check what would happen, migrate. */
export function MigrationPage() {
  const tenant = useTenant();
  const { blueprintId = "" } = useParams();
  if (!tenant.can("manage_blueprints")) return <NoAccess />;
  return <MigrationWizard blueprintId={blueprintId} />;
}

/** A step's state: nothing yet, a background job under way, or its outcome. */
type Step = { kind: "idle" } | { kind: "job"; jobId: string } | { kind: "done"; outcome: Outcome };

const toStep = (answer: MigrationAnswer): Step =>
  answer.kind === "job" ? { kind: "job", jobId: answer.jobId } : { kind: "done", outcome: answer };

function MigrationWizard({ blueprintId }: { blueprintId: string }) {
  const { t } = useTranslation("blueprints");
  const { t: tc } = useTranslation();
  const tenant = useTenant();
  const errorText = useApiErrorText();
  const blueprint = useBlueprintQuery(blueprintId);
  const versions = useBlueprintVersionsQuery(blueprintId);
  const [params, setParams] = useSearchParams();
  const migrate = useMigrateEntitiesMutation();
  const queryClient = useQueryClient();
  const [check, setCheck] = useState<Step>({ kind: "idle" });
  const [run, setRun] = useState<Step>({ kind: "idle" });
  const [error, setError] = useState<unknown>(null);

  // A migration started earlier and still under way is followed again, not forgotten.
  const active = useActiveJobQuery(blueprintId).data;
  const resumed = useRef(false);
  useEffect(() => {
    if (!active || resumed.current) return;
    resumed.current = true;
    setParams({ to: String(active.to_version) }, { replace: true });
    if (active.dry_run) setCheck({ kind: "job", jobId: active.id });
    else setRun({ kind: "job", jobId: active.id });
  }, [active, setParams]);

  const onCheckDone = useCallback((outcome: Outcome) => setCheck({ kind: "done", outcome }), []);
  const onRunDone = useCallback(
    (outcome: Outcome) => {
      setRun({ kind: "done", outcome });
      void queryClient.invalidateQueries({ queryKey: ENTITIES_ROOT_KEY });
    },
    [queryClient],
  );

  if (blueprint.isPending || versions.isPending) return <PageLoading label={t("migrate.loading")} />;
  if (blueprint.isError) return <PageLoadError error={blueprint.error} onRetry={() => void blueprint.refetch()} />;
  const { name, key, version: latest } = blueprint.data.blueprint;
  const list = versions.data ?? [];
  const wanted = Number(params.get("to") ?? latest);
  const target = list.some((v) => v.version === wanted) ? wanted : latest;
  const targetFields = list.find((v) => v.version === target)?.fields ?? blueprint.data.fields;

  const start = (dryRun: boolean) => {
    setError(null);
    // A new check replaces the old numbers; they must not be read as its answer meanwhile.
    if (dryRun) {
      setCheck({ kind: "idle" });
      setRun({ kind: "idle" });
    }
    migrate.mutate(
      { blueprintId, toVersion: target, dryRun },
      {
        onSuccess: (answer) => {
          if (dryRun) setCheck(toStep(answer));
          else {
            setRun(toStep(answer));
            if (answer.kind === "report") toast.success(t("migrate.toastDone", { count: answer.migrated, version: target }));
          }
        },
        onError: setError,
      },
    );
  };
  const checked = check.kind === "done" ? check.outcome : null;
  const runOutcome = run.kind === "done" ? run.outcome : null;

  return (
    <div className="grid gap-6">
      <title>{`${t("migrate.title", { name })} · ${tenant.tenant.name} · ${tc("app.name")}`}</title>
      <div>
        <Button variant="link" asChild>
          <Link to={tenant.path(`blueprints/${blueprintId}/versions`)}>
            <ArrowLeft aria-hidden="true" className="size-4" />
            {t("migrate.back")}
          </Link>
        </Button>
      </div>
      <PageHeader title={t("migrate.title", { name })} description={t("migrate.description")} />
      {error ? <Alert tone="error">{errorText(error)}</Alert> : null}

      <Card aria-labelledby="migrate-step-1">
        <CardHeader>
          <CardTitle id="migrate-step-1">{t("migrate.step1")}</CardTitle>
          <CardDescription>{t("migrate.step1Body")}</CardDescription>
        </CardHeader>
        <CardContent className="grid gap-4">
          <FormField label={t("migrate.target")} className="max-w-sm">
            {(control) => (
              <Select
                {...control}
                value={String(target)}
                onChange={(event) => {
                  setParams({ to: event.target.value }, { replace: true });
                  setCheck({ kind: "idle" });
                  setRun({ kind: "idle" });
                }}
              >
                {list.map((v) => (
                  <option key={v.version} value={v.version}>
                    {v.version === latest
                      ? t("migrate.latestVersion", { version: v.version })
                      : t("versions.version", { version: v.version })}
                  </option>
                ))}
              </Select>
            )}
          </FormField>
          <div>
            <Button
              variant={checked ? "outline" : "primary"}
              loading={migrate.isPending && migrate.variables?.dryRun === true}
              disabled={check.kind === "job" || run.kind === "job"}
              onClick={() => start(true)}
            >
              {checked ? t("migrate.checkAgain") : t("migrate.check")}
            </Button>
          </div>
        </CardContent>
      </Card>

      {check.kind !== "idle" ? (
        <Card aria-labelledby="migrate-step-2">
          <CardHeader>
            <CardTitle id="migrate-step-2">{t("migrate.step2")}</CardTitle>
            <CardDescription>{t("migrate.step2Body", { version: target })}</CardDescription>
          </CardHeader>
          <CardContent className="grid gap-4">
            {check.kind === "job" ? <JobProgress jobId={check.jobId} onDone={onCheckDone} /> : null}
            {checked ? <OutcomeView outcome={checked} fields={targetFields} blueprintKey={key} version={target} /> : null}
            {checked && checked.total > 0 && !checked.jobFailed && run.kind === "idle" ? (
              <div className="flex flex-wrap items-center gap-3">
                <Button
                  loading={migrate.isPending && migrate.variables?.dryRun === false}
                  disabled={checked.migrated === 0}
                  onClick={() => start(false)}
                >
                  {checked.failed > 0
                    ? t("migrate.runSome", { count: checked.migrated, failed: checked.failed })
                    : t("migrate.run", { count: checked.migrated })}
                </Button>
                {checked.failed > 0 ? (
                  <Button variant="outline" asChild>
                    <Link to={tenant.path(`records/${key}`)}>{t("migrate.fixInRecords")}</Link>
                  </Button>
                ) : null}
              </div>
            ) : null}
          </CardContent>
        </Card>
      ) : null}

      {run.kind !== "idle" ? (
        <Card aria-labelledby="migrate-step-3">
          <CardHeader>
            <CardTitle id="migrate-step-3">{t("migrate.step3")}</CardTitle>
            <CardDescription>{t("migrate.step3Body", { version: target })}</CardDescription>
          </CardHeader>
          <CardContent className="grid gap-4">
            {run.kind === "job" ? <JobProgress jobId={run.jobId} onDone={onRunDone} /> : null}
            {runOutcome ? <OutcomeView outcome={runOutcome} fields={targetFields} blueprintKey={key} version={target} /> : null}
            {runOutcome ? (
              <div className="flex flex-wrap gap-3">
                <Button variant="outline" asChild>
                  <Link to={tenant.path(`records/${key}`)}>{t("migrate.openRecords")}</Link>
                </Button>
                <Button variant="ghost" asChild>
                  <Link to={tenant.path(`blueprints/${blueprintId}`)}>{t("migrate.backToDesigner")}</Link>
                </Button>
              </div>
            ) : null}
          </CardContent>
        </Card>
      ) : null}
    </div>
  );
}
