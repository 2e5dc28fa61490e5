import {
  FIELD_TYPES,
  type FieldDefinition,
  type FieldType,
  NOT_INDEXED_TYPES,
  NOT_UNIQUE_TYPES,
  OPTION_FIELD_TYPES,
} from "@flexoffice/shared";
import { useId } from "react";
import { useTranslation } from "react-i18next";
import { Alert } from "../../../components/ui/alert.tsx";
import { Checkbox } from "../../../components/ui/checkbox.tsx";
import { FormField } from "../../../components/ui/form-field.tsx";
import { Input } from "../../../components/ui/input.tsx";
import { Label } from "../../../components/ui/label.tsx";
import { Select } from "../../../components/ui/select.tsx";
import { Textarea } from "../../../components/ui/textarea.tsx";
import type { BlueprintSummary } from "../api/blueprints-query.ts";
import type { DraftActions } from "../hooks/use-draft.ts";
import { canCast } from "../lib/can-cast.ts";
import type { DraftField } from "../lib/draft.ts";
import { withProperty } from "../lib/field-edits.ts";
import { DefaultEditor } from "./default-editor.tsx";
import { OptionsEditor } from "./options-editor.tsx";
import { TypeProperties } from "./type-properties.tsx";

/** Properties that have a control in the editor; a problem with any other is listed at the top. */
export const PLACED_PROPERTIES: ReadonlySet<string> = new Set([
  "label",
  "key",
  "type",
  "description",
  "options",
  "min",
  "max",
  "min_length",
  "max_length",
  "pattern",
  "precision",
  "scale",
  "reference",
  "currencies",
  "default",
]);

export type FieldProblems = { byProperty: Map<string, string>; unplaced: string[] };

type FieldEditorProps = {
  item: DraftField;
  /** The field as saved (null for a new one): its type decides which type changes are possible. */
  saved: FieldDefinition | null;
  actions: DraftActions;
  problems: FieldProblems;
  timeZone: string;
  targets: readonly BlueprintSummary[];
  labelInputRef?: (element: HTMLInputElement | null) => void;
};

function RuleCheckbox(props: {
  label: string;
  hint: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  error?: string | undefined;
}) {
  const id = useId();
  return (
    <div className="flex items-start gap-2">
      <Checkbox
        id={id}
        className="mt-0.5"
        checked={props.checked}
        aria-describedby={`${id}-hint`}
        onCheckedChange={(state) => props.onChange(state === true)}
      />
      <div className="grid gap-1">
        <Label htmlFor={id}>{props.label}</Label>
        <p id={`${id}-hint`} className="text-xs text-muted-foreground">
          {props.hint}
        </p>
        {props.error ? <p className="text-sm text-destructive">{props.error}</p> : null}
      </div>
    </div>
  );
}

/** Everything about one field: names, type, rules, type-specific settings and default. */
export function FieldEditor({ item, saved, actions, problems, timeZone, targets, labelInputRef }: FieldEditorProps) {
  const { t } = useTranslation("blueprints");
  const optionsErrorId = useId();
  const { field, uid } = item;
  const errorFor = (property: string) => problems.byProperty.get(property);
  const change = (update: (f: FieldDefinition) => FieldDefinition) => actions.setField(uid, update);
  const hasOptions = (OPTION_FIELD_TYPES as readonly FieldType[]).includes(field.type);

  return (
    <div className="grid gap-5">
      {problems.unplaced.length > 0 ? (
        <Alert tone="error">
          <ul className="grid gap-1">
            {problems.unplaced.map((message) => (
              <li key={message}>{message}</li>
            ))}
          </ul>
        </Alert>
      ) : null}
      <div className="grid gap-4 sm:grid-cols-2">
        <FormField label={t("editor.label")} error={errorFor("label")}>
          {(control) => (
            <Input
              {...control}
              ref={labelInputRef}
              maxLength={100}
              value={field.label}
              onChange={(event) => actions.setLabel(uid, event.target.value)}
            />
          )}
        </FormField>
        <FormField
          label={t("editor.key")}
          hint={item.originalKey === null ? t("editor.keyHintNew") : t("editor.keyHintSaved")}
          error={errorFor("key")}
        >
          {(control) => (
            <Input
              {...control}
              className="font-mono"
              autoCapitalize="none"
              spellCheck={false}
              maxLength={63}
              value={field.key}
              onChange={(event) => actions.setField(uid, (f) => ({ ...f, key: event.target.value }), { keyTouched: true })}
            />
          )}
        </FormField>
      </div>
      <FormField
        label={t("editor.type")}
        hint={saved ? t("editor.typeHintSaved") : t(`types.${field.type}.hint`)}
        error={errorFor("type")}
      >
        {(control) => (
          <Select {...control} value={field.type} onChange={(event) => actions.setType(uid, event.target.value as FieldType)}>
            {FIELD_TYPES.map((type) => {
              const possible = !saved || canCast(saved.type, type);
              return (
                <option key={type} value={type} disabled={!possible}>
                  {possible ? t(`types.${type}.name`) : t("editor.typeNoCast", { type: t(`types.${type}.name`) })}
                </option>
              );
            })}
          </Select>
        )}
      </FormField>
      <FormField label={t("editor.description")} hint={t("editor.descriptionHint")} error={errorFor("description")}>
        {(control) => (
          <Textarea
            {...control}
            rows={2}
            maxLength={500}
            value={field.description ?? ""}
            onChange={(event) => change((f) => withProperty(f, "description", event.target.value))}
          />
        )}
      </FormField>
      <fieldset className="grid gap-3">
        <legend className="mb-2 text-sm font-medium">{t("editor.rules")}</legend>
        <RuleCheckbox
          label={t("editor.required")}
          hint={t("editor.requiredHint")}
          checked={field.required === true}
          onChange={(checked) => change((f) => withProperty(f, "required", checked))}
          error={errorFor("required")}
        />
        {NOT_UNIQUE_TYPES.includes(field.type) ? null : (
          <RuleCheckbox
            label={t("editor.unique")}
            hint={t("editor.uniqueHint")}
            checked={field.unique === true}
            onChange={(checked) => change((f) => withProperty(f, "unique", checked))}
            error={errorFor("unique")}
          />
        )}
        {NOT_INDEXED_TYPES.includes(field.type) ? null : (
          <RuleCheckbox
            label={t("editor.indexed")}
            hint={t("editor.indexedHint")}
            checked={field.indexed === true}
            onChange={(checked) => change((f) => withProperty(f, "indexed", checked))}
            error={errorFor("indexed")}
          />
        )}
      </fieldset>
      {hasOptions ? (
        <OptionsEditor
          options={field.options ?? []}
          origins={item.optionOrigins}
          savedValues={saved?.options?.map((option) => option.value) ?? []}
          onChange={(options, origins) => actions.setOptions(uid, options, origins)}
          error={errorFor("options")}
          errorId={optionsErrorId}
          fieldLabel={field.label || t("fieldList.untitled")}
        />
      ) : null}
      <TypeProperties field={field} onChange={change} errorFor={errorFor} timeZone={timeZone} targets={targets} />
      <DefaultEditor field={field} onChange={change} error={errorFor("default")} timeZone={timeZone} />
    </div>
  );
}
