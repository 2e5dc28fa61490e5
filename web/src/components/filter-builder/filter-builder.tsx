/**
 * FilterBuilder: the shared visual editor of the filter language (docs/entities.md,
 * "Filter language"), used by the entity grid, flow guards and permission row rules.
 *
 * Contract
 * - `fields`: what may be filtered on. Callers pass only fields the member may read; keys may be
 *   system fields (`created_at`) or `ref.field` paths. `options` turn the value into a choice
 *   (selects, status, and member or reference fields when the caller has the list).
 * - `value` / `onChange`: the `Filter` of packages/shared, `null` for "no filter". The builder
 *   keeps its own draft while people type and calls `onChange` only with filters the shared
 *   validator (`validateFilter`) accepts, or `null` when every condition was removed. While a
 *   condition is incomplete or invalid it is marked in place, a status line says so and
 *   `onChange` is not called: the caller keeps the last valid filter. Forms that save the
 *   filter (row rules) pass `onValidityChange` to block saving meanwhile.
 * - `variables`: offered as values where they fit the field and comparison (row rules:
 *   user.id, user.email, user.roles, now, member.<key>); omit them for ordinary lists.
 * - A `value` that differs from what the builder last emitted replaces the draft (reset,
 *   chips removed by the caller).
 * - Limits (FILTER_LIMITS) are respected: add buttons are disabled at the limits.
 * - `describeFilter(filter, fields, t)` turns a filter into one line for chips.
 */
import type { EffectiveFieldType, Filter, VariableName } from "@flexoffice/shared";
import { FILTER_LIMITS } from "@flexoffice/shared";
import { Plus, X } from "lucide-react";
import { type JSX, useEffect, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Button } from "../ui/button.tsx";
import { cn } from "../ui/cn.ts";
import { Select } from "../ui/select.tsx";
import { ConditionEditor, problemText } from "./condition-editor.tsx";
import {
  addCondition,
  addGroup,
  canAddCondition,
  canAddGroup,
  checkDraft,
  conditionNumbers,
  type DraftCheck,
  type DraftGroup,
  type DraftNode,
  draftFromFilter,
  GROUP_MODES,
  type GroupMode,
  groupNumbers,
  removeNode,
  updateNode,
} from "./filter-tree.ts";

export { describeFilter } from "./describe-filter.ts";

export type FilterBuilderField = {
  key: string;
  label: string;
  type: EffectiveFieldType;
  options?: { value: string; label: string }[];
};
export type FilterBuilderVariable = { name: VariableName; label: string };
export type FilterBuilderProps = {
  /** What may be filtered on (caller passes only readable fields). */
  fields: FilterBuilderField[];
  /** packages/shared Filter DSL; null = no filter. */
  value: Filter | null;
  onChange: (next: Filter | null) => void;
  /** Offered as values (row rules: user.id, member.<attr>…); omit in the grid. */
  variables?: FilterBuilderVariable[];
  /** Accessible name, e.g. "Filter deliveries". */
  label: string;
  /** Told whether the draft on screen is usable (complete and valid); optional, for forms that save the filter. */
  onValidityChange?: (valid: boolean) => void;
};

type GroupContext = {
  root: DraftGroup;
  check: DraftCheck;
  fields: FilterBuilderField[];
  variables?: FilterBuilderVariable[];
  conditionNumbers: Map<string, number>;
  groupNumbers: Map<string, number>;
  focusId: string | null;
  apply: (next: DraftGroup, focusId?: string) => void;
};

