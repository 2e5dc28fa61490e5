import { Trash2 } from "lucide-react";
import { useTranslation } from "react-i18next";
import { Button } from "../../../components/ui/button.tsx";
import { Checkbox } from "../../../components/ui/checkbox.tsx";
import { FormField } from "../../../components/ui/form-field.tsx";
import { Input } from "../../../components/ui/input.tsx";
import { Label } from "../../../components/ui/label.tsx";
import { Select } from "../../../components/ui/select.tsx";
import type { TransitionDraft } from "../lib/draft.ts";
import { updateTransition } from "../lib/draft-edits.ts";
import { issuesAt } from "../lib/issues.ts";
import { useFlowEditor } from "./editor-context.tsx";
import { GuardEditor } from "./guard-editor.tsx";
import { InputsEditor } from "./inputs-editor.tsx";
import { useIssueText } from "./issue-text.ts";
import { RolesPicker } from "./roles-picker.tsx";
import { UpdatesEditor } from "./updates-editor.tsx";
import { useFocusTarget } from "./use-focus-target.ts";

function FromTo({ transition }: { transition: TransitionDraft }) {
  const { t } = useTranslation("flows");
  const editor = useFlowEditor();
  const issueText = useIssueText();
  const { draft } = editor;
  const fromRef = useFocusTarget<HTMLInputElement>(transition.id, "from");
  const toRef = useFocusTarget<HTMLSelectElement>(transition.id, "to");
  const fromError = issueText(issuesAt(editor.issues, transition.id, "from")[0]);
  const fromErrorId = `from-error-${transition.id}`;
  const change = (patch: Partial<TransitionDraft>) => editor.edit((d) => updateTransition(d, transition.id, patch));
  const toggleFrom = (key: string, on: boolean) => {
    const current = transition.from ?? [];
    const next = on ? [...current.filter((k) => k !== key), key] : current.filter((k) => k !== key);
    // Keep the states' order, so the saved list reads like the flow.
    change({ from: draft.states.map((s) => s.key).filter((k) => next.includes(k)) });
  };
  return (
    <>
      <fieldset className="grid gap-2" aria-describedby={fromError ? fromErrorId : undefined}>
        <legend className="mb-1 text-sm font-medium">{t("transition.from")}</legend>
        <div className="flex flex-wrap gap-4">
          <label className="flex items-center gap-2 text-sm">
            <input
              ref={fromRef}
              type="radio"
              name={`from-mode-${transition.id}`}
              className="size-4 accent-primary"
              checked={transition.from === null}
              onChange={() => change({ from: null })}
            />
            {t("transition.fromAny")}
          </label>
          <label className="flex items-center gap-2 text-sm">
            <input
              type="radio"
              name={`from-mode-${transition.id}`}
              className="size-4 accent-primary"
              checked={transition.from !== null}
              onChange={() => change({ from: draft.states[0] ? [draft.states[0].key] : [] })}
            />
            {t("transition.fromStates")}
          </label>
        </div>
        {transition.from !== null ? (
          <ul className="grid gap-2 pl-1 sm:grid-cols-2">
            {draft.states.map((state) => (
              <li key={state.id} className="flex items-center gap-2">
                <Checkbox
                  id={`from-${transition.id}-${state.id}`}
                  checked={transition.from?.includes(state.key) ?? false}
                  onCheckedChange={(checked) => toggleFrom(state.key, checked === true)}
                />
                <Label htmlFor={`from-${transition.id}-${state.id}`}>{state.label || state.key}</Label>
              </li>
            ))}
          </ul>
        ) : null}
        {fromError ? (
          <p id={fromErrorId} className="text-sm text-destructive">
            {fromError}
          </p>
        ) : null}
      </fieldset>
      <FormField label={t("transition.to")} error={issueText(issuesAt(editor.issues, transition.id, "to")[0])}>
        {(control) => (
          <Select {...control} ref={toRef} value={transition.to} onChange={(e) => change({ to: e.target.value })}>
            {draft.states.some((s) => s.key === transition.to) ? null : <option value={transition.to}>{transition.to}</option>}
            {draft.states.map((state) => (
              <option key={state.id} value={state.key}>
                {state.label || state.key}
              </option>
            ))}
          </Select>
        )}
      </FormField>
    </>
  );
}

/** Everything about one transition: name and key, where it runs from and to, its condition, roles, inputs and updates. */
export function TransitionPanel({ transition }: { transition: TransitionDraft }) {
  const { t } = useTranslation("flows");
  const editor = useFlowEditor();
  const issueText = useIssueText();
  const nameRef = useFocusTarget<HTMLInputElement>(transition.id, "name");
  const keyRef = useFocusTarget<HTMLInputElement>(transition.id, "key");
  const change = (patch: Partial<TransitionDraft>) => editor.edit((d) => updateTransition(d, transition.id, patch));
  const exact = (path: string) =>
    issueText(
      editor.issues.find((i) => i.target.kind === "transition" && i.target.id === transition.id && i.target.path === path),
    );

  return (
    <div className="grid gap-5">
      <FormField label={t("transition.name")} hint={t("transition.nameHint")} error={exact("name")}>
        {(control) => (
          <Input
            {...control}
            ref={nameRef}
            value={transition.name}
            maxLength={100}
            onChange={(e) => change({ name: e.target.value })}
          />
        )}
      </FormField>
      <FormField label={t("transition.key")} hint={t("transition.keyHint")} error={exact("key")}>
        {(control) => (
          <Input
            {...control}
            ref={keyRef}
            value={transition.key}
            maxLength={63}
            spellCheck={false}
            autoCapitalize="none"
            className="font-mono"
            onChange={(e) => change({ key: e.target.value })}
          />
        )}
      </FormField>
      <FromTo transition={transition} />
      <GuardEditor transition={transition} />
      <RolesPicker transition={transition} />
      <InputsEditor transition={transition} />
      <UpdatesEditor transition={transition} />
      <div>
        <Button variant="outline" onClick={() => editor.requestDelete({ kind: "transition", id: transition.id })}>
          <Trash2 aria-hidden="true" className="size-4" />
          {t("transition.delete")}
        </Button>
      </div>
    </div>
  );
}
