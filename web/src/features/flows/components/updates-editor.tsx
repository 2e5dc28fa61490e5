import type { FieldDefinition } from "@flexoffice/shared";
import { Plus } from "lucide-react";
import { useTranslation } from "react-i18next";
import { FieldInput } from "../../../components/fields/field-input.tsx";
import { Button } from "../../../components/ui/button.tsx";
import { FormField } from "../../../components/ui/form-field.tsx";
import { Input } from "../../../components/ui/input.tsx";
import { Select } from "../../../components/ui/select.tsx";
import { useTenant } from "../../tenants/hooks/current-tenant.tsx";
import { draftId, type TransitionDraft, type UpdateDraft } from "../lib/draft.ts";
import { updateTransition } from "../lib/draft-edits.ts";
import { issuesAt } from "../lib/issues.ts";
import { canCast, isArithmetic, isNumericType, kindsFor, type UpdateKind } from "../lib/update-kinds.ts";
import { FLOW_LIMITS } from "../lib/validate-draft.ts";
import { useFlowEditor } from "./editor-context.tsx";
import { useIssueText } from "./issue-text.ts";
import { RemoveButton } from "./remove-button.tsx";
import { useFocusTarget } from "./use-focus-target.ts";

type RowProps = { transition: TransitionDraft; update: UpdateDraft; index: number; fields: FieldDefinition[] };

function UpdateRow({ transition, update, index, fields }: RowProps) {
  const { t } = useTranslation("flows");
  const editor = useFlowEditor();
  const tenant = useTenant();
  const issueText = useIssueText();
  const path = `updates.${index}`;
  const error = (prop: string) => issueText(issuesAt(editor.issues, transition.id, `${path}.${prop}`)[0]);
  const fieldRef = useFocusTarget<HTMLSelectElement>(transition.id, `${path}.field`);
  const kindRef = useFocusTarget<HTMLSelectElement>(transition.id, `${path}.kind`);
  const fromRef = useFocusTarget<HTMLSelectElement>(transition.id, `${path}.from`);
  const operandRef = useFocusTarget<HTMLInputElement>(transition.id, `${path}.operand`);
  const valueRef = useFocusTarget<HTMLElement>(transition.id, `${path}.value`);
  const target = fields.find((f) => f.key === update.field);
  const kinds: UpdateKind[] = target ? kindsFor(target.type) : [];
  if (target && !kinds.includes(update.kind)) kinds.push(update.kind);

  const change = (patch: Partial<UpdateDraft>) =>
    editor.edit((d) => {
      const current = d.transitions.find((tr) => tr.id === transition.id);
      if (!current) return d;
      return updateTransition(d, transition.id, {
        updates: current.updates.map((u) => (u.id === update.id ? { ...u, ...patch } : u)),
      });
    });
  const chooseField = (key: string) => {
    const field = fields.find((f) => f.key === key);
    const offered = field ? kindsFor(field.type) : [];
    change({
      field: key,
      kind: offered.includes(update.kind) ? update.kind : (offered[0] ?? "literal"),
      value: undefined,
      from: "",
    });
  };
  const copySources = target ? fields.filter((f) => f.key !== target.key && canCast(f.type, target.type)) : [];
  const numberSources = fields.filter((f) => isNumericType(f.type));
  const inputSources = target ? transition.inputs.filter((i) => canCast(i.type, target.type)) : [];
  const number = index + 1;

  return (
    <fieldset className="relative grid gap-3 rounded-lg border p-3">
      <legend className="px-1 text-sm font-medium">{t("update.item", { number })}</legend>
      <RemoveButton
        label={t("update.remove", { number })}
        onClick={() =>
          editor.edit((d) =>
            updateTransition(d, transition.id, {
              updates: (d.transitions.find((tr) => tr.id === transition.id)?.updates ?? []).filter((u) => u.id !== update.id),
            }),
          )
        }
      />
      <div className="grid gap-3">
        <FormField label={t("update.field")} error={error("field")}>
          {(control) => (
            <Select {...control} ref={fieldRef} value={update.field} onChange={(e) => chooseField(e.target.value)}>
              <option value="">{t("update.chooseField")}</option>
              {fields.map((field) => (
                <option key={field.key} value={field.key}>
                  {field.label}
                </option>
              ))}
            </Select>
          )}
        </FormField>
        <FormField label={t("update.kind")} error={error("kind")}>
          {(control) => (
            <Select
              {...control}
              ref={kindRef}
              value={update.kind}
              disabled={!target}
              onChange={(e) => change({ kind: e.target.value as UpdateKind, value: undefined, from: "" })}
            >
              {kinds.map((kind) => (
                <option key={kind} value={kind}>
                  {t(`update.kinds.${kind}`)}
                </option>
              ))}
            </Select>
          )}
        </FormField>
      </div>
      {target && update.kind === "literal" ? (
        <FormField label={t("update.value")} error={error("value")}>
          {(control) => (
            <FieldInput
              {...control}
              ref={(element) => {
                valueRef.current = element;
              }}
              field={{ ...target, required: false }}
              value={update.value ?? null}
              timeZone={tenant.tenant.timezone}
              onChange={(value) => change({ value: value === null ? undefined : value })}
            />
          )}
        </FormField>
      ) : null}
      {target && update.kind === "copy" ? (
        <FormField label={t("update.fromField")} error={error("from")}>
          {(control) => (
            <Select {...control} ref={fromRef} value={update.from} onChange={(e) => change({ from: e.target.value })}>
              <option value="">{t("update.chooseField")}</option>
              {copySources.map((field) => (
                <option key={field.key} value={field.key}>
                  {field.label}
                </option>
              ))}
            </Select>
          )}
        </FormField>
      ) : null}
      {target && update.kind === "input" ? (
        <FormField
          label={t("update.fromInput")}
          hint={transition.inputs.length === 0 ? t("update.noInputs") : undefined}
          error={error("from")}
        >
          {(control) => (
            <Select {...control} ref={fromRef} value={update.from} onChange={(e) => change({ from: e.target.value })}>
              <option value="">{t("update.chooseInput")}</option>
              {inputSources.map((input) => (
                <option key={input.id} value={input.key}>
                  {input.label || input.key}
                </option>
              ))}
            </Select>
          )}
        </FormField>
      ) : null}
      {target && isArithmetic(update.kind) ? (
        <div className="grid gap-3">
          <FormField label={t("update.source")}>
            {(control) => (
              <Select
                {...control}
                value={update.source}
                onChange={(e) => change({ source: e.target.value === "field" ? "field" : "operand", from: "" })}
              >
                <option value="operand">{t("update.sourceNumber")}</option>
                <option value="field">{t("update.sourceField")}</option>
              </Select>
            )}
          </FormField>
          {update.source === "operand" ? (
            <FormField label={t("update.operand")} error={error("operand")}>
              {(control) => (
                <Input
                  {...control}
                  ref={operandRef}
                  inputMode="decimal"
                  value={update.operand}
                  onChange={(e) => change({ operand: e.target.value })}
                />
              )}
            </FormField>
          ) : (
            <FormField label={t("update.fromField")} error={error("from")}>
              {(control) => (
                <Select {...control} ref={fromRef} value={update.from} onChange={(e) => change({ from: e.target.value })}>
                  <option value="">{t("update.chooseField")}</option>
                  {numberSources.map((field) => (
                    <option key={field.key} value={field.key}>
                      {field.label}
                    </option>
                  ))}
                </Select>
              )}
            </FormField>
          )}
        </div>
      ) : null}
    </fieldset>
  );
}

