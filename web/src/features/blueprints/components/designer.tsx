import type { FieldDefinition } from "@flexoffice/shared";
import { type ReactNode, useEffect, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { useBlocker } from "react-router";
import { Alert } from "../../../components/ui/alert.tsx";
import { ApiError } from "../../../lib/api-error.ts";
import { useApiErrorText } from "../../../lib/api-error-text.ts";
import { useTenant } from "../../tenants/hooks/current-tenant.tsx";
import { useBlueprintsQuery } from "../api/blueprints-query.ts";
import { useDraft } from "../hooks/use-draft.ts";
import { type BlueprintChange, type ChangeOrigin, type Draft, draftChanges } from "../lib/draft.ts";
import { draftIssues, type FieldIssue } from "../lib/field-issues.ts";
import { locateServerError } from "../lib/server-errors.ts";
import { suggestKey } from "../lib/suggest-key.ts";
import { DetailsCard, type DetailsErrors } from "./details-card.tsx";
import { type FieldProblems, PLACED_PROPERTIES } from "./field-editor.tsx";
import { FieldsCard } from "./fields-card.tsx";
import { FormPreview } from "./form-preview.tsx";
import { PromptDialog } from "./prompt-dialog.tsx";
import { useIssueText } from "./use-issue-text.ts";

/** A refusal from the server, placed where it belongs in the designer. */
export type ServerProblem =
  | { kind: "field"; uid: string; property: string | null; message: string }
  | { kind: "details"; property: keyof DetailsErrors; message: string }
  | { kind: "general"; message: string };

export type SaveRequest = {
  draft: Draft;
  key: string;
  /** The change list (edit mode) and where each change came from. */
  changes: BlueprintChange[];
  origins: ChangeOrigin[];
};

export type HeaderProps = {
  dirty: boolean;
  save: () => void;
  saving: boolean;
  changeCount: number;
  draft: Draft;
  /** Lets the page navigate away without the unsaved-changes question (after a delete). */
  allowLeave: () => void;
};

type DesignerProps = {
  /** The version being edited, or null when creating a blueprint. */
  saved: { id: string; key: string; details: Draft["details"]; fields: FieldDefinition[] } | null;
  initialDraft: () => Draft;
  /** Renders the page header with the save button; receives what it needs. */
  header: (props: HeaderProps) => ReactNode;
  /** Saves; resolves when saved, rejects with the API error. */
  onSave: (request: SaveRequest) => Promise<void>;
  saving: boolean;
  /** Loads the newest version (the draft starts over from it). */
  onReload: () => void;
  notice?: ReactNode;
};

const NO_PROBLEMS: FieldProblems = { byProperty: new Map(), unplaced: [] };

/**
 * The blueprint designer: details, the ordered fields with their editors, and a live
 * preview of the entity form. The draft is checked with the shared schema as it changes;
 * the database's refusal, if any, lands on the field and property it names.
 */
export function Designer({ saved, initialDraft, header, onSave, saving, onReload, notice }: DesignerProps) {
  const { t } = useTranslation("blueprints");
  const tenant = useTenant();
  const errorText = useApiErrorText();
  const issueText = useIssueText();
  const [draft, actions] = useDraft(initialDraft);
  const [key, setKey] = useState("");
  const [keyTouched, setKeyTouched] = useState(false);
  const [expanded, setExpanded] = useState<string | null>(null);
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const [attempted, setAttempted] = useState(false);
  const [serverProblem, setServerProblem] = useState<ServerProblem | null>(null);
  const [staleOpen, setStaleOpen] = useState(false);
  const leaving = useRef(false);
  const targets = useBlueprintsQuery(tenant.tenant.id).data ?? [];
  const creating = saved === null;

  const savedByKey = useMemo(() => new Map((saved?.fields ?? []).map((f) => [f.key, f])), [saved]);
  const { changes, origins } = useMemo(
    () => (saved ? draftChanges({ details: saved.details, fields: saved.fields }, draft) : { changes: [], origins: [] }),
    [saved, draft],
  );
  const dirty = creating ? draft.fields.length > 0 || draft.details.name.trim() !== "" : changes.length > 0;
  const issues = useMemo(() => draftIssues(draft.fields), [draft.fields]);

  // Typing in a field again clears the server's complaint about it.
  const previous = useRef(draft);
  useEffect(() => {
    if (previous.current === draft) return;
    const changed = draft.fields.filter((f) => !previous.current.fields.includes(f)).map((f) => f.uid);
    const detailsChanged = previous.current.details !== draft.details;
    previous.current = draft;
    if (changed.length > 0) setTouched((current) => new Set([...current, ...changed]));
    setServerProblem((problem) => {
      if (problem?.kind === "field") return changed.includes(problem.uid) ? null : problem;
      if (problem?.kind === "details") return detailsChanged ? null : problem;
      return problem;
    });
  }, [draft]);

  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) => dirty && !leaving.current && currentLocation.pathname !== nextLocation.pathname,
  );
  useEffect(() => {
    if (!dirty) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [dirty]);

  const problemsOf = (uid: string): FieldProblems => {
    const shown: FieldIssue[] = attempted || touched.has(uid) ? (issues.get(uid) ?? []) : [];
    if (shown.length === 0 && !(serverProblem?.kind === "field" && serverProblem.uid === uid)) return NO_PROBLEMS;
    const byProperty = new Map<string, string>();
    const unplaced: string[] = [];
    const place = (property: string | null, message: string) => {
      if (property && PLACED_PROPERTIES.has(property) && !byProperty.has(property)) byProperty.set(property, message);
      else unplaced.push(message);
    };
    for (const issue of shown) place(issue.property, issueText(issue));
    if (serverProblem?.kind === "field" && serverProblem.uid === uid) place(serverProblem.property, serverProblem.message);
    return { byProperty, unplaced };
  };

  const detailsErrors: DetailsErrors = {};
  if (attempted && draft.details.name.trim() === "") detailsErrors.name = t("issues.name");
  if (attempted && creating && key.trim() !== "" && !/^[a-z][a-z0-9_]{0,62}$/.test(key.trim()))
    detailsErrors.key = t("issues.blueprintKey");
  if (serverProblem?.kind === "details") detailsErrors[serverProblem.property] = serverProblem.message;

  const firstInvalid = draft.fields.find((f) => (issues.get(f.uid) ?? []).length > 0);
  const save = () => {
    setAttempted(true);
    setServerProblem(null);
    if (draft.fields.length === 0 || firstInvalid || draft.details.name.trim() === "" || (creating && detailsErrors.key)) {
      if (firstInvalid) setExpanded(firstInvalid.uid);
      return;
    }
    if (!creating && changes.length > 100) {
      setServerProblem({ kind: "general", message: t("designer.tooManyChanges", { count: changes.length }) });
      return;
    }
    leaving.current = true;
    onSave({ draft, key: key.trim(), changes, origins }).catch((error: unknown) => {
      leaving.current = false;
      if (error instanceof ApiError && error.rule === "stale") {
        setStaleOpen(true);
        return;
      }
      const target = locateServerError(
        error instanceof ApiError ? error.field : null,
        origins,
        changes,
        draft.fields.map((f) => f.uid),
      );
      const message = errorText(error);
      if (target.kind === "field") {
        setExpanded(target.uid);
        setServerProblem({ ...target, message });
      } else if (target.kind === "details") setServerProblem({ ...target, message });
      else setServerProblem({ kind: "general", message });
    });
  };

  const invalidCount = draft.fields.filter((f) => (issues.get(f.uid) ?? []).length > 0).length;
  return (
    <div className="grid gap-6">
      {header({
        dirty,
        save,
        saving,
        changeCount: changes.length,
        draft,
        allowLeave: () => {
          leaving.current = true;
        },
      })}
      {notice}
      {attempted && (invalidCount > 0 || draft.fields.length === 0) ? (
        <Alert tone="error" title={t("designer.cannotSave")}>
          {draft.fields.length === 0 ? t("designer.noFields") : t("designer.fieldsWithProblems", { count: invalidCount })}
        </Alert>
      ) : null}
      {serverProblem?.kind === "general" ? (
        <Alert tone="error" title={t("designer.saveFailed")}>
          {serverProblem.message}
        </Alert>
      ) : null}
      <div className="grid items-start gap-6 xl:grid-cols-[minmax(0,1fr)_20rem] 2xl:grid-cols-[minmax(0,1fr)_26rem]">
        <div className="grid min-w-0 gap-6">
          <DetailsCard
            details={draft.details}
            onChange={(patch) => {
              actions.setDetails(patch);
              if (creating && patch.name !== undefined && !keyTouched) setKey(suggestKey(patch.name));
            }}
            keyValue={creating ? key : (saved?.key ?? "")}
            onKeyChange={
              creating
                ? (next) => {
                    setKey(next);
                    setKeyTouched(true);
                    if (serverProblem?.kind === "details") setServerProblem(null);
                  }
                : undefined
            }
            errors={detailsErrors}
          />
          <FieldsCard
            fields={draft.fields}
            savedByKey={savedByKey}
            actions={actions}
            problemsOf={problemsOf}
            expanded={expanded}
            onExpand={setExpanded}
            timeZone={tenant.tenant.timezone}
            targets={targets}
            error={attempted && draft.fields.length === 0 ? t("designer.noFields") : undefined}
          />
        </div>
        <FormPreview
          fields={draft.fields}
          tenantId={tenant.tenant.id}
          timeZone={tenant.tenant.timezone}
          className="xl:sticky xl:top-4 xl:max-h-[calc(100dvh-2rem)] xl:overflow-y-auto"
        />
      </div>
      <PromptDialog
        open={staleOpen}
        title={t("stale.title")}
        description={t("stale.body")}
        confirmLabel={t("stale.reload")}
        cancelLabel={t("stale.keep")}
        onConfirm={() => {
          setStaleOpen(false);
          onReload();
        }}
        onCancel={() => setStaleOpen(false)}
      />
      <PromptDialog
        open={blocker.state === "blocked"}
        title={t("leave.title")}
        description={t("leave.body")}
        confirmLabel={t("leave.confirm")}
        cancelLabel={t("leave.stay")}
        confirmVariant="destructive"
        onConfirm={() => blocker.proceed?.()}
        onCancel={() => blocker.reset?.()}
      />
    </div>
  );
}
