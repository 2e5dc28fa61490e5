import type { FieldDefinition } from "@flexoffice/shared";
import { useTranslation } from "react-i18next";
import { Checkbox } from "../../../../components/ui/checkbox.tsx";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "../../../../components/ui/table.tsx";
import { type ActionDraft, type FieldAction, fieldAllowed, type PermissionDraft, toggleField } from "../../lib/grants.ts";

const COLUMNS: readonly FieldAction[] = ["read", "create", "update"];

type FieldMatrixProps = {
  fields: readonly FieldDefinition[];
  draft: PermissionDraft;
  onChange: (action: FieldAction, next: ActionDraft) => void;
};

/**
 * Which fields holders may read, set on create and change. A column's first row is
 * "every field" (also fields added later); unticking one field lists the others.
 */
export function FieldMatrix({ fields, draft, onChange }: FieldMatrixProps) {
  const { t } = useTranslation("members");
  const keys = fields.map((field) => field.key);
  const actionName = (action: FieldAction) => t(`permissions.fields.${action}`);
  if (fields.length === 0) return <p className="text-sm text-muted-foreground">{t("permissions.fields.none")}</p>;
  return (
    <div className="grid gap-2">
      <Table aria-label={t("permissions.fields.title")}>
        <TableHeader>
          <TableRow>
            <TableHead>{t("permissions.fields.field")}</TableHead>
            {COLUMNS.map((action) => (
              <TableHead key={action} className="text-center">
                {actionName(action)}
              </TableHead>
            ))}
          </TableRow>
        </TableHeader>
        <TableBody>
          <TableRow className="bg-muted/30">
            <TableCell className="font-medium">{t("permissions.fields.every")}</TableCell>
            {COLUMNS.map((action) => {
              const current = draft[action];
              return (
                <TableCell key={action} className="text-center">
                  <Checkbox
                    aria-label={t("permissions.fields.allFor", { action: actionName(action) })}
                    checked={current.enabled && current.fields === null}
                    disabled={!current.enabled}
                    title={current.enabled ? undefined : t("permissions.fields.disabled")}
                    onCheckedChange={(checked) => onChange(action, { ...current, fields: checked === true ? null : [...keys] })}
                  />
                </TableCell>
              );
            })}
          </TableRow>
          {fields.map((field) => (
            <TableRow key={field.key}>
              <TableCell>
                <span className="font-medium">{field.label}</span>
                <span className="ml-2 text-xs text-muted-foreground">{field.key}</span>
              </TableCell>
              {COLUMNS.map((action) => {
                const current = draft[action];
                return (
                  <TableCell key={action} className="text-center">
                    <Checkbox
                      aria-label={t("permissions.fields.cell", { action: actionName(action), field: field.label })}
                      checked={fieldAllowed(current, field.key)}
                      disabled={!current.enabled}
                      onCheckedChange={(checked) => onChange(action, toggleField(current, field.key, keys, checked === true))}
                    />
                  </TableCell>
                );
              })}
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <p className="text-xs text-muted-foreground">
        {COLUMNS.some((action) => draft[action].enabled && draft[action].fields !== null) ? t("permissions.fields.listed") : null}
      </p>
    </div>
  );
}
