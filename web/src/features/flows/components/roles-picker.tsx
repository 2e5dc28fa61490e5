import { useTranslation } from "react-i18next";
import { Checkbox } from "../../../components/ui/checkbox.tsx";
import { Label } from "../../../components/ui/label.tsx";
import type { TransitionDraft } from "../lib/draft.ts";
import { updateTransition } from "../lib/draft-edits.ts";
import { issuesAt } from "../lib/issues.ts";
import { useFlowEditor } from "./editor-context.tsx";
import { useIssueText } from "./issue-text.ts";

/** The roles that may run a transition; none checked means every member who may change records. */
export function RolesPicker({ transition }: { transition: TransitionDraft }) {
  const { t } = useTranslation("flows");
  const editor = useFlowEditor();
  const issueText = useIssueText();
  const error = issueText(issuesAt(editor.issues, transition.id, "roles")[0]);
  const hintId = `roles-hint-${transition.id}`;
  // A role deleted since the flow was saved is still listed, so it can be unchecked.
  const known = new Set(editor.design.roles.map((r) => r.id));
  const roles = [
    ...editor.design.roles,
    ...transition.roles.filter((id) => !known.has(id)).map((id) => ({ id, key: id, name: id })),
  ];
  const toggle = (id: string, on: boolean) =>
    editor.edit((d) => {
      const current = d.transitions.find((tr) => tr.id === transition.id)?.roles ?? [];
      return updateTransition(d, transition.id, {
        roles: on ? [...current.filter((r) => r !== id), id] : current.filter((r) => r !== id),
      });
    });
  return (
    <fieldset className="grid gap-2" aria-describedby={hintId}>
      <legend className="text-sm font-semibold">{t("transition.roles")}</legend>
      <p id={hintId} className="text-xs text-muted-foreground">
        {t("transition.rolesHint")}
      </p>
      <ul className="grid gap-2 sm:grid-cols-2">
        {roles.map((role) => (
          <li key={role.id} className="flex items-center gap-2">
            <Checkbox
              id={`role-${transition.id}-${role.id}`}
              checked={transition.roles.includes(role.id)}
              onCheckedChange={(checked) => toggle(role.id, checked === true)}
            />
            <Label htmlFor={`role-${transition.id}-${role.id}`}>{role.name}</Label>
          </li>
        ))}
      </ul>
      {error ? <p className="text-sm text-destructive">{error}</p> : null}
    </fieldset>
  );
}
