import { type FieldDefinition, type GrantRule, validateGrants } from "@flexoffice/shared";
import { type ReactNode, useCallback, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Alert } from "../../../../components/ui/alert.tsx";
import { Button } from "../../../../components/ui/button.tsx";
import { Card, CardContent, CardDescription, CardHeader } from "../../../../components/ui/card.tsx";
import { ConfirmDialog } from "../../../../components/ui/dialog.tsx";
import { Switch } from "../../../../components/ui/switch.tsx";
import { toast } from "../../../../components/ui/toast.ts";
import { ApiError } from "../../../../lib/api-error.ts";
import { useApiErrorText } from "../../../../lib/api-error-text.ts";
import { useTenant } from "../../../tenants/hooks/current-tenant.tsx";
import type { BlueprintSchema, BlueprintSummary } from "../../api/blueprints-query.ts";
import type { Member, Role } from "../../api/members-query.ts";
import { type PermissionSet, useSavePermissionsMutation } from "../../api/permissions-api.ts";
import { useRoleText } from "../../hooks/use-role-text.ts";
import { useRuleVocabulary } from "../../hooks/use-rule-vocabulary.ts";
import {
  type ActionDraft,
  defaultGrants,
  draftFromGrants,
  type GrantSlot,
  grantsFingerprint,
  grantsFromDraft,
  locateGrantField,
  type PermissionDraft,
  type SimpleAction,
  slotId,
  type TransitionDraft,
} from "../../lib/grants.ts";
import { ActionCard } from "./action-card.tsx";
import { FieldMatrix } from "./field-matrix.tsx";
import { PresetsEditor } from "./presets-editor.tsx";
import { RuleEditor } from "./rule-editor.tsx";

type Props = {
  role: Role;
  blueprint: BlueprintSummary;
  schema: BlueprintSchema;
  saved: PermissionSet;
  members: Member[];
};

/** A problem found on a card: by the shared validator before saving, or by the database. */
type CardProblem = { part: string; text: string };

function defaultKind(role: Role): "editor" | "viewer" | "custom" {
  if (role.builtin && role.key === "editor") return "editor";
  if (role.builtin && role.key === "viewer") return "viewer";
  return "custom";
}

/**
 * The grants of one role on one blueprint, edited as cards per action, the flow's steps and
 * a field matrix; saved at once with set_role_permissions. Problems are shown on the card
 * (and the rule) they belong to, whether the shared validator found them or the database.
 */
