import { type FieldDefinition, PERMISSION_ACTIONS, type PermissionAction, type PermissionGrant } from "@flexoffice/shared";
import { Check, X } from "lucide-react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { describeFilter } from "../../../components/filter-builder/filter-builder.tsx";
import { Alert } from "../../../components/ui/alert.tsx";
import { Badge } from "../../../components/ui/badge.tsx";
import { Card, CardContent, CardHeader, CardTitle } from "../../../components/ui/card.tsx";
import { EmptyState } from "../../../components/ui/empty-state.tsx";
import { FormField } from "../../../components/ui/form-field.tsx";
import { PageHeader } from "../../../components/ui/page-header.tsx";
import { Select } from "../../../components/ui/select.tsx";
import { Skeleton } from "../../../components/ui/skeleton.tsx";
import { useTenant } from "../../tenants/hooks/current-tenant.tsx";
import { useBlueprintSchemaQuery, useBlueprintsQuery } from "../api/blueprints-query.ts";
import { type Explanation, useExplanationQuery } from "../api/explain-query.ts";
import { displayName, type Member, useMembersQuery } from "../api/members-query.ts";
import { useActor } from "../hooks/use-actor.ts";
import { useRuleVocabulary } from "../hooks/use-rule-vocabulary.ts";

type Vocabulary = ReturnType<typeof useRuleVocabulary>;

/** "Read: only records where Driver is the member themselves": one saved grant in words. */
function GrantLine({ grant, vocabulary }: { grant: PermissionGrant; vocabulary: Vocabulary }) {
  const { t } = useTranslation("members");
  const { t: tc } = useTranslation();
  const action = t(`permissions.actions.${grant.action}.title`);
  const rows = "rows" in grant && grant.rows ? grant.rows : null;
  const rule = rows
    ? t("permissions.rows.summary", { rule: describeFilter(rows, vocabulary.ruleFields, tc, vocabulary.variables) })
    : t("explain.everyRow");
  const step = grant.action === "transition" && grant.transition ? ` (${grant.transition})` : "";
  return (
    <li className="text-sm">
      <span className="font-medium">{`${action}${step}`}</span>
      {`: ${rule}`}
    </li>
  );
}

function ActionRow({
  action,
  explanation,
  fields,
  roleNames,
  vocabulary,
}: {
  action: PermissionAction;
  explanation: Explanation;
  fields: readonly FieldDefinition[];
  roleNames: (keys: string[]) => string;
  vocabulary: Vocabulary;
}) {
  const { t } = useTranslation("members");
  const { t: tc } = useTranslation();
  const entry = explanation.actions[action];
  const labelOf = (key: string) => fields.find((field) => field.key === key)?.label ?? key;
  const hidden = entry.fields ? fields.filter((field) => !entry.fields?.includes(field.key)).map((field) => field.label) : [];
  const rules = explanation.roles.flatMap((role) =>
    (role.grants ?? []).flatMap((grant) =>
      grant.action === action && "rows" in grant && grant.rows
        ? [
            t("explain.ruleOf", {
              role: role.name,
              rule: describeFilter(grant.rows, vocabulary.ruleFields, tc, vocabulary.variables),
            }),
          ]
        : [],
    ),
  );
  return (
    <li className="grid gap-1 border-b py-3 last:border-b-0">
      <div className="flex flex-wrap items-center gap-2">
        <span className="w-28 font-medium">{t(`permissions.actions.${action}.title`)}</span>
        {entry.allowed ? (
          <Badge variant="success">
            <Check aria-hidden="true" className="size-3" />
            {t("explain.allowed")}
          </Badge>
        ) : (
          <Badge variant="outline">
            <X aria-hidden="true" className="size-3" />
            {t("explain.denied")}
          </Badge>
        )}
        {entry.allowed ? (
          <span className="text-sm text-muted-foreground">
            {t("explain.byRoles", { roles: roleNames(entry.byRoles) })} ·{" "}
            {entry.everyRow ? t("explain.everyRow") : t("explain.someRows")}
          </span>
        ) : null}
      </div>
      <div className="grid gap-1 pl-0 text-sm sm:pl-30">
        {!entry.allowed ? (
          <p className="text-muted-foreground">
            {t("explain.noGrant", {
              roles: explanation.roles.map((role) => role.name).join(", ") || t("explain.noRoles"),
            })}
          </p>
        ) : null}
        {entry.allowed && !entry.everyRow
          ? rules.map((rule) => (
              <p key={rule} className="text-muted-foreground">
                {rule}
              </p>
            ))
          : null}
        {entry.allowed && (action === "read" || action === "create" || action === "update") ? (
          <p className="text-muted-foreground">
            {entry.fields === null
              ? t("explain.allFields")
              : t("explain.fieldsList", { fields: entry.fields.map(labelOf).join(", ") || "—" })}
            {hidden.length > 0 ? ` · ${t("explain.hiddenFields", { fields: hidden.join(", ") })}` : ""}
          </p>
        ) : null}
        {entry.broken.length > 0 ? <Alert tone="error">{t("explain.broken", { reasons: entry.broken.join("; ") })}</Alert> : null}
      </div>
    </li>
  );
}