/** What the transition writes besides the state: a field set to now, a value, an input, a copy or a sum. */
export function UpdatesEditor({ transition }: { transition: TransitionDraft }) {
  const { t } = useTranslation("flows");
  const editor = useFlowEditor();
  const issueText = useIssueText();
  const stateField = editor.design.statusField?.key;
  const fields = editor.design.fields.filter((f) => f.key !== stateField);
  const listError = issueText(
    editor.issues.find((i) => i.target.kind === "transition" && i.target.id === transition.id && i.target.path === "updates"),
  );
  const add = () => {
    const update: UpdateDraft = {
      id: draftId("update"),
      field: "",
      kind: "literal",
      value: undefined,
      from: "",
      operand: "",
      source: "operand",
    };
    editor.edit((d) => updateTransition(d, transition.id, { updates: [...transition.updates, update] }));
    editor.select({ kind: "transition", id: transition.id }, `updates.${transition.updates.length}.field`);
  };
  return (
    <section aria-labelledby={`updates-${transition.id}`} className="grid gap-3">
      <div>
        <h3 id={`updates-${transition.id}`} className="text-sm font-semibold">
          {t("transition.updates")}
        </h3>
        <p className="text-xs text-muted-foreground">{t("transition.updatesHint")}</p>
      </div>
      {listError ? <p className="text-sm text-destructive">{listError}</p> : null}
      {transition.updates.length === 0 ? <p className="text-sm text-muted-foreground">{t("update.none")}</p> : null}
      {transition.updates.map((update, index) => (
        <UpdateRow key={update.id} transition={transition} update={update} index={index} fields={fields} />
      ))}
      <div>
        <Button variant="outline" size="sm" onClick={add} disabled={transition.updates.length >= FLOW_LIMITS.updates}>
          <Plus aria-hidden="true" className="size-4" />
          {t("update.add")}
        </Button>
      </div>
    </section>
  );
}
