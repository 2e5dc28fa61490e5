import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { PageHeader } from "../../../../components/ui/page-header.tsx";
import { toast } from "../../../../components/ui/toast.ts";
import { ApiError } from "../../../../lib/api-error.ts";
import type { EntityAccess } from "../../api/access-query.ts";
import type { BlueprintContext } from "../../api/blueprint-query.ts";
import { useCreateEntityMutation } from "../../api/create-entity-mutation.ts";
import { formFieldSpecs } from "../../lib/form-fields.ts";
import { entityTitle, titleFieldOf } from "../../lib/record-title.ts";
import { createPayload, type FormValues, initialFormValues } from "../../lib/record-values.ts";
import { BackLink } from "./back-link.tsx";
import { LoadError } from "./load-error.tsx";
import { NotAllowed } from "./not-allowed.tsx";
import { PageTitle } from "./page-title.tsx";
import { RecordForm } from "./record-form.tsx";
import { RecordNotFound } from "./record-not-found.tsx";
import { RecordSkeleton, useLoadingText } from "./record-skeleton.tsx";
import { useRecordForm } from "./use-record-form.ts";
import { useRecordsScope } from "./use-records-scope.ts";
import { useServerErrorOnForm } from "./use-server-error.ts";
import { useUnsavedChangesGuard } from "./use-unsaved-changes-guard.tsx";

/** /t/:slug/records/:blueprintKey/new: a new record of the blueprint's latest version. */
export function RecordCreatePage() {
  const { t } = useTranslation("entities");
  const scope = useRecordsScope();
  const loading = useLoadingText();
  const { blueprint, access } = scope;
  if (blueprint.error instanceof ApiError && blueprint.error.code === "FONF0") return <RecordNotFound kind="blueprint" />;
  if (blueprint.isError || access.isError) {
    return (
      <LoadError
        title={t("form.createTitle", { name: scope.blueprintKey })}
        error={blueprint.error ?? access.error}
        onRetry={() => void (blueprint.isError ? blueprint.refetch() : access.refetch())}
      />
    );
  }
  if (!blueprint.data || !access.data) return <RecordSkeleton label={loading("form")} />;
  if (!access.data.create.allowed) {
    return (
      <NotAllowed
        title={t("form.createTitle", { name: blueprint.data.blueprint.name })}
        body={t("form.createNotAllowed", { name: blueprint.data.blueprint.name })}
        backTo={scope.gridPath}
        backLabel={t("record.backTo", { name: blueprint.data.blueprint.name })}
      />
    );
  }
  return <CreateForm context={blueprint.data} access={access.data} gridPath={scope.gridPath} recordPath={scope.recordPath} />;
}

function CreateForm({
  context,
  access,
  gridPath,
  recordPath,
}: {
  context: BlueprintContext;
  access: EntityAccess;
  gridPath: string;
  recordPath: (id: string) => string;
}) {
  const { t } = useTranslation("entities");
  const navigate = useNavigate();
  const create = useCreateEntityMutation();
  const serverError = useServerErrorOnForm();
  const [specs] = useState(() => formFieldSpecs("create", context.fields, access, context.flow?.stateField ?? null));
  const form = useRecordForm(
    specs,
    initialFormValues(
      specs.map((spec) => spec.field),
      null,
    ),
  );
  const guard = useUnsavedChangesGuard(form.formState.isDirty && !create.isSuccess);
  const [generalError, setGeneralError] = useState<string | null>(null);
  const name = context.blueprint.name;
  const title = t("form.createTitle", { name });

  const submit = (values: FormValues) => {
    setGeneralError(null);
    const editable = new Set(specs.filter((spec) => spec.editable).map((spec) => spec.field.key));
    const data = createPayload(context.fields, values, (key) => editable.has(key));
    create.mutate(
      { blueprintId: context.blueprint.id, data },
      {
        onSuccess: (entity) => {
          const label = entityTitle(titleFieldOf(context.fields), entity.data);
          toast.success(label ? t("form.createdNamed", { title: label }) : t("form.created", { name }));
          guard.allowNavigation();
          navigate(recordPath(entity.id), { replace: true });
        },
        onError: (error) => setGeneralError(serverError(form, specs, error)),
      },
    );
  };

  return (
    <div className="grid max-w-4xl gap-2">
      <PageTitle>{title}</PageTitle>
      <BackLink to={gridPath}>{t("record.backTo", { name })}</BackLink>
      <PageHeader title={title} description={context.blueprint.description ?? undefined} />
      <RecordForm
        form={form}
        specs={specs}
        onSubmit={submit}
        onCancel={() => navigate(gridPath)}
        submitLabel={t("form.create")}
        submitting={create.isPending}
        generalError={generalError}
      />
      {guard.dialog}
    </div>
  );
}
