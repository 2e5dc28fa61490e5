import type { FieldDefinition, FieldOption } from "@flexoffice/shared";
import { ArrowRight } from "lucide-react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { optionDotClass } from "../../../components/fields/index.ts";
import { Badge } from "../../../components/ui/badge.tsx";
import { cn } from "../../../components/ui/cn.ts";
import type { BlueprintSummary } from "../api/blueprints-query.ts";
import type { FieldDiff, OptionsChange, VersionDiff } from "../lib/version-diff.ts";
import { usePropertyText } from "./use-property-text.ts";

function Before({ children }: { children: ReactNode }) {
  const { t } = useTranslation("blueprints");
  return (
    <del className="rounded bg-destructive/10 px-1 no-underline decoration-destructive/60 line-through">
      <span className="sr-only">{t("diff.before")} </span>
      {children}
    </del>
  );
}

function After({ children }: { children: ReactNode }) {
  const { t } = useTranslation("blueprints");
  return (
    <ins className="rounded bg-success/10 px-1 no-underline">
      <span className="sr-only">{t("diff.after")} </span>
      {children}
    </ins>
  );
}

function Change({ before, after }: { before: ReactNode; after: ReactNode }) {
  return (
    <span className="inline-flex flex-wrap items-center gap-1.5">
      <Before>{before}</Before>
      <ArrowRight aria-hidden="true" className="size-3.5 text-muted-foreground" />
      <After>{after}</After>
    </span>
  );
}

function OptionName({ option }: { option: FieldOption }) {
  return (
    <span className="inline-flex items-center gap-1">
      <span aria-hidden="true" className={cn("size-2 rounded-full", optionDotClass(option.color))} />
      {option.label ?? option.value}
      {option.label && option.label !== option.value ? (
        <span className="font-mono text-xs text-muted-foreground">{option.value}</span>
      ) : null}
    </span>
  );
}

function OptionsChanges({ change }: { change: OptionsChange }) {
  const { t } = useTranslation("blueprints");
  return (
    <ul className="grid gap-1">
      {change.added.map((option) => (
        <li key={`a-${option.value}`}>
          {t("diff.optionAdded")}{" "}
          <After>
            <OptionName option={option} />
          </After>
        </li>
      ))}
      {change.removed.map((option) => (
        <li key={`r-${option.value}`}>
          {t("diff.optionRemoved")}{" "}
          <Before>
            <OptionName option={option} />
          </Before>
        </li>
      ))}
      {change.renamed.map(({ from, to }) => (
        <li key={`n-${from}`}>
          {t("diff.optionRenamed")}{" "}
          <Change before={<span className="font-mono">{from}</span>} after={<span className="font-mono">{to}</span>} />
        </li>
      ))}
      {change.relabelled.map(({ value, before, after }) => (
        <li key={`l-${value}`}>
          {t("diff.optionRelabelled")} <Change before={<OptionName option={before} />} after={<OptionName option={after} />} />
        </li>
      ))}
      {change.reordered ? <li>{t("diff.optionsReordered")}</li> : null}
    </ul>
  );
}

function FieldSummary({ field, targets }: { field: FieldDefinition; targets: readonly BlueprintSummary[] }) {
  const { t } = useTranslation("blueprints");
  const text = usePropertyText(targets);
  return (
    <span className="text-sm text-muted-foreground">
      {t(`types.${field.type}.name`)}
      {field.required ? ` · ${t("fieldList.required")}` : ""}
      {field.unique ? ` · ${t("editor.unique")}` : ""}
      {field.options ? ` · ${field.options.map((o) => o.label ?? o.value).join(", ")}` : ""}
      {field.default ? ` · ${t("properties.default")}: ${text("default", field.default, field)}` : ""}
    </span>
  );
}

