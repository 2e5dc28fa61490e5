import { Plus, Save } from "lucide-react";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { Alert } from "../../../components/ui/alert.tsx";
import { Badge } from "../../../components/ui/badge.tsx";
import { Button } from "../../../components/ui/button.tsx";
import { ConfirmDialog } from "../../../components/ui/dialog.tsx";
import { PageHeader } from "../../../components/ui/page-header.tsx";
import { Tabs, TabsContent, TabsList, TabsTrigger } from "../../../components/ui/tabs.tsx";
import { toast } from "../../../components/ui/toast.ts";
import { ApiError } from "../../../lib/api-error.ts";
import { useApiErrorText } from "../../../lib/api-error-text.ts";
import { useTenant } from "../../tenants/hooks/current-tenant.tsx";
import { SaveFlowError, useSaveFlowMutation } from "../api/save-flow-mutation.ts";
import { draftFromDesign, draftSignature, type FlowDesign, type FlowDraft } from "../lib/draft.ts";
import { addState as addStateTo, addTransition as addTransitionTo, deleteState, deleteTransition } from "../lib/draft-edits.ts";
import type { DraftIssue, IssueTarget } from "../lib/issues.ts";
import { targetOfRefusal } from "../lib/server-issue.ts";
import { validateDraft } from "../lib/validate-draft.ts";
import { ControlledConfirm } from "./confirm-dialog.tsx";
import { DeleteDialog } from "./delete-dialog.tsx";
import { type FlowEditorApi, FlowEditorProvider, type FocusRequest, type Selection } from "./editor-context.tsx";
import { FlowCanvas } from "./flow-canvas.tsx";
import { FlowListView } from "./flow-list-view.tsx";
import { fieldsWithDraftStates } from "./guard-fields.ts";
import { useIssueText } from "./issue-text.ts";
import { LeaveGuard } from "./leave-guard.tsx";
import { SidePanel } from "./side-panel.tsx";

/** Colours new states take in turn (OPTION_COLORS, most distinct first). */
const NEW_STATE_COLORS = ["blue", "green", "orange", "purple", "teal", "pink", "red", "yellow", "indigo"] as const;

/** The side-panel control that shows a problem at `path` (`guard.and.0` is the guard, `updates.1` its field). */
function controlFor(path: string): string {
  if (path.startsWith("guard")) return "guard";
  const item = /^(updates|inputs)\.(\d+)(?:\.(\w+))?/.exec(path);
  if (item) return `${item[1]}.${item[2]}.${item[3] ?? (item[1] === "updates" ? "field" : "label")}`;
  return path;
}

/** A saved draft starts over from the database's answer; the selection follows the state or transition by key. */
function carrySelection(selection: Selection, from: FlowDraft, to: FlowDraft): Selection {
  if (!selection) return null;
  if (selection.kind === "state") {
    const key = from.states.find((s) => s.id === selection.id)?.key;
    const match = to.states.find((s) => s.key === key);
    return match ? { kind: "state", id: match.id } : null;
  }
  const key = from.transitions.find((t) => t.id === selection.id)?.key;
  const match = to.transitions.find((t) => t.key === key);
  return match ? { kind: "transition", id: match.id } : null;
}

/**
 * The flow designer of one blueprint: the draft, the canvas or list beside the side panel,
 * and saving. It keeps the design it was loaded at as the base of the draft, so a save is
 * checked against the versions the person saw (a newer save by someone else is a conflict).
 */
