import type { FieldDefinition } from "@flexoffice/shared";
import { useTranslation } from "react-i18next";
import { FieldValue } from "../../../../components/fields/index.ts";
import { useTenant } from "../../../tenants/hooks/current-tenant.tsx";
import type { EntityRecord } from "../../api/entity-query.ts";
import { useReferenceLabels } from "./use-reference-labels.ts";

/**
 * The values of an entity, field by field in the blueprint's order. Only fields the member
 * may read are passed in: a hidden field is absent, not shown as empty.
 */
export function RecordDetails({ fields, entity }: { fields: readonly FieldDefinition[]; entity: EntityRecord }) {
  const { i18n } = useTranslation();
  const tenant = useTenant();
  const referenceLabel = useReferenceLabels(fields, entity.data);
  return (
    <dl className="grid gap-x-6 gap-y-4 sm:grid-cols-2">
      {fields.map((field) => (
        <div
          key={field.key}
          className={
            field.type === "long_text" || field.type === "json" ? "grid min-w-0 gap-1 sm:col-span-2" : "grid min-w-0 gap-1"
          }
        >
          <dt className="text-sm font-medium text-muted-foreground">{field.label}</dt>
          <dd className="min-w-0 break-words" data-field={field.key}>
            <FieldValue
              field={field}
              value={entity.data[field.key]}
              timeZone={tenant.tenant.timezone}
              language={i18n.resolvedLanguage ?? "en"}
              referenceLabel={referenceLabel}
            />
          </dd>
        </div>
      ))}
    </dl>
  );
}
