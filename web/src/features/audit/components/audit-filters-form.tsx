import { Search } from "lucide-react";
import { type FormEvent, type ReactNode, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Button } from "../../../components/ui/button.tsx";
import { Input } from "../../../components/ui/input.tsx";
import { Label } from "../../../components/ui/label.tsx";
import { Select } from "../../../components/ui/select.tsx";
import type { AuditActor } from "../api/actors-query.ts";
import { AUDIT_OUTCOMES, type AuditOutcome } from "../lib/audit-entries.ts";
import { type AuditFilters, activeFilterCount, EMPTY_FILTERS } from "../lib/audit-filters.ts";
import { KNOWN_ACTIONS, KNOWN_OBJECT_TYPES } from "./use-audit-labels.ts";

type Props = {
  filters: AuditFilters;
  actors: AuditActor[];
  timeZone: string;
  today: string;
  onApply: (filters: AuditFilters) => void;
};

function Field({ id, label, hint, children }: { id: string; label: string; hint?: string; children: ReactNode }) {
  return (
    <div className="grid content-start gap-1.5">
      <Label htmlFor={id}>{label}</Label>
      {children}
      {hint ? (
        <p id={`${id}-hint`} className="text-xs text-muted-foreground">
          {hint}
        </p>
      ) : null}
    </div>
  );
}

/**
 * The search form. Edits stay local until "Search", so typing does not fire (and audit) a
 * search per keystroke; the applied filters live in the URL.
 */
export function AuditFiltersForm({ filters, actors, timeZone, today, onApply }: Props) {
  const { t } = useTranslation("audit");
  const [draft, setDraft] = useState<AuditFilters>(filters);
  useEffect(() => setDraft(filters), [filters]);
  const set = (key: keyof AuditFilters) => (event: { target: { value: string } }) =>
    setDraft((current) => ({ ...current, [key]: event.target.value }));
  const active = activeFilterCount(filters);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    onApply(draft);
  };

  return (
    <search aria-label={t("filters.label")}>
      <form className="grid gap-4 rounded-xl border bg-card p-4" onSubmit={submit}>
        <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
          <div className="sm:col-span-2 lg:col-span-4">
            <Field id="audit-text" label={t("filters.text")}>
              <div className="relative">
                <Search aria-hidden="true" className="pointer-events-none absolute left-3 top-3 size-4 text-muted-foreground" />
                <Input
                  id="audit-text"
                  type="search"
                  className="pl-9"
                  maxLength={200}
                  placeholder={t("filters.textPlaceholder")}
                  value={draft.text}
                  onChange={set("text")}
                />
              </div>
            </Field>
          </div>
          <Field id="audit-actor" label={t("filters.actor")}>
            <Select id="audit-actor" value={draft.actor} onChange={set("actor")}>
              <option value="">{t("filters.anyone")}</option>
              {actors.map((actor) => (
                <option key={actor.id} value={actor.id}>
                  {actor.label}
                </option>
              ))}
            </Select>
          </Field>
          <Field id="audit-outcome" label={t("filters.outcome")}>
            <Select
              id="audit-outcome"
              value={draft.outcome}
              onChange={(event) => setDraft((d) => ({ ...d, outcome: event.target.value as AuditOutcome | "" }))}
            >
              <option value="">{t("filters.anyOutcome")}</option>
              {AUDIT_OUTCOMES.map((outcome) => (
                <option key={outcome} value={outcome}>
                  {t(`outcomes.${outcome}`)}
                </option>
              ))}
            </Select>
          </Field>
          <Field id="audit-from" label={t("filters.from")} hint={t("filters.rangeHint", { zone: timeZone })}>
            <Input
              id="audit-from"
              type="date"
              max={draft.to || today}
              aria-describedby="audit-from-hint"
              value={draft.from}
              onChange={set("from")}
            />
          </Field>
          <Field id="audit-to" label={t("filters.to")}>
            <Input id="audit-to" type="date" min={draft.from || undefined} max={today} value={draft.to} onChange={set("to")} />
          </Field>
          <Field id="audit-action" label={t("filters.action")} hint={t("filters.actionHint")}>
            <Input
              id="audit-action"
              list="audit-action-options"
              autoCapitalize="none"
              spellCheck={false}
              aria-describedby="audit-action-hint"
              value={draft.action}
              onChange={set("action")}
            />
            <datalist id="audit-action-options">
              {KNOWN_ACTIONS.map((action) => (
                <option key={action} value={action} />
              ))}
            </datalist>
          </Field>
          <Field id="audit-object-type" label={t("filters.objectType")}>
            <Input
              id="audit-object-type"
              list="audit-object-type-options"
              autoCapitalize="none"
              spellCheck={false}
              value={draft.objectType}
              onChange={set("objectType")}
            />
            <datalist id="audit-object-type-options">
              {KNOWN_OBJECT_TYPES.map((type) => (
                <option key={type} value={type} />
              ))}
            </datalist>
          </Field>
          <div className="sm:col-span-2">
            <Field id="audit-object-id" label={t("filters.objectId")}>
              <Input
                id="audit-object-id"
                autoCapitalize="none"
                spellCheck={false}
                value={draft.objectId}
                onChange={set("objectId")}
              />
            </Field>
          </div>
        </div>
        <div className="flex flex-wrap items-center gap-3">
          <Button type="submit">{t("filters.apply")}</Button>
          {active > 0 ? (
            <Button variant="ghost" onClick={() => onApply(EMPTY_FILTERS)}>
              {t("filters.reset")}
            </Button>
          ) : null}
          {active > 0 ? <span className="text-sm text-muted-foreground">{t("filters.active", { count: active })}</span> : null}
        </div>
      </form>
    </search>
  );
}
