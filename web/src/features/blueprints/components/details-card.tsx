import { useTranslation } from "react-i18next";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "../../../components/ui/card.tsx";
import { FormField } from "../../../components/ui/form-field.tsx";
import { Input } from "../../../components/ui/input.tsx";
import { Select } from "../../../components/ui/select.tsx";
import { Textarea } from "../../../components/ui/textarea.tsx";
import type { BlueprintDetails } from "../lib/draft.ts";
import { BLUEPRINT_ICONS, type BlueprintIconName, blueprintIcon } from "../lib/icons.ts";

export type DetailsErrors = Partial<Record<"name" | "key" | "description" | "icon", string>>;

type DetailsCardProps = {
  details: BlueprintDetails;
  onChange: (patch: Partial<BlueprintDetails>) => void;
  /** Create mode: the key is still editable (suggested from the name); afterwards it is fixed. */
  keyValue: string;
  onKeyChange?: ((key: string) => void) | undefined;
  errors: DetailsErrors;
};

/** Name, key, description and icon of the blueprint. */
export function DetailsCard({ details, onChange, keyValue, onKeyChange, errors }: DetailsCardProps) {
  const { t } = useTranslation("blueprints");
  const Icon = blueprintIcon(details.icon);
  return (
    <Card aria-labelledby="blueprint-details-title">
      <CardHeader>
        <CardTitle id="blueprint-details-title">{t("details.title")}</CardTitle>
        <CardDescription>{t("details.description")}</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4">
        <div className="grid gap-4 sm:grid-cols-2">
          <FormField label={t("details.name")} hint={t("details.nameHint")} error={errors.name}>
            {(control) => (
              <Input
                {...control}
                maxLength={100}
                value={details.name}
                onChange={(event) => onChange({ name: event.target.value })}
              />
            )}
          </FormField>
          {onKeyChange ? (
            <FormField label={t("details.key")} hint={t("details.keyHintNew")} error={errors.key}>
              {(control) => (
                <Input
                  {...control}
                  className="font-mono"
                  autoCapitalize="none"
                  spellCheck={false}
                  maxLength={63}
                  value={keyValue}
                  onChange={(event) => onKeyChange(event.target.value)}
                />
              )}
            </FormField>
          ) : (
            <div className="grid content-start gap-1.5">
              <p className="text-sm font-medium">{t("details.key")}</p>
              <p className="flex h-10 items-center font-mono text-sm">{keyValue}</p>
              <p className="text-xs text-muted-foreground">{t("details.keyHintFixed")}</p>
            </div>
          )}
        </div>
        <FormField label={t("details.descriptionLabel")} error={errors.description}>
          {(control) => (
            <Textarea
              {...control}
              rows={2}
              maxLength={1000}
              value={details.description}
              onChange={(event) => onChange({ description: event.target.value })}
            />
          )}
        </FormField>
        <FormField label={t("details.icon")} error={errors.icon}>
          {(control) => (
            <div className="flex items-center gap-3">
              <span className="flex size-10 shrink-0 items-center justify-center rounded-md border bg-muted">
                <Icon aria-hidden="true" className="size-5 text-primary" />
              </span>
              <Select
                {...control}
                className="max-w-xs"
                value={details.icon ?? ""}
                onChange={(event) => onChange({ icon: event.target.value || null })}
              >
                <option value="">{t("details.noIcon")}</option>
                {details.icon && !(details.icon in BLUEPRINT_ICONS) ? <option value={details.icon}>{details.icon}</option> : null}
                {(Object.keys(BLUEPRINT_ICONS) as BlueprintIconName[]).map((name) => (
                  <option key={name} value={name}>
                    {t(`icons.${name}`)}
                  </option>
                ))}
              </Select>
            </div>
          )}
        </FormField>
      </CardContent>
    </Card>
  );
}
