import { Trash2 } from "lucide-react";
import { useTranslation } from "react-i18next";
import { OPTION_COLORS, optionDotClass } from "../../../components/fields/option-colors.ts";
import { Button } from "../../../components/ui/button.tsx";
import { Checkbox } from "../../../components/ui/checkbox.tsx";
import { cn } from "../../../components/ui/cn.ts";
import { FormField } from "../../../components/ui/form-field.tsx";
import { Input } from "../../../components/ui/input.tsx";
import { Label } from "../../../components/ui/label.tsx";
import type { StateDraft } from "../lib/draft.ts";
import { setInitial, updateState } from "../lib/draft-edits.ts";
import { stateIssues } from "../lib/issues.ts";
import { useFlowEditor } from "./editor-context.tsx";
import { useIssueText } from "./issue-text.ts";
import { useFocusTarget } from "./use-focus-target.ts";

function ColorPicker({ state, disabled }: { state: StateDraft; disabled: boolean }) {
  const { t } = useTranslation("flows");
  const editor = useFlowEditor();
  const choices: (string | null)[] = [null, ...OPTION_COLORS];
  return (
    <fieldset className="grid gap-1.5" disabled={disabled}>
      <legend className="mb-1.5 text-sm font-medium">{t("state.color")}</legend>
      <div className="grid grid-cols-3 gap-1.5">
        {choices.map((color) => (
          <label
            key={color ?? "none"}
            className={cn(
              "flex cursor-pointer items-center gap-1.5 rounded-md border px-2 py-1 text-xs",
              "has-[:checked]:border-primary has-[:checked]:bg-secondary has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-ring",
              disabled && "cursor-not-allowed opacity-60",
            )}
          >
            <input
              type="radio"
              name={`color-${state.id}`}
              className="sr-only"
              checked={state.color === color}
              onChange={() => editor.edit((d) => updateState(d, state.id, { color }))}
            />
            {color ? (
              <span aria-hidden="true" className={cn("size-2.5 shrink-0 rounded-full", optionDotClass(color))} />
            ) : (
              <span aria-hidden="true" className="size-2.5 shrink-0 rounded-full border border-dashed border-muted-foreground" />
            )}
            {color ? t(`state.colors.${color as (typeof OPTION_COLORS)[number]}`) : t("state.noColor")}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

/** Name, key, colour and "start here" of one state, with the transitions that touch it. */
export function StatePanel({ state }: { state: StateDraft }) {
  const { t } = useTranslation("flows");
  const editor = useFlowEditor();
  const issueText = useIssueText();
  const { draft, issues, canEditStates } = editor;
  const nameRef = useFocusTarget<HTMLInputElement>(state.id, "name");
  const keyRef = useFocusTarget<HTMLInputElement>(state.id, "key");
  const incoming = draft.transitions.filter((tr) => tr.to === state.key);
  const outgoing = draft.transitions.filter((tr) => tr.from?.includes(state.key));
  const general = issueText(stateIssues(issues, state.id, null)[0]);

  return (
    <div className="grid gap-4">
      {general ? <p className="text-sm text-destructive">{general}</p> : null}
      <FormField label={t("state.name")} error={issueText(stateIssues(issues, state.id, "label")[0])}>
        {(control) => (
          <Input
            {...control}
            ref={nameRef}
            value={state.label}
            disabled={!canEditStates}
            maxLength={100}
            onChange={(event) => editor.edit((d) => updateState(d, state.id, { label: event.target.value }))}
          />
        )}
      </FormField>
      <FormField
        label={t("state.key")}
        hint={state.originalKey === null ? t("state.keyNewHint") : t("state.keyHint")}
        error={issueText(stateIssues(issues, state.id, "key")[0])}
      >
        {(control) => (
          <Input
            {...control}
            ref={keyRef}
            value={state.key}
            disabled={!canEditStates}
            maxLength={100}
            spellCheck={false}
            autoCapitalize="characters"
            className="font-mono"
            onChange={(event) => editor.edit((d) => updateState(d, state.id, { key: event.target.value }))}
          />
        )}
      </FormField>
      <ColorPicker state={state} disabled={!canEditStates} />
      <div className="flex items-center gap-2">
        <Checkbox
          id={`initial-${state.id}`}
          checked={draft.initial === state.key}
          disabled={!canEditStates}
          onCheckedChange={(checked) => editor.edit((d) => setInitial(d, checked === true ? state.key : null))}
        />
        <Label htmlFor={`initial-${state.id}`}>{t("state.initial")}</Label>
      </div>
      <section aria-labelledby={`connections-${state.id}`} className="grid gap-2">
        <h3 id={`connections-${state.id}`} className="text-sm font-semibold">
          {t("state.connections")}
        </h3>
        {incoming.length + outgoing.length === 0 ? (
          <p className="text-sm text-muted-foreground">{t("state.noConnections")}</p>
        ) : (
          <ul className="grid gap-1">
            {[
              ...incoming.map((tr) => ({ tr, way: "incoming" as const })),
              ...outgoing.map((tr) => ({ tr, way: "outgoing" as const })),
            ].map(({ tr, way }) => (
              <li key={`${way}-${tr.id}`}>
                <Button variant="link" onClick={() => editor.select({ kind: "transition", id: tr.id }, "name")}>
                  {tr.name || tr.key}
                </Button>{" "}
                <span className="text-sm text-muted-foreground">({t(`state.${way}`)})</span>
              </li>
            ))}
          </ul>
        )}
      </section>
      {canEditStates ? (
        <div>
          <Button variant="outline" onClick={() => editor.requestDelete({ kind: "state", id: state.id })}>
            <Trash2 aria-hidden="true" className="size-4" />
            {t("state.delete")}
          </Button>
        </div>
      ) : null}
    </div>
  );
}