function ExplanationView({ member, blueprintId, members }: { member: Member; blueprintId: string; members: Member[] }) {
  const { t } = useTranslation("members");
  const tenant = useTenant();
  const explanation = useExplanationQuery(tenant.tenant.id, member.userId, blueprintId);
  const schema = useBlueprintSchemaQuery(tenant.tenant.id, blueprintId);
  const vocabulary = useRuleVocabulary(schema.data?.fields ?? [], members);

  if (explanation.isPending || schema.isPending) {
    return (
      <div className="grid gap-3">
        <p role="status" className="sr-only">
          {t("explain.loading")}
        </p>
        <Skeleton className="h-24 w-full" />
        <Skeleton className="h-48 w-full" />
      </div>
    );
  }
  if (explanation.isError || schema.isError) return <Alert tone="error">{t("explain.loadFailed")}</Alert>;
  const data = explanation.data;
  const roleNames = (keys: string[]) => keys.map((key) => data.roles.find((role) => role.key === key)?.name ?? key).join(", ");
  const name = displayName(member);

  return (
    <div className="grid gap-4">
      <Card aria-labelledby="explain-roles">
        <CardHeader className="pb-3">
          <CardTitle id="explain-roles" className="text-base">
            {t("explain.rolesTitle")}
          </CardTitle>
        </CardHeader>
        <CardContent>
          {data.roles.length === 0 ? (
            <p className="text-sm text-muted-foreground">{t("explain.noRoles")}</p>
          ) : (
            <ul className="grid gap-4">
              {data.roles.map((role) => (
                <li key={role.id} className="grid gap-1">
                  <div className="flex flex-wrap items-center gap-2">
                    <span className="font-medium">{role.name}</span>
                    <Badge variant={role.source === "grants" ? "primary" : "neutral"}>
                      {t(`explain.sources.${role.source}`)}
                    </Badge>
                  </div>
                  {role.source !== "admin" && role.grants && role.grants.length > 0 ? (
                    <ul className="grid gap-0.5 pl-4">
                      {role.grants.map((grant, index) => (
                        // Grants have no id; their position in the saved list is stable for this answer.
                        // biome-ignore lint/suspicious/noArrayIndexKey: see above
                        <GrantLine key={index} grant={grant} vocabulary={vocabulary} />
                      ))}
                    </ul>
                  ) : null}
                </li>
              ))}
            </ul>
          )}
        </CardContent>
      </Card>
      <Card aria-labelledby="explain-actions">
        <CardHeader className="pb-0">
          <CardTitle id="explain-actions" className="text-base">
            {t("explain.actionsTitle", { name })}
          </CardTitle>
        </CardHeader>
        <CardContent>
          <ul>
            {PERMISSION_ACTIONS.map((action) => (
              <ActionRow
                key={action}
                action={action}
                explanation={data}
                fields={schema.data.fields}
                roleNames={roleNames}
                vocabulary={vocabulary}
              />
            ))}
          </ul>
        </CardContent>
      </Card>
    </div>
  );
}

/**
 * /t/:slug/members/access?user=…&blueprint=…: what a member may do with a blueprint's
 * records and which role's rules give it (explain_permissions). Everyone may look at
 * themselves; looking at others needs manage_roles.
 */
export function ExplainPage() {
  const { t } = useTranslation("members");
  const { t: tc } = useTranslation();
  const tenant = useTenant();
  const actor = useActor();
  const [params, setParams] = useSearchParams();
  const members = useMembersQuery(tenant.tenant.id);
  const blueprints = useBlueprintsQuery(tenant.tenant.id);
  const canOthers = tenant.can("manage_roles");
  const requested = params.get("user");
  const userId = canOthers && requested ? requested : actor.userId;
  const blueprintId = params.get("blueprint") ?? blueprints.data?.[0]?.id ?? null;
  const member = members.data?.find((candidate) => candidate.userId === userId);
  const choices = (members.data ?? []).filter((candidate) => canOthers || candidate.userId === actor.userId);

  const set = (key: string, value: string) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        next.set(key, value);
        return next;
      },
      { replace: true },
    );

  return (
    <div className="grid gap-6">
      <title>{`${t("explain.title")} · ${tenant.tenant.name} · ${tc("app.name")}`}</title>
      <PageHeader className="mb-0" title={t("explain.title")} description={t("explain.description")} />
      {members.isPending || blueprints.isPending ? (
        <div className="grid gap-3">
          <p role="status" className="sr-only">
            {t("explain.loading")}
          </p>
          <Skeleton className="h-10 w-full max-w-xl" />
        </div>
      ) : members.isError || blueprints.isError ? (
        <Alert tone="error">{t("explain.loadFailed")}</Alert>
      ) : blueprints.data.length === 0 ? (
        <EmptyState title={t("explain.noBlueprints")} />
      ) : (
        <>
          <div className="grid max-w-2xl gap-4 sm:grid-cols-2">
            <FormField label={t("explain.member")} hint={canOthers ? undefined : t("explain.onlySelf")}>
              {(control) => (
                <Select {...control} value={userId} disabled={!canOthers} onChange={(event) => set("user", event.target.value)}>
                  {choices.map((candidate) => (
                    <option key={candidate.userId} value={candidate.userId}>
                      {displayName(candidate)}
                      {candidate.userId === actor.userId ? ` (${t("you")})` : ""}
                    </option>
                  ))}
                </Select>
              )}
            </FormField>
            <FormField label={t("explain.blueprint")}>
              {(control) => (
                <Select {...control} value={blueprintId ?? ""} onChange={(event) => set("blueprint", event.target.value)}>
                  {blueprints.data.map((blueprint) => (
                    <option key={blueprint.id} value={blueprint.id}>
                      {blueprint.name}
                    </option>
                  ))}
                </Select>
              )}
            </FormField>
          </div>
          {member && blueprintId ? (
            <ExplanationView
              key={`${member.userId}:${blueprintId}`}
              member={member}
              blueprintId={blueprintId}
              members={members.data}
            />
          ) : (
            <p className="text-sm text-muted-foreground">{t("explain.pick")}</p>
          )}
        </>
      )}
    </div>
  );
}
