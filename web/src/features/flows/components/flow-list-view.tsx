import { ArrowDown, ArrowUp, Pencil, Trash2 } from "lucide-react";
import { useTranslation } from "react-i18next";
import { optionDotClass } from "../../../components/fields/option-colors.ts";
import { Badge } from "../../../components/ui/badge.tsx";
import { Button } from "../../../components/ui/button.tsx";
import { cn } from "../../../components/ui/cn.ts";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "../../../components/ui/table.tsx";
import { reorderState } from "../lib/draft-edits.ts";
import { hasIssues } from "../lib/issues.ts";
import { useFlowEditor } from "./editor-context.tsx";
import { useTransitionSummary } from "./transition-summary.ts";

function StatesTable() {
  const { t } = useTranslation("flows");
  const editor = useFlowEditor();
  const { draft, selection, issues, canEditStates } = editor;
  if (draft.states.length === 0) return <p className="text-sm text-muted-foreground">{t("listView.noStates")}</p>;
  return (
    <Table aria-labelledby="flow-states-heading">
      <TableHeader>
        <TableRow>
          <TableHead scope="col">{t("listView.name")}</TableHead>
          <TableHead scope="col">{t("listView.key")}</TableHead>
          <TableHead scope="col">{t("listView.connections")}</TableHead>
          <TableHead scope="col" className="text-right">
            {t("listView.actions")}
          </TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {draft.states.map((state, index) => {
          const selected = selection?.kind === "state" && selection.id === state.id;
          const incoming = draft.transitions.filter((tr) => tr.to === state.key).length;
          const outgoing = draft.transitions.filter((tr) => tr.from === null || tr.from.includes(state.key)).length;
          const name = state.label || state.key;
          return (
            <TableRow key={state.id} aria-current={selected ? "true" : undefined} className={cn(selected && "bg-secondary")}>
              <TableCell>
                <span className="flex items-center gap-2 font-medium">
                  <span
                    aria-hidden="true"
                    className={cn("size-2.5 shrink-0 rounded-full", optionDotClass(state.color ?? undefined))}
                  />
                  {name}
                  {draft.initial === state.key ? <Badge variant="primary">{t("canvas.initial")}</Badge> : null}
                  {hasIssues(issues, state.id) ? <Badge variant="destructive">{t("canvas.problem")}</Badge> : null}
                </span>
              </TableCell>
              <TableCell>
                <code className="text-xs">{state.key}</code>
              </TableCell>
              <TableCell className="text-muted-foreground">{t("listView.connectionsCount", { incoming, outgoing })}</TableCell>
              <TableCell>
                <div className="flex justify-end gap-1">
                  {canEditStates ? (
                    <>
                      <Button
                        variant="ghost"
                        size="icon"
                        aria-label={t("listView.moveUp", { name })}
                        disabled={index === 0}
                        onClick={() => editor.edit((d) => reorderState(d, state.id, -1))}
                      >
                        <ArrowUp aria-hidden="true" className="size-4" />
                      </Button>
                      <Button
                        variant="ghost"
                        size="icon"
                        aria-label={t("listView.moveDown", { name })}
                        disabled={index === draft.states.length - 1}
                        onClick={() => editor.edit((d) => reorderState(d, state.id, 1))}
                      >
                        <ArrowDown aria-hidden="true" className="size-4" />
                      </Button>
                    </>
                  ) : null}
                  <Button
                    variant="ghost"
                    size="icon"
                    aria-label={t("listView.editState", { name })}
                    onClick={() => editor.select({ kind: "state", id: state.id }, "name")}
                  >
                    <Pencil aria-hidden="true" className="size-4" />
                  </Button>
                  {canEditStates ? (
                    <Button
                      variant="ghost"
                      size="icon"
                      aria-label={t("listView.deleteState", { name })}
                      onClick={() => editor.requestDelete({ kind: "state", id: state.id })}
                    >
                      <Trash2 aria-hidden="true" className="size-4" />
                    </Button>
                  ) : null}
                </div>
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}

function TransitionsTable() {
  const { t } = useTranslation("flows");
  const editor = useFlowEditor();
  const summary = useTransitionSummary();
  const { draft, selection, issues } = editor;
  const labelOf = (key: string) => draft.states.find((s) => s.key === key)?.label ?? key;
  if (draft.transitions.length === 0) return <p className="text-sm text-muted-foreground">{t("listView.noTransitions")}</p>;
  return (
    <Table aria-labelledby="flow-transitions-heading">
      <TableHeader>
        <TableRow>
          <TableHead scope="col">{t("listView.name")}</TableHead>
          <TableHead scope="col">{t("listView.from")}</TableHead>
          <TableHead scope="col">{t("listView.to")}</TableHead>
          <TableHead scope="col">{t("listView.does")}</TableHead>
          <TableHead scope="col" className="text-right">
            {t("listView.actions")}
          </TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {draft.transitions.map((transition) => {
          const selected = selection?.kind === "transition" && selection.id === transition.id;
          const name = transition.name || transition.key;
          const parts = summary(transition);
          return (
            <TableRow key={transition.id} aria-current={selected ? "true" : undefined} className={cn(selected && "bg-secondary")}>
              <TableCell>
                <span className="flex items-center gap-2 font-medium">
                  {name}
                  {hasIssues(issues, transition.id) ? <Badge variant="destructive">{t("canvas.problem")}</Badge> : null}
                </span>
                <code className="text-xs text-muted-foreground">{transition.key}</code>
              </TableCell>
              <TableCell>{transition.from === null ? t("listView.anyState") : transition.from.map(labelOf).join(", ")}</TableCell>
              <TableCell>{labelOf(transition.to)}</TableCell>
              <TableCell className="text-muted-foreground">
                {parts.length === 0 ? (
                  t("listView.nothing")
                ) : (
                  <ul className="grid gap-0.5">
                    {parts.map((part) => (
                      <li key={part}>{part}</li>
                    ))}
                  </ul>
                )}
              </TableCell>
              <TableCell>
                <div className="flex justify-end gap-1">
                  <Button
                    variant="ghost"
                    size="icon"
                    aria-label={t("listView.editTransition", { name })}
                    onClick={() => editor.select({ kind: "transition", id: transition.id }, "name")}
                  >
                    <Pencil aria-hidden="true" className="size-4" />
                  </Button>
                  <Button
                    variant="ghost"
                    size="icon"
                    aria-label={t("listView.deleteTransition", { name })}
                    onClick={() => editor.requestDelete({ kind: "transition", id: transition.id })}
                  >
                    <Trash2 aria-hidden="true" className="size-4" />
                  </Button>
                </div>
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}

/** The flow as two tables, operable with the keyboard alone: the same edits as the canvas, through the side panel. */
export function FlowListView() {
  const { t } = useTranslation("flows");
  return (
    <div className="grid gap-6">
      <section aria-labelledby="flow-states-heading" className="grid gap-2">
        <h2 id="flow-states-heading" className="text-lg font-semibold">
          {t("listView.states")}
        </h2>
        <StatesTable />
      </section>
      <section aria-labelledby="flow-transitions-heading" className="grid gap-2">
        <h2 id="flow-transitions-heading" className="text-lg font-semibold">
          {t("listView.transitions")}
        </h2>
        <TransitionsTable />
      </section>
    </div>
  );
}