export function FlowEditor({ design: loaded, onReload }: { design: FlowDesign; onReload: () => void }) {
  const { t } = useTranslation("flows");
  const tenant = useTenant();
  const errorText = useApiErrorText();
  const issueText = useIssueText();
  const save = useSaveFlowMutation();
  const [base, setBase] = useState(loaded);
  const [draft, setDraft] = useState(() => draftFromDesign(loaded));
  const [baseSignature, setBaseSignature] = useState(() => draftSignature(draft));
  const [savedTransitions, setSavedTransitions] = useState(() => new Set(draft.transitions.map((tr) => tr.id)));
  const [selection, setSelection] = useState<Selection>(null);
  const [focusRequest, setFocusRequest] = useState<FocusRequest>(null);
  const [attempted, setAttempted] = useState(false);
  const [serverIssues, setServerIssues] = useState<DraftIssue[]>([]);
  const [generalError, setGeneralError] = useState<unknown>(null);
  const [pendingDelete, setPendingDelete] = useState<NonNullable<Selection> | null>(null);
  const [stale, setStale] = useState(false);
  const [newVersion, setNewVersion] = useState<number | null>(null);
  const [invalidGuards, setInvalidGuards] = useState<ReadonlySet<string>>(new Set());
  const [view, setView] = useState("canvas");
  const focusSequence = useRef(0);
  const canEditStates = tenant.can("manage_blueprints");
  const statusField = base.statusField;
  const statusKey = statusField?.key ?? "";

  const dirty = draftSignature(draft) !== baseSignature;
  const found = useMemo(() => {
    const fields = fieldsWithDraftStates(base.fields, statusKey, draft);
    const problems = validateDraft(draft, fields, statusKey);
    for (const id of invalidGuards) {
      if (draft.transitions.some((tr) => tr.id === id)) {
        problems.push({ target: { kind: "transition", id, path: "guard" }, code: "guardInvalid" });
      }
    }
    return problems;
  }, [draft, base.fields, statusKey, invalidGuards]);
  const issues = useMemo(() => (attempted ? [...found, ...serverIssues] : serverIssues), [attempted, found, serverIssues]);

  const select = useCallback((next: Selection, focus?: string) => {
    setSelection(next);
    if (next && focus) {
      focusSequence.current += 1;
      setFocusRequest({ id: next.id, control: focus, sequence: focusSequence.current });
    }
  }, []);

  const edit = useCallback((change: (d: FlowDraft) => FlowDraft) => {
    setDraft(change);
    setServerIssues((current) => (current.length === 0 ? current : []));
  }, []);

  const showIssue = useCallback(
    (target: IssueTarget) => {
      if (target.kind === "state") select({ kind: "state", id: target.id }, target.prop === "key" ? "key" : "name");
      else if (target.kind === "transition") select({ kind: "transition", id: target.id }, controlFor(target.path));
    },
    [select],
  );

  const confirmDelete = useCallback(
    (target: NonNullable<Selection>) => {
      edit((d) => (target.kind === "state" ? deleteState(d, target.id) : deleteTransition(d, target.id)));
      setSelection((current) => (current?.id === target.id ? null : current));
    },
    [edit],
  );

  const requestDelete = useCallback(
    (target: NonNullable<Selection>) => {
      if (target.kind === "state") {
        const state = draft.states.find((s) => s.id === target.id);
        if (!state || !canEditStates) return;
        const used =
          state.originalKey !== null ||
          draft.initial === state.key ||
          draft.transitions.some((tr) => tr.to === state.key || tr.from?.includes(state.key));
        if (used) setPendingDelete(target);
        else confirmDelete(target);
        return;
      }
      if (savedTransitions.has(target.id)) setPendingDelete(target);
      else confirmDelete(target);
    },
    [draft, canEditStates, savedTransitions, confirmDelete],
  );

  const addState = useCallback(() => {
    const result = addStateTo(draft, t("defaults.stateName"), { palette: NEW_STATE_COLORS });
    edit(() => result.draft);
    select({ kind: "state", id: result.id }, "name");
  }, [draft, edit, select, t]);

  const addTransition = useCallback(
    (from?: string[] | null, to?: string) => {
      const selected = selection?.kind === "state" ? draft.states.find((s) => s.id === selection.id) : undefined;
      const start = from !== undefined ? from : [(selected ?? draft.states[0])?.key ?? ""];
      const startIndex = draft.states.findIndex((s) => s.key === start?.[0]);
      const target =
        to ?? (draft.states[startIndex + 1] ?? draft.states.find((s) => s.key !== start?.[0]) ?? draft.states[0])?.key ?? "";
      const label = draft.states.find((s) => s.key === target)?.label ?? target;
      const result = addTransitionTo(draft, start, target, t("defaults.transitionName", { to: label }));
      edit(() => result.draft);
      select({ kind: "transition", id: result.id }, "name");
    },
    [draft, selection, edit, select, t],
  );

  const setGuardValid = useCallback((id: string, valid: boolean) => {
    setInvalidGuards((current) => {
      if (current.has(id) === !valid) return current;
      const next = new Set(current);
      if (valid) next.delete(id);
      else next.add(id);
      return next;
    });
  }, []);

  const startOver = useCallback(
    (design: FlowDesign, keepSelection: boolean) => {
      const next = draftFromDesign(design);
      setBase(design);
      setSelection((current) => (keepSelection ? carrySelection(current, draft, next) : null));
      setDraft(next);
      setBaseSignature(draftSignature(next));
      setSavedTransitions(new Set(next.transitions.map((tr) => tr.id)));
      setAttempted(false);
      setServerIssues([]);
      setGeneralError(null);
      setInvalidGuards(new Set());
    },
    [draft],
  );

  const onSave = () => {
    if (save.isPending) return;
    setAttempted(true);
    setGeneralError(null);
    setServerIssues([]);
    const first = found[0];
    if (first) {
      showIssue(first.target);
      return;
    }
    save.mutate(
      { design: base, draft },
      {
        onSuccess: (design) => {
          if (design.blueprint.version !== base.blueprint.version) setNewVersion(design.blueprint.version);
          startOver(design, true);
          toast.success(t("designer.saved"));
        },
        onError: (failure) => {
          const error = failure instanceof SaveFlowError ? failure.error : failure;
          if (error instanceof ApiError && error.code === "FOCON" && error.rule === "stale") {
            setStale(true);
            return;
          }
          const target =
            failure instanceof SaveFlowError ? targetOfRefusal(error, failure.step, draft, failure.changeStateIds) : null;
          if (target) {
            setServerIssues([{ target, message: errorText(error) }]);
            showIssue(target);
          } else setGeneralError(error);
        },
      },
    );
  };

  // Ctrl/Cmd+S saves, as in other editors.
  const saveRef = useRef(onSave);
  saveRef.current = onSave;
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === "s") {
        event.preventDefault();
        saveRef.current();
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  const api: FlowEditorApi = {
    design: base,
    draft,
    issues,
    selection,
    canEditStates,
    focusRequest,
    edit,
    select,
    requestDelete,
    addState,
    addTransition,
    setGuardValid,
  };
  const flowIssues = issues.filter((i) => i.target.kind === "flow" || i.target.kind === "states");
  const name = base.blueprint.name;

  return (
    <FlowEditorProvider value={api}>
      <div className="grid gap-4">
        <title>{`${t("designer.pageTitle", { name })} · ${tenant.tenant.name}`}</title>
        <div>
          <Link to={tenant.path("flows")} className="text-sm text-muted-foreground underline-offset-4 hover:underline">
            ← {t("designer.back")}
          </Link>
        </div>
        <PageHeader
          className="mb-0"
          title={t("designer.pageTitle", { name })}
          description={t("designer.description", { field: statusField?.label ?? "" })}
          actions={
            <>
              {dirty ? <Badge variant="outline">{t("designer.unsaved")}</Badge> : null}
              {dirty ? (
                <ConfirmDialog
                  trigger={<Button variant="outline">{t("designer.discard")}</Button>}
                  title={t("designer.discardTitle")}
                  description={t("designer.discardBody")}
                  confirmLabel={t("designer.discardConfirm")}
                  cancelLabel={t("designer.keepEditing")}
                  onConfirm={() => startOver(base, false)}
                />
              ) : null}
              <Button onClick={onSave} loading={save.isPending} disabled={!dirty}>
                <Save aria-hidden="true" className="size-4" />
                {t("designer.save")}
              </Button>
            </>
          }
        />
        {newVersion !== null ? (
          <Alert tone="info">{t("designer.newVersion", { field: statusField?.label ?? "", version: newVersion })}</Alert>
        ) : null}
        {!canEditStates ? <Alert tone="info">{t("designer.statesOnly")}</Alert> : null}
        {attempted && found.length > 0 ? <Alert tone="error">{t("designer.problems", { count: found.length })}</Alert> : null}
        {flowIssues.length > 0 ? (
          <Alert tone="error">
            <ul className="grid gap-1">
              {flowIssues.map((issue) => (
                <li key={issueText(issue)}>{issueText(issue)}</li>
              ))}
            </ul>
          </Alert>
        ) : null}
        {generalError ? <Alert tone="error">{errorText(generalError)}</Alert> : null}

        <Tabs value={view} onValueChange={setView}>
          <div className="flex flex-wrap items-center justify-between gap-3">
            <TabsList aria-label={t("views.label")}>
              <TabsTrigger value="canvas">{t("views.canvas")}</TabsTrigger>
              <TabsTrigger value="list">{t("views.list")}</TabsTrigger>
            </TabsList>
            <div className="flex flex-wrap gap-2">
              {canEditStates ? (
                <Button variant="outline" onClick={addState}>
                  <Plus aria-hidden="true" className="size-4" />
                  {t("toolbar.addState")}
                </Button>
              ) : null}
              <Button variant="outline" onClick={() => addTransition()} disabled={draft.states.length === 0}>
                <Plus aria-hidden="true" className="size-4" />
                {t("toolbar.addTransition")}
              </Button>
            </div>
          </div>
          <div className="mt-4 grid items-start gap-4 xl:grid-cols-[minmax(0,1fr)_24rem]">
            <div className="min-w-0">
              <TabsContent value="canvas" className="mt-0">
                <FlowCanvas />
              </TabsContent>
              <TabsContent value="list" className="mt-0">
                <FlowListView />
              </TabsContent>
            </div>
            <SidePanel />
          </div>
        </Tabs>

        <DeleteDialog target={pendingDelete} onClose={() => setPendingDelete(null)} onConfirm={confirmDelete} />
        <ControlledConfirm
          open={stale}
          onOpenChange={setStale}
          title={t("designer.staleTitle")}
          confirmLabel={t("designer.reload")}
          cancelLabel={t("designer.keepEditing")}
          confirmVariant="primary"
          onConfirm={() => {
            setStale(false);
            onReload();
          }}
        >
          <p>{t("designer.staleBody")}</p>
        </ControlledConfirm>
        <LeaveGuard dirty={dirty} />
      </div>
    </FlowEditorProvider>
  );
}
