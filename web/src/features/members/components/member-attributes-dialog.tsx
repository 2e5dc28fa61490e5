import { Plus, X } from "lucide-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Alert } from "../../../components/ui/alert.tsx";
import { Button } from "../../../components/ui/button.tsx";
import { Dialog, DialogContent, DialogDescription, DialogTitle } from "../../../components/ui/dialog.tsx";
import { Input } from "../../../components/ui/input.tsx";
import { Select } from "../../../components/ui/select.tsx";
import { toast } from "../../../components/ui/toast.ts";
import { ApiError } from "../../../lib/api-error.ts";
import { useApiErrorText } from "../../../lib/api-error-text.ts";
import { useTenant } from "../../tenants/hooks/current-tenant.tsx";
import { useSetMemberAttributesMutation } from "../api/member-mutations.ts";
import { displayName, type Member } from "../api/members-query.ts";
import {
  type AttributeProblem,
  type AttributeRow,
  type AttributeType,
  attributesFromRows,
  MAX_ATTRIBUTE_TEXT,
  MAX_ATTRIBUTES,
  newRowId,
  rowForServerField,
  rowsFromAttributes,
} from "../lib/attributes.ts";

const TYPES: AttributeType[] = ["text", "number", "boolean"];

/** A row's problem: found before saving, or the database's refusal naming the row's key. */
type RowProblem = { problem: AttributeProblem } | { server: string; onKey: boolean };

/**
 * Key/value attributes of a member (Admins only; row rules read them as member.<key>).
 * Problems are shown on the row they concern, also when the database names the key.
 */
export function MemberAttributesDialog({ member, onClose }: { member: Member; onClose: () => void }) {
  const { t } = useTranslation("members");
  const tenant = useTenant();
  const errorText = useApiErrorText();
  const save = useSetMemberAttributesMutation();
  const [rows, setRows] = useState<AttributeRow[]>(() => rowsFromAttributes(member.attributes));
  const [problems, setProblems] = useState<Map<string, RowProblem>>(new Map());
  const [tooMany, setTooMany] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const name = displayName(member);

  const change = (id: string, patch: Partial<AttributeRow>) => {
    setRows((current) => current.map((row) => (row.id === id ? { ...row, ...patch } : row)));
    setProblems((current) => {
      const next = new Map(current);
      next.delete(id);
      return next;
    });
  };

  const submit = () => {
    setError(null);
    const check = attributesFromRows(rows);
    if (!check.ok) {
      setProblems(new Map([...check.problems].map(([id, problem]) => [id, { problem }])));
      setTooMany(check.tooMany);
      return;
    }
    setProblems(new Map());
    setTooMany(false);
    save.mutate(
      { tenantId: tenant.tenant.id, userId: member.userId, attributes: check.attributes },
      {
        onSuccess: () => {
          toast.success(t("attributes.saved", { name }));
          onClose();
        },
        onError: (failure) => {
          const row = failure instanceof ApiError ? rowForServerField(rows, failure.field) : undefined;
          if (row && failure instanceof ApiError) {
            const known = failure.rule === "key_format" || failure.rule === "value_length" ? failure.rule : null;
            const problem: RowProblem = known ? { problem: known } : { server: errorText(failure), onKey: false };
            setProblems(new Map([[row.id, problem]]));
          } else setError(failure);
        },
      },
    );
  };

  const problemText = (problem: RowProblem) =>
    "server" in problem ? problem.server : t(`attributes.problems.${problem.problem}`, { max: MAX_ATTRIBUTE_TEXT });

  return (
    <Dialog open onOpenChange={(open) => (open ? null : onClose())}>
      <DialogContent className="max-h-[90dvh] max-w-2xl overflow-y-auto">
        <DialogTitle>{t("attributes.title", { name })}</DialogTitle>
        <DialogDescription>{t("attributes.description")}</DialogDescription>
        {rows.length === 0 ? <p className="text-sm text-muted-foreground">{t("attributes.empty")}</p> : null}
        <ul className="grid gap-3">
          {rows.map((row, index) => {
            const number = index + 1;
            const problem = problems.get(row.id);
            const problemId = `${row.id}-problem`;
            const describedBy = problem ? problemId : undefined;
            const keyProblem = problem ? ("server" in problem ? problem.onKey : problem.problem.startsWith("key")) : false;
            return (
              <li key={row.id} className="grid gap-1">
                <div className="grid grid-cols-[minmax(0,1fr)_8rem_minmax(0,1fr)_auto] items-center gap-2">
                  <Input
                    aria-label={t("attributes.keyOf", { number })}
                    placeholder={t("attributes.key")}
                    value={row.key}
                    spellCheck={false}
                    autoCapitalize="none"
                    aria-invalid={Boolean(problem) && keyProblem}
                    aria-describedby={describedBy}
                    onChange={(event) => change(row.id, { key: event.target.value })}
                  />
                  <Select
                    aria-label={t("attributes.typeOf", { number })}
                    value={row.type}
                    onChange={(event) => {
                      const type = event.target.value as AttributeType;
                      change(row.id, { type, value: type === "boolean" ? "true" : type === row.type ? row.value : "" });
                    }}
                  >
                    {TYPES.map((type) => (
                      <option key={type} value={type}>
                        {t(`attributes.types.${type}`)}
                      </option>
                    ))}
                  </Select>
                  {row.type === "boolean" ? (
                    <Select
                      aria-label={t("attributes.valueOf", { number })}
                      value={row.value}
                      aria-describedby={describedBy}
                      onChange={(event) => change(row.id, { value: event.target.value })}
                    >
                      <option value="true">{t("attributes.yes")}</option>
                      <option value="false">{t("attributes.no")}</option>
                    </Select>
                  ) : (
                    <Input
                      aria-label={t("attributes.valueOf", { number })}
                      placeholder={t("attributes.value")}
                      type={row.type === "number" ? "number" : "text"}
                      step={row.type === "number" ? "any" : undefined}
                      value={row.value}
                      aria-invalid={Boolean(problem) && !keyProblem}
                      aria-describedby={describedBy}
                      onChange={(event) => change(row.id, { value: event.target.value })}
                    />
                  )}
                  <Button
                    variant="ghost"
                    size="icon"
                    aria-label={t("attributes.removeRow", { number })}
                    onClick={() => setRows((current) => current.filter((candidate) => candidate.id !== row.id))}
                  >
                    <X aria-hidden="true" className="size-4" />
                  </Button>
                </div>
                {problem ? (
                  <p id={problemId} className="text-sm text-destructive">
                    {problemText(problem)}
                  </p>
                ) : null}
              </li>
            );
          })}
        </ul>
        <div>
          <Button
            variant="outline"
            size="sm"
            disabled={rows.length >= MAX_ATTRIBUTES}
            onClick={() => setRows((current) => [...current, { id: newRowId(), key: "", type: "text", value: "" }])}
          >
            <Plus aria-hidden="true" className="size-4" />
            {t("attributes.add")}
          </Button>
        </div>
        {tooMany ? <Alert tone="error">{t("attributes.tooMany", { max: MAX_ATTRIBUTES })}</Alert> : null}
        {error ? <Alert tone="error">{errorText(error)}</Alert> : null}
        <div className="flex flex-wrap justify-end gap-3">
          <Button variant="outline" onClick={onClose}>
            {t("cancel")}
          </Button>
          <Button onClick={submit} loading={save.isPending}>
            {t("attributes.submit")}
          </Button>
        </div>
      </DialogContent>
    </Dialog>
  );
}
