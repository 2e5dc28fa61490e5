import { useTranslation } from "react-i18next";
import { Badge, type BadgeVariant } from "../../../components/ui/badge.tsx";
import { Button } from "../../../components/ui/button.tsx";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "../../../components/ui/table.tsx";
import { useTenant } from "../../tenants/hooks/current-tenant.tsx";
import { type AuditOutcome, type AuditSummary, actorLabel } from "../lib/audit-entries.ts";
import { useAuditLabels } from "./use-audit-labels.ts";

const OUTCOME_BADGE: Record<AuditOutcome, BadgeVariant> = { success: "success", denied: "destructive", failure: "outline" };

export function OutcomeBadge({ outcome }: { outcome: AuditOutcome }) {
  const { t } = useTranslation("audit");
  return <Badge variant={OUTCOME_BADGE[outcome]}>{t(`outcomes.${outcome}`)}</Badge>;
}

/** One summary line per entry: when, who, what, on which object, and the changed fields or the refusal's reason. */
export function AuditResults({ entries, onOpen }: { entries: AuditSummary[]; onOpen: (id: number) => void }) {
  const { t } = useTranslation("audit");
  const tenant = useTenant();
  const labels = useAuditLabels();
  return (
    <Table>
      <TableHeader>
        <TableRow>
          <TableHead>{t("columns.when")}</TableHead>
          <TableHead>{t("columns.who")}</TableHead>
          <TableHead>{t("columns.action")}</TableHead>
          <TableHead>{t("columns.object")}</TableHead>
          <TableHead>{t("columns.details")}</TableHead>
          <TableHead className="text-right">{t("columns.open")}</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {entries.map((entry) => (
          <TableRow key={entry.id}>
            <TableCell className="whitespace-nowrap">{tenant.formatDateTime(entry.occurred_at)}</TableCell>
            <TableCell className="max-w-48 truncate" title={entry.actor_email ?? undefined}>
              {actorLabel(entry) ?? <span className="text-muted-foreground">{t("system")}</span>}
            </TableCell>
            <TableCell>
              <div className="flex flex-wrap items-center gap-1.5">
                <span title={entry.action}>{labels.action(entry.action)}</span>
                {entry.outcome !== "success" ? <OutcomeBadge outcome={entry.outcome} /> : null}
              </div>
            </TableCell>
            <TableCell className="max-w-56">
              <span>{labels.objectType(entry.object_type)}</span>
              {entry.object_id ? (
                <span className="block truncate font-mono text-xs text-muted-foreground" title={entry.object_id}>
                  {entry.object_id}
                </span>
              ) : null}
            </TableCell>
            <TableCell className="max-w-72 text-sm text-muted-foreground">
              {entry.reason ? (
                <span>{t("reason", { reason: entry.reason })}</span>
              ) : entry.changed_fields.length > 0 ? (
                <span className="line-clamp-2">{t("changed", { fields: entry.changed_fields.join(", ") })}</span>
              ) : null}
            </TableCell>
            <TableCell className="text-right">
              <Button size="sm" variant="outline" aria-label={t("openEntry", { id: entry.id })} onClick={() => onOpen(entry.id)}>
                {t("open")}
              </Button>
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
