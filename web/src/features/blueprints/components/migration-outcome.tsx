import type { FieldDefinition } from "@flexoffice/shared";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { Alert } from "../../../components/ui/alert.tsx";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "../../../components/ui/table.tsx";
import { useApiErrorText } from "../../../lib/api-error-text.ts";
import { useTenant } from "../../tenants/hooks/current-tenant.tsx";
import { useEntityTitlesQuery } from "../api/entity-titles-query.ts";
import type { MigrationFailure } from "../api/migrate-entities-mutation.ts";
import { jobFinished, useMigrationJobQuery } from "../api/migration-job-query.ts";

/** A finished migration or check, whether it ran in the call or as a job. */
export type Outcome = {
  dryRun: boolean;
  total: number;
  migrated: number;
  failed: number;
  failures: MigrationFailure[];
  jobFailed?: string | null;
};

const KNOWN_RULES = ["required", "unique"] as const;

/** The entities that could not be converted: which one, which field, which rule, in words. */
export function FailuresTable({
  failures,
  fields,
  blueprintKey,
  total,
}: {
  failures: MigrationFailure[];
  fields: readonly FieldDefinition[];
  blueprintKey: string;
  total: number;
}) {
  const { t, i18n } = useTranslation("blueprints");
  const { t: tc } = useTranslation();
  const tenant = useTenant();
  const english = (i18n.resolvedLanguage ?? "en").startsWith("en");
  const titles = useEntityTitlesQuery(
    failures.map((failure) => failure.id),
    fields,
  ).data;
  const labelOf = (key: string | null) => (key ? (fields.find((f) => f.key === key)?.label ?? key) : "—");
  const text = (failure: MigrationFailure) => {
    const rule = KNOWN_RULES.find((known) => known === failure.rule);
    if (rule) return tc(`apiErrors.rules.${rule}`, { field: labelOf(failure.field) });
    if (english && failure.message) return failure.message;
    return t("migrate.ruleBroken", { rule: failure.rule ?? "?" });
  };
  return (
    <div className="grid gap-2">
      <Table>
        <caption className="sr-only">{t("migrate.failuresCaption")}</caption>
        <TableHeader>
          <TableRow>
            <TableHead scope="col">{t("migrate.entity")}</TableHead>
            <TableHead scope="col">{t("migrate.field")}</TableHead>
            <TableHead scope="col">{t("migrate.problem")}</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {failures.map((failure) => (
            <TableRow key={failure.id}>
              <TableCell>
                <Link
                  to={tenant.path(`records/${blueprintKey}/${failure.id}`)}
                  className="text-primary underline-offset-4 hover:underline"
                >
                  {titles?.get(failure.id) ?? <span className="font-mono text-xs">{failure.id.slice(0, 8)}</span>}
                </Link>
              </TableCell>
              <TableCell>{labelOf(failure.field)}</TableCell>
              <TableCell>{text(failure)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {total > failures.length ? (
        <p className="text-xs text-muted-foreground">{t("migrate.moreFailures", { shown: failures.length, total })}</p>
      ) : null}
    </div>
  );
}

/** Follows a background job until it is done, then hands its outcome up. */
export function JobProgress({ jobId, onDone }: { jobId: string; onDone: (outcome: Outcome) => void }) {
  const { t } = useTranslation("blueprints");
  const errorText = useApiErrorText();
  const job = useMigrationJobQuery(jobId);
  const data = job.data;
  useEffect(() => {
    if (data && jobFinished(data)) {
      onDone({
        dryRun: data.dry_run,
        total: data.total,
        migrated: data.migrated,
        failed: data.failed,
        failures: data.failures,
        jobFailed: data.status === "failed" ? (data.error ?? "") : null,
      });
    }
  }, [data, onDone]);
  if (job.isError) return <Alert tone="error">{errorText(job.error)}</Alert>;
  const processed = data?.processed ?? 0;
  const total = data?.total ?? 0;
  const percent = total > 0 ? Math.round((processed / total) * 100) : 0;
  return (
    <div className="grid gap-2">
      <div
        role="progressbar"
        aria-label={t("migrate.progressLabel")}
        aria-valuemin={0}
        aria-valuemax={total}
        aria-valuenow={processed}
        aria-valuetext={t("migrate.progress", { processed, total })}
        className="h-3 w-full overflow-hidden rounded-full bg-muted"
      >
        <div className="h-full bg-primary motion-safe:transition-all" style={{ width: `${percent}%` }} />
      </div>
      <p role="status" className="text-sm text-muted-foreground">
        {!data || data.status === "queued" ? t("migrate.queued", { total }) : t("migrate.progress", { processed, total })}
      </p>
    </div>
  );
}

/** The numbers of a finished check or migration, and its failures. */
export function OutcomeView({
  outcome,
  fields,
  blueprintKey,
  version,
}: {
  outcome: Outcome;
  fields: readonly FieldDefinition[];
  blueprintKey: string;
  version: number;
}) {
  const { t } = useTranslation("blueprints");
  if (outcome.jobFailed !== undefined && outcome.jobFailed !== null) {
    return (
      <Alert tone="error" title={t("migrate.jobFailed")}>
        {outcome.jobFailed || t("migrate.jobFailedBody")}
      </Alert>
    );
  }
  if (outcome.total === 0) return <Alert tone="success">{t("migrate.upToDate", { version })}</Alert>;
  const stats = outcome.dryRun
    ? [
        [t("migrate.total"), outcome.total],
        [t("migrate.wouldMigrate"), outcome.migrated],
        [t("migrate.wouldFail"), outcome.failed],
      ]
    : [
        [t("migrate.total"), outcome.total],
        [t("migrate.migrated"), outcome.migrated],
        [t("migrate.failed"), outcome.failed],
      ];
  return (
    <div className="grid gap-4">
      <dl className="grid grid-cols-3 gap-3">
        {stats.map(([label, value]) => (
          <div key={String(label)} className="rounded-lg border p-3">
            <dt className="text-xs text-muted-foreground">{label}</dt>
            <dd className="text-2xl font-semibold tabular-nums">{value}</dd>
          </div>
        ))}
      </dl>
      {outcome.dryRun ? null : (
        <Alert tone={outcome.failed > 0 ? "info" : "success"}>
          {t("migrate.doneBody", { count: outcome.migrated, version })}
          {outcome.failed > 0 ? ` ${t("migrate.doneFailed", { count: outcome.failed })}` : ""}
        </Alert>
      )}
      {outcome.failed > 0 ? (
        <section aria-labelledby={outcome.dryRun ? "check-failures" : "run-failures"} className="grid gap-2">
          <h3 id={outcome.dryRun ? "check-failures" : "run-failures"} className="font-semibold">
            {outcome.dryRun
              ? t("migrate.checkFailuresTitle", { count: outcome.failed })
              : t("migrate.runFailuresTitle", { count: outcome.failed })}
          </h3>
          <p className="text-sm text-muted-foreground">
            {outcome.dryRun ? t("migrate.checkFailuresBody") : t("migrate.runFailuresBody")}
          </p>
          <FailuresTable failures={outcome.failures} fields={fields} blueprintKey={blueprintKey} total={outcome.failed} />
        </section>
      ) : null}
    </div>
  );
}
