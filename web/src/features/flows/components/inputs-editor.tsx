import { Plus } from "lucide-react";
import { useTranslation } from "react-i18next";
import { Button } from "../../../components/ui/button.tsx";
import { Checkbox } from "../../../components/ui/checkbox.tsx";
import { FormField } from "../../../components/ui/form-field.tsx";
import { Input } from "../../../components/ui/input.tsx";
import { Label } from "../../../components/ui/label.tsx";
import { Select } from "../../../components/ui/select.tsx";
import { draftId, INPUT_TYPES, type InputDraft, type InputType, type TransitionDraft } from "../lib/draft.ts";
import { updateTransition } from "../lib/draft-edits.ts";
import { issuesAt } from "../lib/issues.ts";
import { snakeKeyFrom } from "../lib/keys.ts";
import { FLOW_LIMITS } from "../lib/validate-draft.ts";
import { useFlowEditor } from "./editor-context.tsx";
import { useIssueText } from "./issue-text.ts";
import { RemoveButton } from "./remove-button.tsx";
import { useFocusTarget } from "./use-focus-target.ts";

function InputRow({ transition, input, index }: { transition: TransitionDraft; input: InputDraft; index: number }) {
  const { t } = useTranslation("flows");
  const editor = useFlowEditor();
  const issueText = useIssueText();
  const path = `inputs.${index}`;
  const labelRef = useFocusTarget<HTMLInputElement>(transition.id, `${path}.label`);
  const keyRef = useFocusTarget<HTMLInputElement>(transition.id, `${path}.key`);
  const error = (prop: string) => issueText(issuesAt(editor.issues, transition.id, `${path}.${prop}`)[0]);
  const change = (patch: Partial<InputDraft>) =>
    editor.edit((d) => {
      const current = d.transitions.find((tr) => tr.id === transition.id);
      if (!current) return d;
      const inputs = current.inputs.map((item) => {
        if (item.id !== input.id) return item;
        const next = { ...item, ...patch };
        if (patch.key !== undefined) next.autoKey = false;
        else if (patch.label !== undefined && item.autoKey) {
          next.key = snakeKeyFrom(
            patch.label,
            current.inputs.filter((o) => o.id !== item.id).map((o) => o.key),
            "input",
          );
        }
        // Bounds and other settings of one type do not carry over to another.
        if (patch.type !== undefined && patch.type !== item.type) next.rest = {};
        return next;
      });
      // Updates that write this input follow its key.
      const renamed = inputs.find((item) => item.id === input.id);
      const updates =
        renamed && renamed.key !== input.key
          ? current.updates.map((u) => (u.kind === "input" && u.from === input.key ? { ...u, from: renamed.key } : u))
          : current.updates;
      return updateTransition(d, transition.id, { inputs, updates });
    });
  const name = input.label || t("input.item", { number: index + 1 });

  return (
    <fieldset className="relative grid gap-3 rounded-lg border p-3">
      <legend className="px-1 text-sm font-medium">{t("input.item", { number: index + 1 })}</legend>
      <RemoveButton
        label={t("input.remove", { name })}
        onClick={() =>
          editor.edit((d) =>
            updateTransition(d, transition.id, {
              inputs: (d.transitions.find((tr) => tr.id === transition.id)?.inputs ?? []).filter((i) => i.id !== input.id),
            }),
          )
        }
      />
      <div className="grid gap-3 sm:grid-cols-2">
        <FormField label={t("input.label")} error={error("label")}>
          {(control) => (
            <Input
              {...control}
              ref={labelRef}
              value={input.label}
              maxLength={100}
              onChange={(e) => change({ label: e.target.value })}
            />
          )}
        </FormField>
        <FormField label={t("input.key")} error={error("key")}>
          {(control) => (
            <Input
              {...control}
              ref={keyRef}
              value={input.key}
              maxLength={63}
              spellCheck={false}
              autoCapitalize="none"
              className="font-mono"
              onChange={(e) => change({ key: e.target.value })}
            />
          )}
        </FormField>
      </div>
      <div className="flex flex-wrap items-end gap-3">
        <FormField label={t("input.type")} className="min-w-40 flex-1">
          {(control) => (
            <Select {...control} value={input.type} onChange={(e) => change({ type: e.target.value as InputType })}>
              {INPUT_TYPES.map((type) => (
                <option key={type} value={type}>
                  {t(`input.types.${type}`)}
                </option>
              ))}
            </Select>
          )}
        </FormField>
        <div className="flex h-10 items-center gap-2">
          <Checkbox
            id={`${input.id}-required`}
            checked={input.required}
            onCheckedChange={(checked) => change({ required: checked === true })}
          />
          <Label htmlFor={`${input.id}-required`}>{t("input.required")}</Label>
        </div>
      </div>
    </fieldset>
  );
}

/** What the person running the transition fills in; updates can write these values into fields. */
export function InputsEditor({ transition }: { transition: TransitionDraft }) {
  const { t } = useTranslation("flows");
  const editor = useFlowEditor();
  const issueText = useIssueText();
  const listError = issueText(
    editor.issues.find((i) => i.target.kind === "transition" && i.target.id === transition.id && i.target.path === "inputs"),
  );
  const add = () => {
    const label = t("defaults.inputName");
    const input: InputDraft = {
      id: draftId("input"),
      key: snakeKeyFrom(
        label,
        transition.inputs.map((i) => i.key),
        "input",
      ),
      label,
      type: "text",
      required: true,
      autoKey: true,
      rest: {},
    };
    editor.edit((d) => updateTransition(d, transition.id, { inputs: [...transition.inputs, input] }));
    editor.select({ kind: "transition", id: transition.id }, `inputs.${transition.inputs.length}.label`);
  };
  return (
    <section aria-labelledby={`inputs-${transition.id}`} className="grid gap-3">
      <div>
        <h3 id={`inputs-${transition.id}`} className="text-sm font-semibold">
          {t("transition.inputs")}
        </h3>
        <p className="text-xs text-muted-foreground">{t("transition.inputsHint")}</p>
      </div>
      {listError ? <p className="text-sm text-destructive">{listError}</p> : null}
      {transition.inputs.length === 0 ? <p className="text-sm text-muted-foreground">{t("input.none")}</p> : null}
      {transition.inputs.map((input, index) => (
        <InputRow key={input.id} transition={transition} input={input} index={index} />
      ))}
      <div>
        <Button variant="outline" size="sm" onClick={add} disabled={transition.inputs.length >= FLOW_LIMITS.inputs}>
          <Plus aria-hidden="true" className="size-4" />
          {t("input.add")}
        </Button>
      </div>
    </section>
  );
}
