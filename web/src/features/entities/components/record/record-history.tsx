import type { FieldDefinition, FlowTransition, Json } from "@flexoffice/shared";
import { ArchiveRestore, ArrowRight, Pencil, Plus, Trash2, Workflow } from "lucide-react";
import { useId } from "react";
import { useTranslation } from "react-i18next";
import { FieldValue } from "../../../../components/fields/index.ts";
import { Alert } from "../../../../components/ui/alert.tsx";
import { Button } from "../../../../components/ui/button.tsx";
import { Skeleton } from "../../../../components/ui/skeleton.tsx";
import { useApiErrorText } from "../../../../lib/api-error-text.ts";
import { useTenant } from "../../../tenants/hooks/current-tenant.tsx";
import { type HistoryEntry, useEntityHistoryQuery } from "../../api/entity-history-query.ts";

type HistoryProps = {
  entityId: string;
  /** Every field the member may read, by key (the entity's version first, then the latest). */
  fields: ReadonlyMap<string, FieldDefinition>;
  stateField: FieldDefinition | undefined;
  transitions: readonly FlowTransition[];
};

const ICONS = { create: Plus, update: Pencil, transition: Workflow, delete: Trash2, restore: ArchiveRestore } as const;

function Value({ field, value }: { field: FieldDefinition | undefined; value: Json }) {
  const { i18n } = useTranslation();
  const tenant = useTenant();
  if (!field) {
    return <code className="font-mono text-xs break-all">{value === null ? "—" : JSON.stringify(value)}</code>;
  }
  return <FieldValue field={field} value={value} timeZone={tenant.tenant.timezone} language={i18n.resolvedLanguage ?? "en"} />;
}

function Entry({ entry, fields, stateField, transitions }: { entry: HistoryEntry } & Omit<HistoryProps, "entityId">) {
  const { t } = useTranslation("entities");
  const tenant = useTenant();
  const actor = entry.actor_name ?? t("history.someone");
  const transition = transitions.find((candidate) => candidate.key === entry.transition_key);
  const transitionName = transition?.name ?? entry.transition_key ?? "";
  const Icon = ICONS[entry.action as keyof typeof ICONS] ?? Pencil;
  const changed = Object.entries(entry.changes).filter(
    ([key]) => !(entry.action === "transition" && key === stateField?.key && entry.to_state !== null),
  );
  const sentence =
    entry.action === "create"
      ? t("history.created", { actor })
      : entry.action === "transition"
        ? t("history.transitioned", { actor, name: transitionName })
        : entry.action === "delete"
          ? t("history.deleted", { actor })
          : entry.action === "restore"
            ? t("history.restored", { actor })
            : t("history.updated", { actor, count: changed.length });
  const inputs = Object.entries(entry.input ?? {});
  const stateValue = (state: string | null) =>
    stateField && state !== null ? <Value field={stateField} value={state} /> : <span>{state ?? "—"}</span>;
  return (
    <li className="relative grid gap-2 pb-6 pl-9 last:pb-0">
      <span
        aria-hidden="true"
        className="absolute top-0 left-0 grid size-7 place-items-center rounded-full border bg-card text-muted-foreground"
      >
        <Icon className="size-3.5" />
      </span>
      <div className="grid gap-0.5">
        <p className="text-sm font-medium">{sentence}</p>
        <p className="text-xs text-muted-foreground">
          <time dateTime={entry.occurred_at}>{tenant.formatDateTime(entry.occurred_at)}</time>
          {" · "}
          {t("history.version", { version: entry.version })}
        </p>
      </div>
      {entry.action === "transition" && (entry.from_state !== null || entry.to_state !== null) ? (
        <p className="flex flex-wrap items-center gap-2 text-sm">
          {stateValue(entry.from_state)}
          <ArrowRight aria-hidden="true" className="size-4 text-muted-foreground" />
          <span className="sr-only">{t("history.to")}</span>
          {stateValue(entry.to_state)}
        </p>
      ) : null}
      {changed.length > 0 && entry.action !== "create" ? (
        <ul className="grid gap-1 text-sm">
          {changed.map(([key, [before, after]]) => (
            <li key={key} className="flex flex-wrap items-center gap-x-2 gap-y-1">
              <span className="text-muted-foreground">{fields.get(key)?.label ?? key}:</span>
              <Value field={fields.get(key)} value={before} />
              <ArrowRight aria-hidden="true" className="size-3.5 text-muted-foreground" />
              <span className="sr-only">{t("history.to")}</span>
              <Value field={fields.get(key)} value={after} />
            </li>
          ))}
        </ul>
      ) : null}
      {entry.action === "create" && changed.length > 0 ? (
        <ul className="grid gap-1 text-sm">
          {changed.map(([key, [, after]]) => (
            <li key={key} className="flex flex-wrap items-center gap-x-2">
              <span className="text-muted-foreground">{fields.get(key)?.label ?? key}:</span>
              <Value field={fields.get(key)} value={after} />
            </li>
          ))}
        </ul>
      ) : null}
      {inputs.length > 0 ? (
        <div className="grid gap-1 rounded-md bg-muted p-2 text-sm">
          <p className="text-xs font-medium text-muted-foreground">{t("history.input")}</p>
          <ul className="grid gap-1">
            {inputs.map(([key, value]) => {
              const input = transition?.inputs?.find((candidate) => candidate.key === key);
              return (
                <li key={key} className="flex flex-wrap gap-x-2">
                  <span className="text-muted-foreground">{input?.label ?? key}:</span>
                  <Value field={input} value={value} />
                </li>
              );
            })}
          </ul>
        </div>
      ) : null}
    </li>
  );
}

/**
 * Who did what to the record and when, newest first: values before and after, transitions
 * with their states and the inputs given. The database has already left out every field the
 * member may not read (and the inputs that fed them).
 */
export function RecordHistory({ entityId, fields, stateField, transitions }: HistoryProps) {
  const { t } = useTranslation("entities");
  const errorText = useApiErrorText();
  const headingId = useId();
  const history = useEntityHistoryQuery(entityId);
  const entries = history.data?.pages.flatMap((page) => page.entries) ?? [];
  return (
    <section aria-labelledby={headingId} className="grid gap-4 rounded-xl border bg-card p-6 shadow-sm">
      <h2 id={headingId} className="text-lg font-semibold">
        {t("history.heading")}
      </h2>
      {history.isPending ? (
        <div className="grid gap-4">
          <p role="status" className="sr-only">
            {t("history.loading")}
          </p>
          {[0, 1, 2].map((row) => (
            <div key={row} className="flex gap-3">
              <Skeleton className="size-7 rounded-full" />
              <div className="grid flex-1 gap-2">
                <Skeleton className="h-4 w-3/4" />
                <Skeleton className="h-3 w-1/3" />
              </div>
            </div>
          ))}
        </div>
      ) : history.isError ? (
        <Alert tone="error">{errorText(history.error)}</Alert>
      ) : entries.length === 0 ? (
        <p className="text-sm text-muted-foreground">{t("history.empty")}</p>
      ) : (
        <>
          <ol className="grid">
            {entries.map((entry) => (
              <Entry key={entry.id} entry={entry} fields={fields} stateField={stateField} transitions={transitions} />
            ))}
          </ol>
          {history.hasNextPage ? (
            <div>
              <Button
                variant="outline"
                size="sm"
                loading={history.isFetchingNextPage}
                onClick={() => void history.fetchNextPage()}
              >
                {t("history.older")}
              </Button>
            </div>
          ) : null}
        </>
      )}
    </section>
  );
}