export function BlueprintPermissions({ role, blueprint, schema, saved, members }: Props) {
  const { t } = useTranslation("members");
  const tenant = useTenant();
  const roleText = useRoleText();
  const errorText = useApiErrorText();
  const save = useSavePermissionsMutation(tenant.tenant.id);
  const vocabulary = useRuleVocabulary(schema.fields, members);
  const fields: FieldDefinition[] = schema.fields;
  const transitionKeys = schema.transitions.map((transition) => transition.key);
  const baseline = saved.grants ?? defaultGrants(role.key, role.builtin);
  const [draft, setDraft] = useState<PermissionDraft>(() => draftFromGrants(baseline, transitionKeys, fields));
  const [problems, setProblems] = useState<Map<string, CardProblem>>(new Map());
  const [general, setGeneral] = useState<unknown>(null);
  const [invalid, setInvalid] = useState<ReadonlySet<string>>(new Set());
  const callbacks = useRef(new Map<string, (valid: boolean) => void>());
  const roleName = roleText.name(role);

  const validityFor = useCallback((key: string) => {
    let callback = callbacks.current.get(key);
    if (!callback) {
      callback = (valid: boolean) =>
        setInvalid((current) => {
          if (valid === !current.has(key)) return current;
          const next = new Set(current);
          if (valid) next.delete(key);
          else next.add(key);
          return next;
        });
      callbacks.current.set(key, callback);
    }
    return callback;
  }, []);

  const built = useMemo(() => grantsFromDraft(draft, fields), [draft, fields]);
  const dirty = grantsFingerprint(built.grants) !== grantsFingerprint(baseline);

  const clearProblem = (id: string) =>
    setProblems((current) => {
      if (!current.has(id)) return current;
      const next = new Map(current);
      next.delete(id);
      return next;
    });
  const setAction = (action: SimpleAction, next: ActionDraft) => {
    setDraft((current) => ({ ...current, [action]: next }));
    clearProblem(action);
  };
  const setTransition = (key: string | null, patch: Partial<TransitionDraft>) => {
    setDraft((current) => ({
      ...current,
      transitions: current.transitions.map((transition) => (transition.key === key ? { ...transition, ...patch } : transition)),
    }));
    clearProblem(slotId({ action: "transition", key }));
  };

  const place = (slots: GrantSlot[], field: string | null, text: string): boolean => {
    const located = locateGrantField(field, slots);
    if (!located) return false;
    setProblems((current) => new Map(current).set(slotId(located.slot), { part: located.part, text }));
    return true;
  };

  const onSave = () => {
    setGeneral(null);
    setProblems(new Map());
    const issues = validateGrants(built.grants, fields, transitionKeys);
    if (issues.length > 0) {
      let placed = false;
      for (const issue of issues) {
        placed = place(built.slots, issue.field, t(`permissions.grantRules.${issue.rule as GrantRule}`)) || placed;
      }
      if (!placed) setGeneral(t("permissions.fixFirst"));
      return;
    }
    save.mutate(
      { roleId: role.id, blueprintId: blueprint.id, grants: built.grants },
      {
        onSuccess: () => toast.success(t("permissions.saved", { role: roleName, blueprint: blueprint.name })),
        onError: (error) => {
          if (!(error instanceof ApiError && place(built.slots, error.field, errorText(error)))) setGeneral(error);
        },
      },
    );
  };

  const onReset = () =>
    save.mutate(
      { roleId: role.id, blueprintId: blueprint.id, grants: null },
      {
        onSuccess: () => toast.success(t("permissions.resetDone", { role: roleName, blueprint: blueprint.name })),
        onError: setGeneral,
      },
    );

  const problemOf = (id: string, part?: string) => {
    const problem = problems.get(id);
    if (!problem) return undefined;
    if (part === undefined) return ["rows", "validation", "presets"].includes(problem.part) ? undefined : problem.text;
    return problem.part === part ? problem.text : undefined;
  };
  const actionTitle = (action: SimpleAction | "transition") => t(`permissions.actions.${action}.title`);
  const ruleProps = { fields: vocabulary.ruleFields, variables: vocabulary.variables };
  const defaultWhat = t(`permissions.defaults.${defaultKind(role)}`);
  // Without a flow there are no steps to allow; a saved transition grant is still shown so it can be switched off.
  const visibleTransitions = draft.transitions.filter((transition) => schema.transitions.length > 0 || transition.enabled);

  const rowsEditor = (action: "read" | "update" | "delete") => (
    <RuleEditor
      kind="rows"
      label={t("permissions.rows.builder", { action: actionTitle(action) })}
      value={draft[action].rows}
      onChange={(rows) => setAction(action, { ...draft[action], rows })}
      onValidityChange={validityFor(`${action}.rows`)}
      problem={problemOf(action, "rows")}
      {...ruleProps}
    />
  );
  const validationEditor = (action: "create" | "update") => (
    <RuleEditor
      kind="validation"
      label={t("permissions.validation.builder", { action: actionTitle(action) })}
      value={draft[action].validation}
      onChange={(validation) => setAction(action, { ...draft[action], validation })}
      onValidityChange={validityFor(`${action}.validation`)}
      problem={problemOf(action, "validation")}
      {...ruleProps}
    />
  );
  const card = (action: SimpleAction, children?: ReactNode) => (
    <ActionCard
      title={actionTitle(action)}
      description={t(`permissions.actions.${action}.description`)}
      switchLabel={t("permissions.allow", { action: actionTitle(action) })}
      enabled={draft[action].enabled}
      onEnabledChange={(enabled) => setAction(action, { ...draft[action], enabled })}
      problem={problemOf(action)}
    >
      {children}
    </ActionCard>
  );

  return (
    <div className="grid gap-4">
      <p className="text-sm text-muted-foreground">
        {saved.grants === null
          ? t("permissions.stateDefault", { what: defaultWhat })
          : t("permissions.stateSaved", { date: tenant.formatDateTime(saved.updatedAt) })}
      </p>
      {card("read", rowsEditor("read"))}
      {card(
        "create",
        <>
          <PresetsEditor
            presets={draft.create.presets}
            fields={fields}
            variables={vocabulary.variables}
            memberOptions={vocabulary.memberOptions}
            onChange={(presets) => setAction("create", { ...draft.create, presets })}
            problem={problemOf("create", "presets")}
          />
          {validationEditor("create")}
        </>,
      )}
      {card(
        "update",
        <>
          {rowsEditor("update")}
          {validationEditor("update")}
        </>,
      )}
      {card("delete", rowsEditor("delete"))}
      <Card aria-labelledby="transition-permissions">
        <CardHeader className="pb-3">
          <h3 id="transition-permissions" className="font-semibold">
            {actionTitle("transition")}
          </h3>
          <CardDescription>
            {schema.transitions.length === 0
              ? t("permissions.transitions.none")
              : t("permissions.actions.transition.description")}
          </CardDescription>
        </CardHeader>
        <CardContent className={visibleTransitions.length === 0 ? "hidden" : "grid gap-4"}>
          {visibleTransitions.map((transition) => {
            const known = schema.transitions.find((candidate) => candidate.key === transition.key);
            const name =
              transition.key === null
                ? t("permissions.transitions.all")
                : known
                  ? t("permissions.transitions.one", { name: known.name })
                  : t("permissions.transitions.removed", { key: transition.key });
            const id = slotId({ action: "transition", key: transition.key });
            return (
              <div key={id} className="grid gap-3 rounded-lg border p-3">
                <div className="flex items-start justify-between gap-4">
                  <div>
                    <p className="text-sm font-medium">{name}</p>
                    {transition.key === null ? (
                      <p className="text-xs text-muted-foreground">{t("permissions.transitions.allHint")}</p>
                    ) : null}
                  </div>
                  <Switch
                    aria-label={t("permissions.allow", { action: name })}
                    checked={transition.enabled}
                    onCheckedChange={(enabled) => setTransition(transition.key, { enabled })}
                  />
                </div>
                {transition.enabled ? (
                  <RuleEditor
                    kind="rows"
                    label={t("permissions.transitions.builder", { name })}
                    value={transition.rows}
                    onChange={(rows) => setTransition(transition.key, { rows })}
                    onValidityChange={validityFor(`${id}.rows`)}
                    problem={problems.get(id)?.text}
                    {...ruleProps}
                  />
                ) : null}
              </div>
            );
          })}
        </CardContent>
      </Card>
      <Card aria-labelledby="field-permissions">
        <CardHeader className="pb-3">
          <h3 id="field-permissions" className="font-semibold">
            {t("permissions.fields.title")}
          </h3>
          <CardDescription>{t("permissions.fields.description")}</CardDescription>
        </CardHeader>
        <CardContent>
          <FieldMatrix fields={fields} draft={draft} onChange={(action, next) => setAction(action, next)} />
        </CardContent>
      </Card>
      {general ? <Alert tone="error">{typeof general === "string" ? general : errorText(general)}</Alert> : null}
      {invalid.size > 0 ? <Alert>{t("permissions.fixFirst")}</Alert> : null}
      <div className="sticky bottom-0 z-10 flex flex-wrap items-center gap-3 border-t bg-background/95 py-3">
        <Button
          onClick={onSave}
          loading={save.isPending && save.variables?.grants !== null}
          disabled={!dirty || invalid.size > 0}
        >
          {t("permissions.save")}
        </Button>
        {saved.grants !== null ? (
          <ConfirmDialog
            trigger={
              <Button variant="outline" disabled={save.isPending}>
                {t("permissions.reset")}
              </Button>
            }
            title={t("permissions.resetTitle", { blueprint: blueprint.name })}
            description={t("permissions.resetBody", { role: roleName, blueprint: blueprint.name, what: defaultWhat })}
            confirmLabel={t("permissions.resetConfirm")}
            cancelLabel={t("cancel")}
            onConfirm={onReset}
          />
        ) : null}
        {dirty ? (
          <p role="status" className="text-sm text-muted-foreground">
            {t("permissions.unsaved")}
          </p>
        ) : null}
      </div>
    </div>
  );
}
