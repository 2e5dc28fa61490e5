import { zodResolver } from "@hookform/resolvers/zod";
import { useState } from "react";
import { Controller, type UseFormReturn, useForm } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { Alert } from "../../../components/ui/alert.tsx";
import { Button } from "../../../components/ui/button.tsx";
import { Checkbox } from "../../../components/ui/checkbox.tsx";
import { FormField } from "../../../components/ui/form-field.tsx";
import { Input } from "../../../components/ui/input.tsx";
import { Label } from "../../../components/ui/label.tsx";
import { Textarea } from "../../../components/ui/textarea.tsx";
import { useApiErrorText } from "../../../lib/api-error-text.ts";
import { formErrorText } from "../../../lib/form-errors.ts";
import { CAPABILITIES } from "../../tenants/lib/capabilities.ts";
import { useActor } from "../hooks/use-actor.ts";
import { capabilitiesBeyond } from "../lib/role-rules.ts";
import { RoleFormSchema, type RoleForm as RoleFormValues } from "../lib/schemas.ts";

type RoleFormProps = {
  initial: RoleFormValues;
  submitLabel: string;
  busy: boolean;
  onSubmit: (values: RoleFormValues, form: RoleFormApi) => void;
  onCancel?: () => void;
  /** An error of the last submit that names no field of the form (the caller puts field errors on the form). */
  error: unknown;
};

/**
 * Name, description and workspace permissions of a custom role. A permission the editor
 * does not hold cannot be added or removed (rule 3), so its checkbox is locked and says why.
 */
export function RoleForm({ initial, submitLabel, busy, onSubmit, onCancel, error }: RoleFormProps) {
  const { t } = useTranslation("members");
  const actor = useActor();
  const errorText = useApiErrorText();
  const form = useForm<RoleFormValues>({ resolver: zodResolver(RoleFormSchema), defaultValues: initial });
  const { errors } = form.formState;
  const fieldText = (fieldError: Parameters<typeof formErrorText>[0]) =>
    formErrorText(fieldError, (key) => t(key as "roleForm.validation.nameRequired"));
  const [locked] = useState(() => new Set(capabilitiesBeyond(actor, [...CAPABILITIES])));

  return (
    <form
      noValidate
      className="grid gap-5"
      onSubmit={form.handleSubmit((values) => onSubmit({ ...values, name: values.name.trim() }, form))}
    >
      <FormField label={t("roleForm.name")} hint={t("roleForm.nameHint")} error={fieldText(errors.name)}>
        {(control) => <Input {...control} maxLength={60} {...form.register("name")} />}
      </FormField>
      <FormField label={t("roleForm.description")} hint={t("roleForm.descriptionHint")} error={fieldText(errors.description)}>
        {(control) => <Textarea {...control} rows={2} maxLength={500} {...form.register("description")} />}
      </FormField>
      <Controller
        control={form.control}
        name="capabilities"
        render={({ field }) => (
          <fieldset className="grid gap-3" aria-describedby="role-capabilities-hint">
            <legend className="mb-1 text-sm font-medium">{t("roleForm.capabilities")}</legend>
            <p id="role-capabilities-hint" className="-mt-2 text-xs text-muted-foreground">
              {t("roleForm.capabilitiesHint")}
            </p>
            <div className="grid gap-3 sm:grid-cols-2">
              {CAPABILITIES.map((capability) => {
                const id = `role-capability-${capability}`;
                const isLocked = locked.has(capability);
                return (
                  <div key={capability} className="flex items-start gap-3">
                    <Checkbox
                      id={id}
                      className="mt-0.5"
                      checked={field.value.includes(capability)}
                      disabled={isLocked}
                      aria-describedby={`${id}-description`}
                      onCheckedChange={(checked) =>
                        field.onChange(
                          checked === true ? [...field.value, capability] : field.value.filter((value) => value !== capability),
                        )
                      }
                    />
                    <div className="grid gap-0.5">
                      <Label htmlFor={id}>{t(`capabilities.${capability}.name`)}</Label>
                      <p id={`${id}-description`} className="text-xs text-muted-foreground">
                        {t(`capabilities.${capability}.description`)}
                        {isLocked ? ` ${t("roleForm.beyond")}.` : ""}
                      </p>
                    </div>
                  </div>
                );
              })}
            </div>
          </fieldset>
        )}
      />
      {error ? <Alert tone="error">{errorText(error)}</Alert> : null}
      <div className="flex flex-wrap justify-end gap-3">
        {onCancel ? (
          <Button variant="outline" onClick={onCancel}>
            {t("cancel")}
          </Button>
        ) : null}
        <Button type="submit" loading={busy}>
          {submitLabel}
        </Button>
      </div>
    </form>
  );
}

export type RoleFormApi = UseFormReturn<RoleFormValues>;
