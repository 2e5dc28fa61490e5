import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Alert } from "../../../components/ui/alert.tsx";
import { Button } from "../../../components/ui/button.tsx";
import { Dialog, DialogClose, DialogContent, DialogDescription, DialogTitle } from "../../../components/ui/dialog.tsx";
import { Skeleton } from "../../../components/ui/skeleton.tsx";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "../../../components/ui/table.tsx";
import { useApiErrorText } from "../../../lib/api-error-text.ts";
import { useTenant } from "../../tenants/hooks/current-tenant.tsx";
import { useAuditEntryQuery } from "../api/audit-entry-query.ts";
import { type AuditEntry, actorLabel, diffRows, formatValue } from "../lib/audit-entries.ts";
import { OutcomeBadge } from "./audit-results.tsx";
import { useAuditLabels } from "./use-audit-labels.ts";

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="grid gap-0.5">
      <dt className="text-xs font-medium text-muted-foreground">{label}</dt>
      <dd className="break-words text-sm">{children}</dd>
    </div>
  );
}

function Value({ value, present }: { value: unknown; present: boolean }) {
  const { t } = useTranslation("audit");
  if (!present) return <span className="text-muted-foreground">{t("entry.none")}</span>;
  return <span className="whitespace-pre-wrap break-words font-mono text-xs">{formatValue(value)}</span>;
}

function EntryBody({ entry }: { entry: AuditEntry }) {
  const { t } = useTranslation("audit");
  const tenant = useTenant();
  const labels = useAuditLabels();
  const rows = diffRows(entry.before, entry.after);
  const details = entry.details && Object.keys(entry.details).length > 0 ? entry.details : null;
  return (
    <div className="grid gap-5">
      <dl className="grid gap-3 sm:grid-cols-2">
        <Fact label={t("entry.when")}>{tenant.formatDateTime(entry.occurred_at)}</Fact>
        <Fact label={t("entry.who")}>{actorLabel(entry) ?? t("system")}</Fact>
        {entry.actor_name?.trim() && entry.actor_email ? <Fact label={t("entry.email")}>{entry.actor_email}</Fact> : null}
        <Fact label={t("entry.action")}>
          {labels.action(entry.action)} <span className="font-mono text-xs text-muted-foreground">({entry.action})</span>
        </Fact>
        <Fact label={t("entry.outcome")}>
          <OutcomeBadge outcome={entry.outcome} />
        </Fact>
        <Fact label={t("entry.object")}>
          {labels.objectType(entry.object_type)}
          {entry.object_id ? <span className="block font-mono text-xs text-muted-foreground">{entry.object_id}</span> : null}
        </Fact>
        {entry.reason || typeof entry.details?.reason === "string" ? (
          <Fact label={t("entry.reason")}>{entry.reason ?? String(entry.details?.reason)}</Fact>
        ) : null}
        <Fact label={t("entry.ip")}>{entry.ip ?? t("entry.none")}</Fact>
        <Fact label={t("entry.userAgent")}>{entry.user_agent ?? t("entry.none")}</Fact>
        <Fact label={t("entry.sequence")}>{entry.chain_seq}</Fact>
      </dl>
      <section aria-labelledby="audit-entry-changes" className="grid gap-2">
        <h3 id="audit-entry-changes" className="font-semibold">
          {t("entry.changes")}
        </h3>
        {entry.values_hidden ? <Alert>{t("entry.valuesHidden")}</Alert> : null}
        {rows.length === 0 ? (
          <p className="text-sm text-muted-foreground">{t("entry.noChanges")}</p>
        ) : (
          <Table>
            <TableHeader>
              <TableRow>
                <TableHead>{t("entry.field")}</TableHead>
                <TableHead>{t("entry.before")}</TableHead>
                <TableHead>{t("entry.after")}</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {rows.map((row) => (
                <TableRow key={row.field}>
                  <TableCell className="align-top font-mono text-xs">{row.field}</TableCell>
                  <TableCell className="align-top">
                    <Value value={row.before} present={"before" in row} />
                  </TableCell>
                  <TableCell className="align-top">
                    <Value value={row.after} present={"after" in row} />
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </section>
      {details ? (
        <section aria-labelledby="audit-entry-details" className="grid gap-2">
          <h3 id="audit-entry-details" className="font-semibold">
            {t("entry.details")}
          </h3>
          <pre className="whitespace-pre-wrap break-all rounded-lg border bg-muted p-3 text-xs">
            {JSON.stringify(details, null, 2)}
          </pre>
        </section>
      ) : null}
    </div>
  );
}

/** One entry whole (get_audit_entry): its facts, its before/after diff, its details. */
export function AuditEntryDialog({ tenantId, id, onClose }: { tenantId: string; id: number | null; onClose: () => void }) {
  const { t } = useTranslation("audit");
  const errorText = useApiErrorText();
  const entry = useAuditEntryQuery(tenantId, id);
  return (
    <Dialog open={id !== null} onOpenChange={(open) => (open ? undefined : onClose())}>
      <DialogContent className="max-h-[90dvh] overflow-y-auto sm:max-w-3xl">
        <DialogTitle>{t("entry.title", { id: id ?? "" })}</DialogTitle>
        <DialogDescription className="sr-only">{t("entry.changes")}</DialogDescription>
        {entry.isPending ? (
          <div className="grid gap-2">
            <p role="status" className="sr-only">
              {t("entry.loading")}
            </p>
            <Skeleton className="h-24 w-full" />
            <Skeleton className="h-32 w-full" />
          </div>
        ) : entry.isError ? (
          <Alert tone="error" title={t("entry.loadFailed")}>
            {errorText(entry.error)}
          </Alert>
        ) : (
          <EntryBody entry={entry.data} />
        )}
        <div className="flex justify-end">
          <DialogClose asChild>
            <Button variant="outline">{t("entry.close")}</Button>
          </DialogClose>
        </div>
      </DialogContent>
    </Dialog>
  );
}
