import { zodResolver } from "@hookform/resolvers/zod";
import { CircleDot } from "lucide-react";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { Alert } from "../../../components/ui/alert.tsx";
import { Button } from "../../../components/ui/button.tsx";
import { Dialog, DialogContent, DialogDescription, DialogTitle, DialogTrigger } from "../../../components/ui/dialog.tsx";
import { EmptyState } from "../../../components/ui/empty-state.tsx";
import { FormField } from "../../../components/ui/form-field.tsx";
import { Input } from "../../../components/ui/input.tsx";
import { toast } from "../../../components/ui/toast.ts";
import { useApiErrorText } from "../../../lib/api-error-text.ts";
import { formErrorText } from "../../../lib/form-errors.ts";
import { useTenant } from "../../tenants/hooks/current-tenant.tsx";
import { useAddStatusFieldMutation } from "../api/add-status-field-mutation.ts";
import type { FlowDesign } from "../lib/draft.ts";

const StatusFieldSchema = z.object({
  label: z.string().trim().min(1, "required").max(100, "required"),
  firstState: z.string().trim().min(1, "required").max(100, "required"),
});
type StatusFieldForm = z.infer<typeof StatusFieldSchema>;

function AddStatusFieldDialog({ design }: { design: FlowDesign }) {
  const { t } = useTranslation("flows");
  const errorText = useApiErrorText();
  const add = useAddStatusFieldMutation();
  const [open, setOpen] = useState(false);
  const form = useForm<StatusFieldForm>({
    resolver: zodResolver(StatusFieldSchema),
    defaultValues: { label: t("noStatus.labelDefault"), firstState: t("noStatus.firstStateDefault") },
  });
  const { errors } = form.formState;
  const text = (error: Parameters<typeof formErrorText>[0]) => formErrorText(error, () => t("noStatus.required"));
  const onSubmit = form.handleSubmit((values) =>
    add.mutate(
      { design, ...values },
      {
        onSuccess: () => {
          toast.success(t("noStatus.added", { label: values.label.trim() }));
          setOpen(false);
        },
      },
    ),
  );
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button>{t("noStatus.add")}</Button>
      </DialogTrigger>
      <DialogContent>
        <DialogTitle>{t("noStatus.dialogTitle")}</DialogTitle>
        <DialogDescription>{t("noStatus.dialogBody", { name: design.blueprint.name })}</DialogDescription>
        <form noValidate className="grid gap-4" onSubmit={onSubmit}>
          <FormField label={t("noStatus.label")} error={text(errors.label)}>
            {(control) => <Input {...control} {...form.register("label")} />}
          </FormField>
          <FormField label={t("noStatus.firstState")} error={text(errors.firstState)}>
            {(control) => <Input {...control} {...form.register("firstState")} />}
          </FormField>
          {add.error ? <Alert tone="error">{errorText(add.error)}</Alert> : null}
          <div className="flex flex-wrap justify-end gap-3">
            <Button variant="outline" onClick={() => setOpen(false)}>
              {t("noStatus.cancel")}
            </Button>
            <Button type="submit" loading={add.isPending}>
              {t("noStatus.submit")}
            </Button>
          </div>
        </form>
      </DialogContent>
    </Dialog>
  );
}

/** A blueprint without a status field has nothing for a flow to drive: offer to add one. */
export function NoStatusField({ design }: { design: FlowDesign }) {
  const { t } = useTranslation("flows");
  const tenant = useTenant();
  return (
    <EmptyState
      icon={<CircleDot aria-hidden="true" />}
      title={t("noStatus.title", { name: design.blueprint.name })}
      description={tenant.can("manage_blueprints") ? t("noStatus.body") : `${t("noStatus.body")} ${t("noStatus.ask")}`}
      action={tenant.can("manage_blueprints") ? <AddStatusFieldDialog design={design} /> : undefined}
    />
  );
}
