import { X } from "lucide-react";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { Button } from "../../../components/ui/button.tsx";
import { FormField } from "../../../components/ui/form-field.tsx";
import { Select } from "../../../components/ui/select.tsx";
import { setInitial } from "../lib/draft-edits.ts";
import { useFlowEditor } from "./editor-context.tsx";
import { StatePanel } from "./state-panel.tsx";
import { TransitionPanel } from "./transition-panel.tsx";

/** With nothing selected: how to start, and the settings of the flow as a whole. */
function FlowSettings() {
  const { t } = useTranslation("flows");
  const editor = useFlowEditor();
  const { draft, design, canEditStates } = editor;
  return (
    <div className="grid gap-4">
      <p className="text-sm text-muted-foreground">{t("panel.emptyBody")}</p>
      <dl className="grid gap-1 text-sm">
        <dt className="font-medium">{t("panel.stateField")}</dt>
        <dd className="text-muted-foreground">
          {design.statusField?.label} (<code>{design.statusField?.key}</code>)
        </dd>
      </dl>
      <FormField label={t("panel.initial")} hint={t("panel.initialHint")}>
        {(control) => (
          <Select
            {...control}
            value={draft.initial ?? ""}
            disabled={!canEditStates}
            onChange={(e) => editor.edit((d) => setInitial(d, e.target.value === "" ? null : e.target.value))}
          >
            <option value="">{t("panel.noInitial")}</option>
            {draft.states.map((state) => (
              <option key={state.id} value={state.key}>
                {state.label || state.key}
              </option>
            ))}
          </Select>
        )}
      </FormField>
    </div>
  );
}

/**
 * The editor of whatever is selected, beside the canvas or the list. Its heading takes focus
 * when "Edit" is chosen in the list, so keyboard and screen reader users land in it.
 */
export function SidePanel() {
  const { t } = useTranslation("flows");
  const editor = useFlowEditor();
  const { selection, draft, focusRequest } = editor;
  const state = selection?.kind === "state" ? draft.states.find((s) => s.id === selection.id) : undefined;
  const transition = selection?.kind === "transition" ? draft.transitions.find((tr) => tr.id === selection.id) : undefined;
  const heading = state
    ? `${t("state.heading")}: ${state.label || state.key}`
    : transition
      ? `${t("transition.heading")}: ${transition.name || transition.key}`
      : t("panel.flowSettings");
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (focusRequest?.control === "heading") headingRef.current?.focus();
  }, [focusRequest]);

  return (
    <aside
      aria-labelledby="flow-panel-heading"
      className="grid content-start gap-4 rounded-xl border bg-card p-4 shadow-sm xl:sticky xl:top-4 xl:max-h-[calc(100dvh-2rem)] xl:overflow-y-auto"
    >
      <div className="flex items-start justify-between gap-2">
        <h2 id="flow-panel-heading" ref={headingRef} tabIndex={-1} className="text-lg font-semibold focus:outline-none">
          {heading}
        </h2>
        {selection ? (
          <Button variant="ghost" size="icon" aria-label={t("panel.close")} onClick={() => editor.select(null)}>
            <X aria-hidden="true" className="size-4" />
          </Button>
        ) : null}
      </div>
      {state ? <StatePanel key={state.id} state={state} /> : null}
      {transition ? <TransitionPanel key={transition.id} transition={transition} /> : null}
      {!state && !transition ? <FlowSettings /> : null}
    </aside>
  );
}
