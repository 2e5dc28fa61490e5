import { zodResolver } from "@hookform/resolvers/zod";
import { useEffect, useRef, useState } from "react";
import { useForm } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { Alert } from "../../../components/ui/alert.tsx";
import { Button } from "../../../components/ui/button.tsx";
import { FormField } from "../../../components/ui/form-field.tsx";
import { Input } from "../../../components/ui/input.tsx";
import { Select } from "../../../components/ui/select.tsx";
import { toast } from "../../../components/ui/toast.ts";
import { useApiErrorText } from "../../../lib/api-error-text.ts";
import { applyServerError, formErrorText } from "../../../lib/form-errors.ts";
import { isLanguage } from "../../../lib/language.ts";
import { browserTimeZone } from "../../../lib/time-zones.ts";
import { useDebounced } from "../../../lib/use-debounced.ts";
import { useCreateTenantMutation } from "../api/create-tenant-mutation.ts";
import { useSlugSuggestionQuery } from "../api/slug-suggestion-query.ts";
import { rememberTenant } from "../lib/last-tenant.ts";
import { type CreateTenant, CreateTenantSchema } from "../lib/schemas.ts";
import { LanguageOptions, TimeZoneOptions } from "./locale-options.tsx";

/** Name, web address (suggested from the name until edited), time zone and language of a new workspace. */
export function CreateTenantForm({ onCancel }: { onCancel?: () => void }) {
  const { t, i18n } = useTranslation("tenants");
  const errorText = useApiErrorText();
  const navigate = useNavigate();
  const create = useCreateTenantMutation();
  const uiLanguage = i18n.resolvedLanguage ?? "en";
  const form = useForm<CreateTenant>({
    resolver: zodResolver(CreateTenantSchema),
    defaultValues: { name: "", slug: "", timezone: browserTimeZone(), language: isLanguage(uiLanguage) ? uiLanguage : "en" },
  });
  const { errors } = form.formState;
  const slugEdited = useRef(false);
  const name = useDebounced(form.watch("name"), 250);
  const suggestion = useSlugSuggestionQuery(name);
  const slug = form.watch("slug");
  const [generalError, setGeneralError] = useState<unknown>(null);

  useEffect(() => {
    if (!slugEdited.current && suggestion.data) form.setValue("slug", suggestion.data, { shouldValidate: false });
  }, [suggestion.data, form]);

  const onSubmit = form.handleSubmit((values) => {
    setGeneralError(null);
    create.mutate(values, {
      onSuccess: (tenant) => {
        rememberTenant(tenant.slug);
        toast.success(t("create.created", { name: tenant.name }));
        navigate(`/t/${tenant.slug}`);
      },
      onError: (error) => {
        if (!applyServerError(form, error, ["name", "slug", "timezone", "language"], errorText)) setGeneralError(error);
      },
    });
  });
  const fieldText = (error: Parameters<typeof formErrorText>[0]) =>
    formErrorText(error, (key) => t(`validation.${key}` as "validation.nameRequired"));

  return (
    <form noValidate className="grid gap-5" onSubmit={onSubmit}>
      <FormField label={t("create.name")} hint={t("create.nameHint")} error={fieldText(errors.name)}>
        {(control) => <Input {...control} autoComplete="organization" {...form.register("name")} />}
      </FormField>
      <FormField
        label={t("create.slug")}
        hint={`${t("create.slugHint", { slug: slug || "…" })}${slugEdited.current ? "" : ` ${t("create.slugSuggested")}`}`}
        error={fieldText(errors.slug)}
      >
        {(control) => (
          <Input
            {...control}
            autoCapitalize="none"
            spellCheck={false}
            {...form.register("slug", {
              onChange: () => {
                slugEdited.current = true;
              },
            })}
          />
        )}
      </FormField>
      <div className="grid gap-5 sm:grid-cols-2">
        <FormField label={t("create.timezone")} hint={t("create.timezoneHint")} error={fieldText(errors.timezone)}>
          {(control) => (
            <Select {...control} {...form.register("timezone")}>
              <TimeZoneOptions />
            </Select>
          )}
        </FormField>
        <FormField label={t("create.language")} hint={t("create.languageHint")} error={fieldText(errors.language)}>
          {(control) => (
            <Select {...control} {...form.register("language")}>
              <LanguageOptions />
            </Select>
          )}
        </FormField>
      </div>
      {generalError ? <Alert tone="error">{errorText(generalError)}</Alert> : null}
      <div className="flex flex-wrap gap-3">
        <Button type="submit" loading={create.isPending}>
          {t("create.submit")}
        </Button>
        {onCancel ? (
          <Button variant="outline" onClick={onCancel}>
            {t("create.cancel")}
          </Button>
        ) : null}
      </div>
    </form>
  );
}
