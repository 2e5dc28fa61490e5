import type { FieldDefinition, VariableName } from "@flexoffice/shared";
import { Plus, X } from "lucide-react";
import { useTranslation } from "react-i18next";
import type { FilterBuilderVariable } from "../../../../components/filter-builder/filter-builder.tsx";
import { Button } from "../../../../components/ui/button.tsx";
import { Input } from "../../../../components/ui/input.tsx";
import { Select } from "../../../../components/ui/select.tsx";
import { newPresetId, PRESETTABLE_TYPES, type PresetDraft, presetVariableFits } from "../../lib/grants.ts";

type PresetsEditorProps = {
  presets: PresetDraft[];
  fields: readonly FieldDefinition[];
  variables: readonly FilterBuilderVariable[];
  memberOptions: { value: string; label: string }[];
  onChange: (next: PresetDraft[]) => void;
  problem?: string | undefined;
};

function inputType(type: FieldDefinition["type"]): string {
  if (type === "number" || type === "integer") return "number";
  if (type === "date") return "date";
  if (type === "datetime") return "datetime-local";
  if (type === "email") return "email";
  return "text";
}

/** Values forced on new records: per field a fixed value or a variable of the creating member. */
export function PresetsEditor({ presets, fields, variables, memberOptions, onChange, problem }: PresetsEditorProps) {
  const { t } = useTranslation("members");
  const presettable = fields.filter((field) => PRESETTABLE_TYPES.includes(field.type));
  const update = (id: string, patch: Partial<PresetDraft>) =>
    onChange(presets.map((preset) => (preset.id === id ? { ...preset, ...patch } : preset)));
  const used = new Set(presets.map((preset) => preset.field));

  return (
    <div className="grid gap-3">
      <div>
        <p className="text-sm font-medium">{t("permissions.presets.title")}</p>
        <p className="text-xs text-muted-foreground">{t("permissions.presets.description")}</p>
      </div>
      {presets.length === 0 ? <p className="text-sm text-muted-foreground">{t("permissions.presets.empty")}</p> : null}
      <ul className="grid gap-2">
        {presets.map((preset, index) => {
          const number = index + 1;
          const field = fields.find((candidate) => candidate.key === preset.field);
          const fitting = field ? variables.filter((variable) => presetVariableFits(variable.name, field.type)) : [];
          const options =
            field?.type === "member"
              ? memberOptions
              : (field?.options ?? []).map((option) => ({ value: option.value, label: option.label ?? option.value }));
          return (
            <li key={preset.id} className="flex flex-wrap items-start gap-2">
              <Select
                aria-label={t("permissions.presets.field", { number })}
                className="w-full sm:w-48"
                value={preset.field}
                onChange={(event) => update(preset.id, { field: event.target.value, source: "value", text: "", raw: undefined })}
              >
                <option value="">{t("permissions.presets.chooseField")}</option>
                {field || preset.field === "" ? null : <option value={preset.field}>{preset.field}</option>}
                {presettable.map((candidate) => (
                  <option
                    key={candidate.key}
                    value={candidate.key}
                    disabled={candidate.key !== preset.field && used.has(candidate.key)}
                  >
                    {candidate.label}
                  </option>
                ))}
              </Select>
              {field ? (
                <Select
                  aria-label={t("permissions.presets.source", { number })}
                  className="w-full sm:w-56"
                  value={preset.source}
                  onChange={(event) =>
                    update(preset.id, { source: event.target.value as "value" | VariableName, raw: undefined })
                  }
                >
                  <option value="value">{t("permissions.presets.aValue")}</option>
                  {fitting.map((variable) => (
                    <option key={variable.name} value={variable.name}>
                      {variable.label}
                    </option>
                  ))}
                </Select>
              ) : null}
              {field && preset.source === "value" ? (
                preset.raw !== undefined ? (
                  <p className="self-center text-sm text-muted-foreground">{t("permissions.presets.unsupported")}</p>
                ) : field.type === "boolean" ? (
                  <Select
                    aria-label={t("permissions.presets.value", { number })}
                    className="w-full sm:w-40"
                    value={preset.text}
                    onChange={(event) => update(preset.id, { text: event.target.value })}
                  >
                    <option value="">—</option>
                    <option value="true">{t("attributes.yes")}</option>
                    <option value="false">{t("attributes.no")}</option>
                  </Select>
                ) : options.length > 0 ? (
                  <Select
                    aria-label={t("permissions.presets.value", { number })}
                    className="w-full sm:w-56"
                    value={preset.text}
                    onChange={(event) => update(preset.id, { text: event.target.value })}
                  >
                    <option value="">—</option>
                    {options.map((option) => (
                      <option key={option.value} value={option.value}>
                        {option.label}
                      </option>
                    ))}
                  </Select>
                ) : (
                  <Input
                    aria-label={t("permissions.presets.value", { number })}
                    className="min-w-40 flex-1"
                    type={inputType(field.type)}
                    step={field.type === "number" ? "any" : undefined}
                    value={preset.text}
                    onChange={(event) => update(preset.id, { text: event.target.value })}
                  />
                )
              ) : null}
              <Button
                variant="ghost"
                size="icon"
                aria-label={t("permissions.presets.remove", { number })}
                onClick={() => onChange(presets.filter((candidate) => candidate.id !== preset.id))}
              >
                <X aria-hidden="true" className="size-4" />
              </Button>
            </li>
          );
        })}
      </ul>
      {problem ? <p className="text-sm text-destructive">{problem}</p> : null}
      <div>
        <Button
          variant="outline"
          size="sm"
          disabled={presettable.length === 0 || presets.length >= presettable.length}
          onClick={() => onChange([...presets, { id: newPresetId(), field: "", source: "value", text: "" }])}
        >
          <Plus aria-hidden="true" className="size-4" />
          {t("permissions.presets.add")}
        </Button>
      </div>
    </div>
  );
}
