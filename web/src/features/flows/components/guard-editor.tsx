import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { FilterBuilder } from "../../../components/filter-builder/filter-builder.tsx";
import type { TransitionDraft } from "../lib/draft.ts";
import { updateTransition } from "../lib/draft-edits.ts";
import { issuesAt } from "../lib/issues.ts";
import { useFlowEditor } from "./editor-context.tsx";
import { useGuardFields } from "./guard-fields.ts";
import { useIssueText } from "./issue-text.ts";
import { useFocusTarget } from "./use-focus-target.ts";

/** "Only when": a condition the record must meet, built with the shared condition builder (empty: always). */
export function GuardEditor({ transition }: { transition: TransitionDraft }) {
  const { t } = useTranslation("flows");
  const editor = useFlowEditor();
  const issueText = useIssueText();
  const { builder } = useGuardFields();
  const sectionRef = useFocusTarget<HTMLElement>(transition.id, "guard");
  const error = issueText(issuesAt(editor.issues, transition.id, "guard")[0]);
  const { setGuardValid } = editor;
  const id = transition.id;

  // What is saved is the last complete condition; leaving the panel drops an unfinished edit.
  useEffect(() => () => setGuardValid(id, true), [id, setGuardValid]);

  return (
    <section ref={sectionRef} tabIndex={-1} aria-labelledby={`guard-${transition.id}`} className="grid gap-3 focus:outline-none">
      <div>
        <h3 id={`guard-${transition.id}`} className="text-sm font-semibold">
          {t("transition.guard")}
        </h3>
        <p className="text-xs text-muted-foreground">{t("transition.guardHint")}</p>
      </div>
      <FilterBuilder
        fields={builder}
        value={transition.guard}
        label={t("transition.guardLabel", { name: transition.name || transition.key })}
        onChange={(guard) => editor.edit((d) => updateTransition(d, transition.id, { guard }))}
        onValidityChange={(valid) => setGuardValid(transition.id, valid)}
      />
      {error ? <p className="text-sm text-destructive">{error}</p> : null}
    </section>
  );
}
