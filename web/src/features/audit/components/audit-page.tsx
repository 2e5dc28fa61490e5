import { ScrollText, ShieldAlert, ShieldCheck } from "lucide-react";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { Alert } from "../../../components/ui/alert.tsx";
import { Button } from "../../../components/ui/button.tsx";
import { EmptyState } from "../../../components/ui/empty-state.tsx";
import { PageHeader } from "../../../components/ui/page-header.tsx";
import { Skeleton } from "../../../components/ui/skeleton.tsx";
import { useApiErrorText } from "../../../lib/api-error-text.ts";
import { useTenant } from "../../tenants/hooks/current-tenant.tsx";
import { useActorsQuery } from "../api/actors-query.ts";
import { useAuditSearchQuery } from "../api/audit-search-query.ts";
import { useVerifyChainMutation } from "../api/verify-chain-mutation.ts";
import { type AuditFilters, filtersFromParams, filtersToParams, searchArgs } from "../lib/audit-filters.ts";
import { zonedToday } from "../lib/zoned-time.ts";
import { AuditEntryDialog } from "./audit-entry-dialog.tsx";
import { AuditFiltersForm } from "./audit-filters-form.tsx";
import { AuditResults } from "./audit-results.tsx";
import { VerifyChainResult } from "./verify-chain-result.tsx";

function ResultsSkeleton() {
  const { t } = useTranslation("audit");
  return (
    <div className="grid gap-2">
      <p role="status" className="sr-only">
        {t("loading")}
      </p>
      {[0, 1, 2, 3, 4].map((n) => (
        <Skeleton key={n} className="h-12 w-full" />
      ))}
    </div>
  );
}

function AuditLog() {
  const { t } = useTranslation("audit");
  const errorText = useApiErrorText();
  const tenant = useTenant();
  const tenantId = tenant.tenant.id;
  const timeZone = tenant.tenant.timezone;
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => filtersFromParams(params), [params]);
  const args = useMemo(() => searchArgs(filters, timeZone), [filters, timeZone]);
  const openId = Number(params.get("entry")) || null;
  const search = useAuditSearchQuery(tenantId, args);
  const actors = useActorsQuery(tenantId);
  const verify = useVerifyChainMutation(tenantId);
  const entries = search.data?.pages.flatMap((page) => page.entries) ?? [];

  const apply = (next: AuditFilters) => setParams(filtersToParams(next));
  const open = (id: number | null) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (id === null) next.delete("entry");
        else next.set("entry", String(id));
        return next;
      },
      { replace: true },
    );

  return (
    <>
      <PageHeader
        title={t("title")}
        description={t("description", { name: tenant.tenant.name, zone: timeZone })}
        className="mb-0"
        actions={
          <Button variant="outline" loading={verify.isPending} onClick={() => verify.mutate()}>
            <ShieldCheck aria-hidden="true" className="size-4" />
            {t("verify.button")}
          </Button>
        }
      />
      <div aria-live="polite" className="empty:hidden">
        {verify.isPending ? (
          <p role="status" className="text-sm text-muted-foreground">
            {t("verify.running")}
          </p>
        ) : (
          <VerifyChainResult result={verify.data} error={verify.error} onOpen={open} />
        )}
      </div>
      <AuditFiltersForm
        filters={filters}
        actors={actors.data ?? []}
        timeZone={timeZone}
        today={zonedToday(timeZone)}
        onApply={apply}
      />
      <section aria-label={t("title")} className="grid gap-3">
        {search.isPending ? (
          <ResultsSkeleton />
        ) : search.isError ? (
          <Alert tone="error" title={t("loadFailed")}>
            <p>{errorText(search.error)}</p>
            <Button variant="link" onClick={() => void search.refetch()}>
              {t("retry")}
            </Button>
          </Alert>
        ) : entries.length === 0 ? (
          <EmptyState icon={<ScrollText />} title={t("empty.title")} description={t("empty.body")} />
        ) : (
          <>
            <p className="text-sm text-muted-foreground" aria-live="polite">
              {t("shownCount", { count: entries.length })}
            </p>
            <AuditResults entries={entries} onOpen={open} />
            {search.hasNextPage ? (
              <div>
                <Button variant="outline" loading={search.isFetchingNextPage} onClick={() => void search.fetchNextPage()}>
                  {t("loadMore")}
                </Button>
              </div>
            ) : null}
          </>
        )}
      </section>
      <AuditEntryDialog tenantId={tenantId} id={openId} onClose={() => open(null)} />
    </>
  );
}

/** /t/:slug/audit: search, read and verify the workspace's audit log (view_audit). */
export function AuditPage() {
  const { t } = useTranslation("audit");
  const { t: tc } = useTranslation();
  const tenant = useTenant();
  return (
    <div className="grid gap-6">
      <title>{`${t("title")} · ${tenant.tenant.name} · ${tc("app.name")}`}</title>
      {tenant.can("view_audit") ? (
        <AuditLog />
      ) : (
        <>
          <PageHeader title={t("title")} className="mb-0" />
          <EmptyState icon={<ShieldAlert />} title={t("noAccess.title")} description={t("noAccess.body")} />
        </>
      )}
    </div>
  );
}
