import { zodResolver } from "@hookform/resolvers/zod";
import { useEffect, useState } from "react";
import { Controller, useForm } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
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
import type { TenantRow } from "../../api/my-tenants-query.ts";
import { useUpdateTenantMutation } from "../../api/update-tenant-mutation.ts";
import { rememberTenant } from "../../lib/last-tenant.ts";
import { LanguageOptions, TimeZoneOptions } from "../locale-options.tsx";
import { SETTINGS_FIELDS, settingsFromTenant, type TenantSettings, TenantSettingsSchema, toChanges } from "./settings-schema.ts";

type FieldError = Parameters<typeof formErrorText>[0];

/**
 * Every setting update_tenant takes except the modules (which switch at once): one form, one
 * save, only the changed settings sent. A refusal lands on the field the database names.
 */
export function SettingsForm({ tenant }: { tenant: TenantRow }) {
  const { t } = useTranslation("tenants");
  const errorText = useApiErrorText();
  const navigate = useNavigate();
  const update = useUpdateTenantMutation(tenant.id);
  const form = useForm<TenantSettings>({
    resolver: zodResolver(TenantSettingsSchema),
    defaultValues: settingsFromTenant(tenant),
  });
  const { errors, isDirty } = form.formState;
  const [generalError, setGeneralError] = useState<unknown>(null);
  const slug = form.watch("slug");
  const timeoutEnabled = form.watch("session_timeout_enabled");

  // Someone else saved meanwhile: show their values unless this person is editing.
  useEffect(() => {
    if (!form.formState.isDirty) form.reset(settingsFromTenant(tenant));
  }, [tenant, form]);

  const fieldText = (error: FieldError) =>
    formErrorText(error, (key) => t(`settings.validation.${key}` as "settings.validation.nameRequired"));

  const onSubmit = form.handleSubmit((values) => {
    setGeneralError(null);
    const changes = toChanges(values, tenant);
    if (Object.keys(changes).length === 0) {
      toast.info(t("settings.nothingChanged"));
      return;
    }
    update.mutate(changes, {
      onSuccess: (saved) => {
        form.reset(settingsFromTenant(saved));
        toast.success(t("settings.saved"));
        if (saved.slug !== tenant.slug) {
          rememberTenant(saved.slug);
          toast.info(t("settings.movedTo", { slug: saved.slug }));
          navigate(`/t/${saved.slug}/settings`, { replace: true });
        }
      },
      onError: (error) => {
        if (!applyServerError(form, error, SETTINGS_FIELDS, errorText)) setGeneralError(error);
      },
    });
  });

  return (
    <form noValidate className="grid gap-6" onSubmit={onSubmit} aria-label={t("settings.title")}>
      <Card aria-labelledby="settings-general">
        <CardHeader>
          <CardTitle id="settings-general">{t("settings.general.title")}</CardTitle>
          <CardDescription>{t("settings.general.description")}</CardDescription>
        </CardHeader>
        <CardContent className="grid gap-5">
          <FormField label={t("settings.general.name")} error={fieldText(errors.name)}>
            {(control) => <Input {...control} autoComplete="organization" {...form.register("name")} />}
          </FormField>
          <FormField
            label={t("settings.general.slug")}
            hint={t("settings.general.slugHint", { slug: slug || "…" })}
            error={fieldText(errors.slug)}
          >
            {(control) => <Input {...control} autoCapitalize="none" spellCheck={false} {...form.register("slug")} />}
          </FormField>
          {slug.trim() !== tenant.slug ? (
            <Alert tone="info">{t("settings.general.slugWarning", { slug: tenant.slug })}</Alert>
          ) : null}
          <FormField
            label={t("settings.general.supportEmail")}
            hint={t("settings.general.supportEmailHint")}
            error={fieldText(errors.support_email)}
          >
            {(control) => (
              <Input {...control} type="email" inputMode="email" autoComplete="email" {...form.register("support_email")} />
            )}
          </FormField>
        </CardContent>
      </Card>

      <Card aria-labelledby="settings-locale">
        <CardHeader>
          <CardTitle id="settings-locale">{t("settings.locale.title")}</CardTitle>
          <CardDescription>{t("settings.locale.description")}</CardDescription>
        </CardHeader>
        <CardContent className="grid gap-5 sm:grid-cols-2">
          <FormField
            label={t("settings.locale.timezone")}
            hint={t("settings.locale.timezoneHint")}
            error={fieldText(errors.timezone)}
          >
            {(control) => (
              <Select {...control} {...form.register("timezone")}>
                <TimeZoneOptions current={tenant.timezone} />
              </Select>
            )}
          </FormField>
          <FormField
            label={t("settings.locale.language")}
            hint={t("settings.locale.languageHint")}
            error={fieldText(errors.language)}
          >
            {(control) => (
              <Select {...control} {...form.register("language")}>
                <LanguageOptions />
              </Select>
            )}
          </FormField>
        </CardContent>
      </Card>

      <Card aria-labelledby="settings-sessions">
        <CardHeader>
          <CardTitle id="settings-sessions">{t("settings.sessions.title")}</CardTitle>
          <CardDescription>{t("settings.sessions.description")}</CardDescription>
        </CardHeader>
        <CardContent className="grid gap-5">
          <div className="flex items-center gap-3">
            <Controller
              control={form.control}
              name="session_timeout_enabled"
              render={({ field }) => (
                <Checkbox
                  id="settings-timeout-enabled"
                  checked={field.value}
                  onCheckedChange={(checked) => field.onChange(checked === true)}
                  onBlur={field.onBlur}
                  ref={field.ref}
                />
              )}
            />
            <Label htmlFor="settings-timeout-enabled">{t("settings.sessions.timeoutEnabled")}</Label>
          </div>
          {timeoutEnabled ? (
            <FormField
              className="max-w-xs"
              label={t("settings.sessions.timeoutMinutes")}
              hint={t("settings.sessions.timeoutHint")}
              error={fieldText(errors.session_timeout_minutes)}
            >
              {(control) => (
                <Input
                  {...control}
                  type="number"
                  inputMode="numeric"
                  min={5}
                  max={43200}
                  {...form.register("session_timeout_minutes")}
                />
              )}
            </FormField>
          ) : (
            <p className="text-sm text-muted-foreground">{t("settings.sessions.timeoutOff")}</p>
          )}
        </CardContent>
      </Card>

      <Card aria-labelledby="settings-retention">
        <CardHeader>
          <CardTitle id="settings-retention">{t("settings.retention.title")}</CardTitle>
          <CardDescription>{t("settings.retention.description")}</CardDescription>
        </CardHeader>
        <CardContent className="grid gap-5 sm:grid-cols-2">
          <FormField
            label={t("settings.retention.audit")}
            hint={t("settings.retention.auditHint")}
            error={fieldText(errors.audit_retention_days)}
          >
            {(control) => (
              <Input
                {...control}
                type="number"
                inputMode="numeric"
                min={365}
                max={36500}
                {...form.register("audit_retention_days")}
              />
            )}
          </FormField>
          <FormField
            label={t("settings.retention.trash")}
            hint={t("settings.retention.trashHint")}
            error={fieldText(errors.trash_retention_days)}
          >
            {(control) => (
              <Input
                {...control}
                type="number"
                inputMode="numeric"
                min={1}
                max={3650}
                {...form.register("trash_retention_days")}
              />
            )}
          </FormField>
        </CardContent>
      </Card>

      {generalError ? <Alert tone="error">{errorText(generalError)}</Alert> : null}
      <div className="flex flex-wrap gap-3">
        <Button type="submit" loading={update.isPending}>
          {t("settings.save")}
        </Button>
        <Button
          variant="outline"
          disabled={!isDirty || update.isPending}
          onClick={() => {
            setGeneralError(null);
            form.reset(settingsFromTenant(tenant));
          }}
        >
          {t("settings.discard")}
        </Button>
      </div>
    </form>
  );
}
