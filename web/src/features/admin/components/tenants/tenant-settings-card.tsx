import { zodResolver } from "@hookform/resolvers/zod";
import { useState } from "react";
import { Controller, useForm } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { Alert } from "../../../../components/ui/alert.tsx";
import { Button } from "../../../../components/ui/button.tsx";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "../../../../components/ui/card.tsx";
import { Checkbox } from "../../../../components/ui/checkbox.tsx";
import { FormField } from "../../../../components/ui/form-field.tsx";
import { Input } from "../../../../components/ui/input.tsx";
import { Label } from "../../../../components/ui/label.tsx";
import { Select } from "../../../../components/ui/select.tsx";
import { toast } from "../../../../components/ui/toast.ts";
import { useApiErrorText } from "../../../../lib/api-error-text.ts";
import { applyServerError, formErrorText } from "../../../../lib/form-errors.ts";
import { LanguageOptions, TimeZoneOptions } from "../../../tenants/components/locale-options.tsx";
import {
  MODULE_KEYS,
  SETTINGS_FIELDS,
  settingsFromTenant,
  type TenantSettings,
  TenantSettingsSchema,
  toChanges,
} from "../../../tenants/components/settings/settings-schema.ts";
import { useAdminUpdateTenantMutation } from "../../api/tenants.ts";
import type { AdminTenantDetail } from "../../lib/admin-types.ts";

type FieldError = Parameters<typeof formErrorText>[0];

/**
 * The tenant's settings with update_tenant's fields and rules (admin_update_tenant): the same
 * checks as the workspace's own settings page, the same words, and the change is recorded in
 * the tenant's audit log for its Admins to see.
 */
export function TenantSettingsCard({ tenant }: { tenant: AdminTenantDetail }) {
  const { t } = useTranslation("admin");
  const { t: ts } = useTranslation("tenants");
  const errorText = useApiErrorText();
  const update = useAdminUpdateTenantMutation(tenant.id);
  const form = useForm<TenantSettings>({
    resolver: zodResolver(TenantSettingsSchema),
    defaultValues: settingsFromTenant(tenant),
  });
  const [modules, setModules] = useState<string[]>(tenant.modules);
  const [generalError, setGeneralError] = useState<unknown>(null);
  const { errors } = form.formState;
  const timeoutEnabled = form.watch("session_timeout_enabled");
  const fieldText = (error: FieldError) =>
    formErrorText(error, (key) => ts(`settings.validation.${key}` as "settings.validation.nameRequired"));

  const onSubmit = form.handleSubmit((values) => {
    setGeneralError(null);
    const changes = toChanges(values, tenant);
    const sortedModules = MODULE_KEYS.filter((key) => modules.includes(key));
    if (sortedModules.join() !== MODULE_KEYS.filter((key) => tenant.modules.includes(key)).join())
      changes.modules = sortedModules;
    if (Object.keys(changes).length === 0) {
      toast.info(ts("settings.nothingChanged"));
      return;
    }
    update.mutate(changes, {
      onSuccess: () => {
        form.reset(values);
        toast.success(t("tenant.settingsSaved"));
      },
      onError: (error) => {
        if (!applyServerError(form, error, SETTINGS_FIELDS, errorText)) setGeneralError(error);
      },
    });
  });

  return (
    <Card aria-labelledby="admin-tenant-settings">
      <CardHeader>
        <CardTitle id="admin-tenant-settings">{t("tenant.settings")}</CardTitle>
        <CardDescription>{t("tenant.settingsHint")}</CardDescription>
      </CardHeader>
      <CardContent>
        <form noValidate className="grid gap-5" onSubmit={onSubmit}>
          <div className="grid gap-5 sm:grid-cols-2">
            <FormField label={ts("settings.general.name")} error={fieldText(errors.name)}>
              {(control) => <Input {...control} {...form.register("name")} />}
            </FormField>
            <FormField label={ts("settings.general.slug")} error={fieldText(errors.slug)}>
              {(control) => <Input {...control} autoCapitalize="none" spellCheck={false} {...form.register("slug")} />}
            </FormField>
            <FormField label={ts("settings.locale.timezone")} error={fieldText(errors.timezone)}>
              {(control) => (
                <Select {...control} {...form.register("timezone")}>
                  <TimeZoneOptions current={tenant.timezone} />
                </Select>
              )}
            </FormField>
            <FormField label={ts("settings.locale.language")} error={fieldText(errors.language)}>
              {(control) => (
                <Select {...control} {...form.register("language")}>
                  <LanguageOptions />
                </Select>
              )}
            </FormField>
            <FormField label={ts("settings.general.supportEmail")} error={fieldText(errors.support_email)}>
              {(control) => <Input {...control} type="email" {...form.register("support_email")} />}
            </FormField>
            <div className="grid content-start gap-3">
              <div className="flex items-center gap-3">
                <Controller
                  control={form.control}
                  name="session_timeout_enabled"
                  render={({ field }) => (
                    <Checkbox
                      id="admin-timeout-enabled"
                      checked={field.value}
                      onCheckedChange={(checked) => field.onChange(checked === true)}
                      ref={field.ref}
                    />
                  )}
                />
                <Label htmlFor="admin-timeout-enabled">{ts("settings.sessions.timeoutEnabled")}</Label>
              </div>
              {timeoutEnabled ? (
                <FormField label={ts("settings.sessions.timeoutMinutes")} error={fieldText(errors.session_timeout_minutes)}>
                  {(control) => (
                    <Input {...control} type="number" inputMode="numeric" {...form.register("session_timeout_minutes")} />
                  )}
                </FormField>
              ) : null}
            </div>
            <FormField
              label={ts("settings.retention.audit")}
              hint={ts("settings.retention.auditHint")}
              error={fieldText(errors.audit_retention_days)}
            >
              {(control) => <Input {...control} type="number" inputMode="numeric" {...form.register("audit_retention_days")} />}
            </FormField>
            <FormField
              label={ts("settings.retention.trash")}
              hint={ts("settings.retention.trashHint")}
              error={fieldText(errors.trash_retention_days)}
            >
              {(control) => <Input {...control} type="number" inputMode="numeric" {...form.register("trash_retention_days")} />}
            </FormField>
          </div>
          <fieldset className="grid gap-2">
            <legend className="mb-1 text-sm font-medium">{ts("settings.modules.title")}</legend>
            <div className="flex flex-wrap gap-x-6 gap-y-2">
              {MODULE_KEYS.map((key) => (
                <div key={key} className="flex items-center gap-2">
                  <Checkbox
                    id={`admin-module-${key}`}
                    checked={modules.includes(key)}
                    onCheckedChange={(checked) =>
                      setModules((current) => (checked === true ? [...current, key] : current.filter((m) => m !== key)))
                    }
                  />
                  <Label htmlFor={`admin-module-${key}`} className="font-normal">
                    {ts(`settings.modules.items.${key}.name`)}
                  </Label>
                </div>
              ))}
            </div>
          </fieldset>
          {generalError ? <Alert tone="error">{errorText(generalError)}</Alert> : null}
          <div>
            <Button type="submit" loading={update.isPending}>
              {t("tenant.saveSettings")}
            </Button>
          </div>
        </form>
      </CardContent>
    </Card>
  );
}