function GroupEditor({ group, ctx, label }: { group: DraftGroup; ctx: GroupContext; label: string }) {
  const { t } = useTranslation();
  const isRoot = group.id === ctx.root.id;
  const number = ctx.groupNumbers.get(group.id) ?? 0;
  const name = isRoot ? t("filterBuilder.root") : t("filterBuilder.group", { number });
  const problem = ctx.check.problems.get(group.id);
  const problemId = `${group.id}-problem`;
  const change = (node: DraftNode) => ctx.apply(updateNode(ctx.root, node.id, () => node));

  return (
    <fieldset
      aria-label={isRoot ? label : t("filterBuilder.groupLabel", { number })}
      className={cn("grid min-w-0 gap-3", isRoot ? "" : "rounded-lg border border-dashed bg-muted/30 p-3")}
    >
      {group.items.length > 0 || !isRoot ? (
        <div className="flex flex-wrap items-center gap-2">
          {isRoot ? null : <span className="text-sm font-medium">{t("filterBuilder.groupLabel", { number })}</span>}
          <Select
            aria-label={t("filterBuilder.groupMode", { name })}
            aria-describedby={problem ? problemId : undefined}
            className="h-9 sm:w-72"
            value={group.mode}
            onChange={(event) =>
              ctx.apply(updateNode(ctx.root, group.id, (node) => ({ ...node, mode: event.target.value as GroupMode })))
            }
          >
            {GROUP_MODES.map((mode) => (
              <option key={mode} value={mode}>
                {t(`filterBuilder.modes.${mode}`)}
              </option>
            ))}
          </Select>
          {isRoot ? null : (
            <Button
              variant="ghost"
              size="sm"
              className="ml-auto"
              aria-label={t("filterBuilder.removeGroup", { number })}
              onClick={() => ctx.apply(removeNode(ctx.root, group.id))}
            >
              <X aria-hidden="true" className="size-4" />
            </Button>
          )}
        </div>
      ) : (
        <p className="text-sm text-muted-foreground">{t("filterBuilder.empty")}</p>
      )}
      {group.items.length > 0 ? (
        <ul className="grid gap-3">
          {group.items.map((item) =>
            item.kind === "group" ? (
              <li key={item.id}>
                <GroupEditor group={item} ctx={ctx} label={label} />
              </li>
            ) : (
              <ConditionEditor
                key={item.id}
                condition={item}
                number={ctx.conditionNumbers.get(item.id) ?? 0}
                fields={ctx.fields}
                variables={ctx.variables}
                problem={ctx.check.problems.get(item.id)}
                focusOnMount={ctx.focusId === item.id}
                onChange={change}
                onRemove={() => ctx.apply(removeNode(ctx.root, item.id))}
              />
            ),
          )}
        </ul>
      ) : null}
      {problem ? (
        <p id={problemId} className="text-xs text-destructive">
          {problemText(t, problem)}
        </p>
      ) : null}
      <div className="flex flex-wrap gap-2">
        <Button
          variant="outline"
          size="sm"
          disabled={!canAddCondition(ctx.root, group.id)}
          onClick={() => {
            const added = addCondition(ctx.root, group.id);
            ctx.apply(added.root, added.id);
          }}
        >
          <Plus aria-hidden="true" className="size-4" />
          {t("filterBuilder.addCondition")}
          {isRoot ? null : <span className="sr-only">{` (${name})`}</span>}
        </Button>
        <Button
          variant="ghost"
          size="sm"
          disabled={!canAddGroup(ctx.root, group.id)}
          onClick={() => {
            const added = addGroup(ctx.root, group.id);
            ctx.apply(added.root, added.id);
          }}
        >
          <Plus aria-hidden="true" className="size-4" />
          {t("filterBuilder.addGroup")}
          {isRoot ? null : <span className="sr-only">{` (${name})`}</span>}
        </Button>
      </div>
    </fieldset>
  );
}

/** The visual filter editor; see the contract at the top of this file. */
export function FilterBuilder({ fields, value, onChange, variables, label, onValidityChange }: FilterBuilderProps): JSX.Element {
  const { t } = useTranslation();
  const [root, setRoot] = useState<DraftGroup>(() => draftFromFilter(value, fields));
  const [focusId, setFocusId] = useState<string | null>(null);
  const emitted = useRef(JSON.stringify(value ?? null));
  const useVariables = variables !== undefined;

  // A value from outside that is not what we emitted (a reset, a removed chip) replaces the draft.
  useEffect(() => {
    const json = JSON.stringify(value ?? null);
    if (json === emitted.current) return;
    emitted.current = json;
    setRoot(draftFromFilter(value, fields));
    setFocusId(null);
  }, [value, fields]);

  const check = useMemo(() => checkDraft(root, fields, { variables: useVariables }), [root, fields, useVariables]);
  const lastValidity = useRef<boolean | null>(null);
  useEffect(() => {
    if (lastValidity.current === check.valid) return;
    lastValidity.current = check.valid;
    onValidityChange?.(check.valid);
  }, [check.valid, onValidityChange]);

  const apply = (next: DraftGroup, nextFocus?: string) => {
    setRoot(next);
    setFocusId(nextFocus ?? null);
    const result = checkDraft(next, fields, { variables: useVariables });
    if (!result.valid) return;
    const json = JSON.stringify(result.filter);
    if (json === emitted.current) return;
    emitted.current = json;
    onChange(result.filter);
  };

  const ctx: GroupContext = {
    root,
    check,
    fields,
    variables,
    conditionNumbers: conditionNumbers(root),
    groupNumbers: groupNumbers(root),
    focusId,
    apply,
  };
  const attention = check.problems.size;

  return (
    <div className="grid gap-3">
      <GroupEditor group={root} ctx={ctx} label={label} />
      <p role="status" className={cn("text-xs", attention > 0 ? "text-foreground" : "sr-only")}>
        {attention > 0 ? t("filterBuilder.attention", { count: attention }) : ""}
      </p>
      {ctx.conditionNumbers.size >= FILTER_LIMITS.maxConditions ? (
        <p className="text-xs text-muted-foreground">
          {t("filterBuilder.limits", {
            conditions: FILTER_LIMITS.maxConditions,
            items: FILTER_LIMITS.maxGroupItems,
            depth: FILTER_LIMITS.maxDepth,
          })}
        </p>
      ) : null}
    </div>
  );
}
