import type { FieldDefinition } from "@flexoffice/shared";
import { ArrowRight } from "lucide-react";
import { useId } from "react";
import { useTranslation } from "react-i18next";
import { FieldValue } from "../../../../components/fields/index.ts";
import { Button } from "../../../../components/ui/button.tsx";
import { Skeleton } from "../../../../components/ui/skeleton.tsx";
import { useTenant } from "../../../tenants/hooks/current-tenant.tsx";
import type { EntityRecord } from "../../api/entity-query.ts";
import { useEntityTransitionsQuery } from "../../api/entity-transitions-query.ts";
import type { RunTransition } from "./use-run-transition.tsx";

/**
 * The record's state and the transitions the member can run now, as buttons. Transitions
 * their roles or the state rule out are not offered; one whose condition is not met yet is
 * shown disabled with the condition, so people know what is missing.
 */
export function TransitionBar({
  entity,
  stateField,
  runner,
}: {
  entity: EntityRecord;
  stateField: FieldDefinition | undefined;
  runner: RunTransition;
}) {
  const { t, i18n } = useTranslation("entities");
  const tenant = useTenant();
  const headingId = useId();
  const transitions = useEntityTransitionsQuery(entity.id);
  const available = transitions.data?.transitions.filter((transition) => transition.available) ?? [];
  const waiting = transitions.data?.transitions.filter((transition) => transition.reason === "guard") ?? [];
  return (
    <section aria-labelledby={headingId} className="flex flex-wrap items-center gap-x-4 gap-y-3 rounded-xl border bg-card p-4">
      <h2 id={headingId} className="sr-only">
        {t("transitions.heading")}
      </h2>
      {stateField ? (
        <p className="flex items-center gap-2 text-sm">
          <span className="text-muted-foreground">{stateField.label}</span>
          <FieldValue
            field={stateField}
            value={entity.data[stateField.key]}
            timeZone={tenant.tenant.timezone}
            language={i18n.resolvedLanguage ?? "en"}
          />
        </p>
      ) : null}
      {transitions.isPending ? (
        <div className="flex gap-2">
          <p role="status" className="sr-only">
            {t("transitions.loading")}
          </p>
          <Skeleton className="h-8 w-32" />
          <Skeleton className="h-8 w-28" />
        </div>
      ) : transitions.isError ? (
        <p className="text-sm text-muted-foreground">{t("transitions.loadFailed")}</p>
      ) : available.length === 0 && waiting.length === 0 ? (
        <p className="text-sm text-muted-foreground">{t("transitions.none")}</p>
      ) : (
        <ul className="flex flex-wrap items-center gap-2">
          {available.map((transition) => (
            <li key={transition.key}>
              <Button
                size="sm"
                loading={runner.running === transition.key}
                disabled={runner.running !== null}
                onClick={() => runner.run(entity, transition)}
              >
                {transition.name}
                <ArrowRight aria-hidden="true" className="size-4" />
              </Button>
            </li>
          ))}
          {waiting.map((transition) => (
            <li key={transition.key} className="flex items-center gap-2">
              <Button size="sm" variant="outline" disabled aria-describedby={`${headingId}-${transition.key}`}>
                {transition.name}
              </Button>
              <span id={`${headingId}-${transition.key}`} className="text-xs text-muted-foreground">
                {t("transitions.needs", { condition: transition.guard ?? "" })}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
