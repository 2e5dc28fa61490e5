import type { FieldDefinition } from "@flexoffice/shared";
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Alert } from "../../../../components/ui/alert.tsx";
import { Button } from "../../../../components/ui/button.tsx";
import { toast } from "../../../../components/ui/toast.ts";
import { ApiError } from "../../../../lib/api-error.ts";
import { useApiErrorText } from "../../../../lib/api-error-text.ts";
import { type EntityRecord, fetchEntity } from "../../api/entity-query.ts";
import { entityKeys } from "../../api/keys.ts";
import { useUpdateEntityMutation } from "../../api/update-entity-mutation.ts";
import type { FormFieldSpec } from "../../lib/form-fields.ts";
import { type FormValues, initialFormValues, mergeAfterConflict, updatePatch } from "../../lib/record-values.ts";
import { RecordForm } from "./record-form.tsx";
import { useRecordForm } from "./use-record-form.ts";
import { useServerErrorOnForm } from "./use-server-error.ts";
import { useUnsavedChangesGuard } from "./use-unsaved-changes-guard.tsx";

type Conflict = { stage: "detected" } | { stage: "merged"; theirs: string[] } | null;

type RecordEditorProps = {
  entity: EntityRecord;
  /** The entity's version's fields the member may read. */
  fields: readonly FieldDefinition[];
  specs: readonly FormFieldSpec[];
  onDone: () => void;
};

/**
 * Editing a record in place. Only the changed fields are sent, with the version the person
 * started from: if someone saved meanwhile, the database refuses (409 stale) and the person
 * can take the newer version in while keeping everything they typed, then save again.
 */
export function RecordEditor({ entity, fields, specs, onDone }: RecordEditorProps) {
  const { t } = useTranslation("entities");
  const errorText = useApiErrorText();
  const queryClient = useQueryClient();
  const update = useUpdateEntityMutation();
  const serverError = useServerErrorOnForm();
  const [base, setBase] = useState(entity);
  const [conflict, setConflict] = useState<Conflict>(null);
  const [loadingLatest, setLoadingLatest] = useState(false);
  const [generalError, setGeneralError] = useState<string | null>(null);
  const form = useRecordForm(specs, initialFormValues(fields, entity.data));
  const guard = useUnsavedChangesGuard(form.formState.isDirty && !update.isSuccess);
  const editable = new Set(specs.filter((spec) => spec.editable).map((spec) => spec.field.key));

  const submit = (values: FormValues) => {
    setGeneralError(null);
    const changes = updatePatch(fields, values, base.data, (key) => editable.has(key));
    if (Object.keys(changes).length === 0) {
      toast.info(t("form.nothingChanged"));
      onDone();
      return;
    }
    update.mutate(
      { entityId: base.id, expectedVersion: base.version, changes },
      {
        onSuccess: () => {
          toast.success(t("form.saved"));
          guard.allowNavigation();
          onDone();
        },
        onError: (error) => {
          if (error instanceof ApiError && error.code === "FOCON" && error.rule === "stale") {
            setConflict({ stage: "detected" });
            return;
          }
          setGeneralError(serverError(form, specs, error));
        },
      },
    );
  };

  /** Takes the newer version in: untouched fields follow it, the person's edits stay (and stay unsaved). */
  const loadLatest = async () => {
    setLoadingLatest(true);
    try {
      const latest = await fetchEntity(base.id);
      const merge = mergeAfterConflict(fields, form.getValues(), base.data, latest.data);
      form.reset(initialFormValues(fields, latest.data));
      for (const key of merge.yours) form.setValue(key, merge.values[key], { shouldDirty: true });
      setBase(latest);
      queryClient.setQueryData(entityKeys.entity(latest.id), latest);
      const labels = new Map(fields.map((field) => [field.key, field.label]));
      setConflict({ stage: "merged", theirs: merge.theirs.map((key) => labels.get(key) ?? key) });
    } catch (error) {
      setGeneralError(errorText(error));
    } finally {
      setLoadingLatest(false);
    }
  };

  // The page's copy follows live changes; the form stays on the version being edited until the person takes the newer one in.
  const newer = entity.version > base.version && conflict?.stage !== "detected";
  const banner =
    conflict?.stage === "detected" || newer ? (
      <Alert tone={newer ? "info" : "error"} title={newer ? t("form.conflict.newerTitle") : t("form.conflict.title")}>
        <div className="grid gap-3">
          <p>{newer ? t("form.conflict.newerBody") : t("form.conflict.body")}</p>
          <div>
            <Button size="sm" variant="outline" loading={loadingLatest} onClick={() => void loadLatest()}>
              {t("form.conflict.load")}
            </Button>
          </div>
        </div>
      </Alert>
    ) : conflict?.stage === "merged" ? (
      <Alert tone="info" title={t("form.conflict.mergedTitle")}>
        {conflict.theirs.length > 0
          ? t("form.conflict.mergedBody", { fields: conflict.theirs.join(", ") })
          : t("form.conflict.mergedNothing")}
      </Alert>
    ) : null;

  return (
    <>
      <RecordForm
        form={form}
        specs={specs}
        onSubmit={submit}
        onCancel={() => guard.confirmDiscard(onDone)}
        submitLabel={t("form.save")}
        submitting={update.isPending}
        generalError={generalError}
        banner={banner}
      />
      {guard.dialog}
    </>
  );
}
