import { useTranslation } from "react-i18next";
import { useStateUsageQuery } from "../api/state-usage-query.ts";
import type { StateDraft, TransitionDraft } from "../lib/draft.ts";
import { ControlledConfirm } from "./confirm-dialog.tsx";
import type { Selection } from "./editor-context.tsx";
import { useFlowEditor } from "./editor-context.tsx";

/** Transitions deleting a state takes with it: those into it and those that could only start from it. */
export function transitionsLostWith(transitions: readonly TransitionDraft[], key: string): TransitionDraft[] {
  return transitions.filter((t) => t.to === key || (t.from !== null && t.from.length === 1 && t.from[0] === key));
}

function StateUsage({ state }: { state: StateDraft }) {
  const { t } = useTranslation("flows");
  const { design } = useFlowEditor();
  const usage = useStateUsageQuery(design.blueprint.id, design.statusField?.key ?? "", state.originalKey);
  if (state.originalKey === null) return null;
  if (usage.isPending) return <p role="status">{t("state.deleteCounting")}</p>;
  if (usage.isError || usage.data.count === 0) return null;
  return (
    <p>
      {usage.data.exact
        ? t("state.deleteEntities", { count: usage.data.count })
        : t("state.deleteEntitiesAtLeast", { count: usage.data.count })}
    </p>
  );
}

/** Asks before deleting a state or transition that something depends on; the draft changes only on confirm. */
export function DeleteDialog({
  target,
  onClose,
  onConfirm,
}: {
  target: NonNullable<Selection> | null;
  onClose: () => void;
  onConfirm: (target: NonNullable<Selection>) => void;
}) {
  const { t } = useTranslation("flows");
  const { draft } = useFlowEditor();
  const state = target?.kind === "state" ? draft.states.find((s) => s.id === target.id) : undefined;
  const transition = target?.kind === "transition" ? draft.transitions.find((tr) => tr.id === target.id) : undefined;
  const open = Boolean(state ?? transition);
  const lost = state ? transitionsLostWith(draft.transitions, state.key).length : 0;

  return (
    <ControlledConfirm
      open={open}
      onOpenChange={(next) => {
        if (!next) onClose();
      }}
      title={
        state
          ? t("state.deleteTitle", { name: state.label || state.key })
          : t("transition.deleteTitle", { name: transition?.name || transition?.key || "" })
      }
      confirmLabel={state ? t("state.deleteConfirm") : t("transition.deleteConfirm")}
      cancelLabel={state ? t("state.cancel") : t("transition.cancel")}
      onConfirm={() => {
        if (target) onConfirm(target);
        onClose();
      }}
    >
      {state ? (
        <>
          {lost > 0 ? <p>{t("state.deleteTransitions", { count: lost })}</p> : null}
          {draft.initial === state.key ? <p>{t("state.deleteInitial")}</p> : null}
          <StateUsage state={state} />
          <p>{t("state.deleteApplies")}</p>
        </>
      ) : (
        <p>{t("transition.deleteBody")}</p>
      )}
    </ControlledConfirm>
  );
}
