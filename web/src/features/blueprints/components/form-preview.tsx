import { RotateCcw } from "lucide-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { checkFieldInput, emptyValue, FieldInput } from "../../../components/fields/index.ts";
import { Button } from "../../../components/ui/button.tsx";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "../../../components/ui/card.tsx";
import { cn } from "../../../components/ui/cn.ts";
import { FormField } from "../../../components/ui/form-field.tsx";
import { usePreviewLookups } from "../api/preview-lookups.ts";
import { cleanField, type DraftField, stableJson } from "../lib/draft.ts";

type PreviewState = { values: Record<string, unknown>; touched: Record<string, boolean>; shapes: Record<string, string> };

/** The definition a preview value was made for: when it changes (type, options, default), the value starts over. */
const shapeOf = (item: DraftField) => {
  const { label: _label, description: _description, key: _key, ...rest } = cleanField(item.field);
  return stableJson(rest);
};

/**
 * The entity form as it will look with the draft's fields, built from the same controls
 * the records screens use. Try values in it: the rules (required, bounds, options) answer
 * as they will for real. Nothing is saved.
 */
export function FormPreview({
  fields,
  tenantId,
  timeZone,
  className,
}: {
  fields: readonly DraftField[];
  tenantId: string;
  timeZone: string;
  className?: string;
}) {
  const { t } = useTranslation("blueprints");
  const { t: tc } = useTranslation();
  const lookups = usePreviewLookups(tenantId);
  const [state, setState] = useState<PreviewState>({ values: {}, touched: {}, shapes: {} });

  const previewValue = (item: DraftField) =>
    state.shapes[item.uid] === shapeOf(item) && item.uid in state.values ? state.values[item.uid] : emptyValue(item.field);
  const setValue = (item: DraftField, value: unknown) =>
    setState((current) => ({
      values: { ...current.values, [item.uid]: value },
      touched: { ...current.touched, [item.uid]: true },
      shapes: { ...current.shapes, [item.uid]: shapeOf(item) },
    }));

  return (
    <Card aria-labelledby="blueprint-preview-title" className={cn("min-w-0", className)}>
      <CardHeader>
        <div className="flex items-start justify-between gap-3">
          <div className="grid gap-1.5">
            <CardTitle id="blueprint-preview-title">{t("preview.title")}</CardTitle>
            <CardDescription>{t("preview.description")}</CardDescription>
          </div>
          <Button variant="ghost" size="sm" onClick={() => setState({ values: {}, touched: {}, shapes: {} })}>
            <RotateCcw aria-hidden="true" className="size-4" />
            {t("preview.reset")}
          </Button>
        </div>
      </CardHeader>
      <CardContent>
        {fields.length === 0 ? (
          <p className="text-sm text-muted-foreground">{t("preview.empty")}</p>
        ) : (
          <form
            aria-label={t("preview.formLabel")}
            noValidate
            className="grid gap-4"
            onSubmit={(event) => {
              event.preventDefault();
              setState((current) => ({ ...current, touched: Object.fromEntries(fields.map((item) => [item.uid, true])) }));
            }}
          >
            {fields.map((item) => {
              const value = previewValue(item);
              const problem = state.touched[item.uid] ? checkFieldInput(item.field, value) : undefined;
              const label = item.field.label.trim() || t("fieldList.untitled");
              return (
                <FormField
                  key={item.uid}
                  label={item.field.required ? `${label} *` : label}
                  hint={item.field.description || undefined}
                  error={problem ? tc(`fields.validation.${problem.rule}`, problem.values ?? {}) : undefined}
                >
                  {(control) => (
                    <FieldInput
                      {...control}
                      field={item.field}
                      value={value}
                      timeZone={timeZone}
                      referenceOptions={lookups.referenceOptions}
                      onChange={(next) => setValue(item, next)}
                    />
                  )}
                </FormField>
              );
            })}
            <div>
              <Button type="submit" variant="secondary">
                {t("preview.check")}
              </Button>
            </div>
          </form>
        )}
      </CardContent>
    </Card>
  );
}