function FieldDiffItem({ diff, targets }: { diff: FieldDiff; targets: readonly BlueprintSummary[] }) {
  const { t } = useTranslation("blueprints");
  const text = usePropertyText(targets);
  if (diff.kind !== "changed") {
    const field = diff.field;
    return (
      <li className="grid gap-1 rounded-lg border p-3">
        <div className="flex flex-wrap items-center gap-2">
          <Badge variant={diff.kind === "added" ? "success" : "destructive"}>{t(`diff.${diff.kind}`)}</Badge>
          <span className="font-medium">{field.label}</span>
          <span className="font-mono text-xs text-muted-foreground">{field.key}</span>
        </div>
        <FieldSummary field={field} targets={targets} />
      </li>
    );
  }
  return (
    <li className="grid gap-2 rounded-lg border p-3">
      <div className="flex flex-wrap items-center gap-2">
        <Badge variant="neutral">{t("diff.changed")}</Badge>
        <span className="font-medium">{diff.after.label}</span>
        <span className="font-mono text-xs text-muted-foreground">{diff.after.key}</span>
      </div>
      <dl className="grid gap-1.5 text-sm sm:grid-cols-[10rem_minmax(0,1fr)]">
        {diff.renamedFrom ? (
          <>
            <dt className="text-muted-foreground">{t("properties.key")}</dt>
            <dd>
              <Change
                before={<span className="font-mono">{diff.renamedFrom}</span>}
                after={<span className="font-mono">{diff.after.key}</span>}
              />
            </dd>
          </>
        ) : null}
        {diff.properties.map(({ property, before, after }) => (
          <div key={property} className="contents">
            <dt className="text-muted-foreground">{text.label(property)}</dt>
            <dd>
              <Change before={text(property, before, diff.before)} after={text(property, after, diff.after)} />
            </dd>
          </div>
        ))}
        {diff.options ? (
          <>
            <dt className="text-muted-foreground">{t("options.title")}</dt>
            <dd>
              <OptionsChanges change={diff.options} />
            </dd>
          </>
        ) : null}
      </dl>
    </li>
  );
}

/** What one version changed from the one before: details, fields added, removed and changed (property by property), order. */
export function VersionDiffView({
  diff,
  targets,
  firstVersion,
}: {
  diff: VersionDiff;
  targets: readonly BlueprintSummary[];
  firstVersion: boolean;
}) {
  const { t } = useTranslation("blueprints");
  const nothing = diff.fields.length === 0 && diff.details.length === 0 && diff.moved.length === 0;
  return (
    <div className="grid gap-4">
      {diff.details.length > 0 ? (
        <section aria-labelledby="diff-details" className="grid gap-2">
          <h3 id="diff-details" className="font-semibold">
            {t("diff.details")}
          </h3>
          <dl className="grid gap-1.5 text-sm sm:grid-cols-[10rem_minmax(0,1fr)]">
            {diff.details.map(({ property, before, after }) => (
              <div key={property} className="contents">
                <dt className="text-muted-foreground">
                  {t(`details.${property === "description" ? "descriptionLabel" : property}`)}
                </dt>
                <dd>
                  <Change before={String(before ?? "—")} after={String(after ?? "—")} />
                </dd>
              </div>
            ))}
          </dl>
        </section>
      ) : null}
      {diff.fields.length > 0 ? (
        <section aria-labelledby="diff-fields" className="grid gap-2">
          <h3 id="diff-fields" className="font-semibold">
            {firstVersion ? t("diff.createdWith", { count: diff.fields.length }) : t("diff.fields")}
          </h3>
          <ul className="grid gap-2">
            {diff.fields.map((item) => (
              <FieldDiffItem
                key={`${item.kind}-${item.kind === "changed" ? item.after.key : item.field.key}`}
                diff={item}
                targets={targets}
              />
            ))}
          </ul>
        </section>
      ) : null}
      {diff.moved.length > 0 ? (
        <p className="text-sm text-muted-foreground">{t("diff.moved", { fields: diff.moved.join(", ") })}</p>
      ) : null}
      {nothing ? <p className="text-sm text-muted-foreground">{t("diff.nothing")}</p> : null}
    </div>
  );
}
