import type { Json } from "@flexoffice/shared";
import { type ReactNode, useState } from "react";
import { useTranslation } from "react-i18next";
import { toast } from "../../../../components/ui/toast.ts";
import { ApiError } from "../../../../lib/api-error.ts";
import { useApiErrorText } from "../../../../lib/api-error-text.ts";
import type { EntityRecord } from "../../api/entity-query.ts";
import type { EntityTransition } from "../../api/entity-transitions-query.ts";
import { useTransitionEntityMutation } from "../../api/transition-entity-mutation.ts";
import { TransitionDialog, type TransitionDialogRequest } from "./transition-dialog.tsx";

export type RunTransition = {
  /** Runs it now, or first asks for its inputs. Resolves once it ran (or the dialog was closed). */
  run: (entity: Pick<EntityRecord, "id" | "version">, transition: Pick<EntityTransition, "key" | "name" | "inputs">) => void;
  /** The key of the transition running right now, for its button's busy state. */
  running: string | null;
  dialog: ReactNode;
};

/**
 * Running a transition from anywhere (the record page's buttons, a card dropped on the board):
 * one that needs inputs opens the dialog first; the answer (new state, started_at = now, ...)
 * replaces the cached record at once; a refusal is said in words.
 */
export function useRunTransition(onDone?: (entity: EntityRecord) => void): RunTransition {
  const { t } = useTranslation("entities");
  const errorText = useApiErrorText();
  const mutation = useTransitionEntityMutation();
  const [request, setRequest] = useState<TransitionDialogRequest | null>(null);
  const [running, setRunning] = useState<string | null>(null);

  const execute = async (
    entity: Pick<EntityRecord, "id" | "version">,
    transition: Pick<EntityTransition, "key" | "name">,
    input?: Record<string, Json>,
  ) => {
    setRunning(transition.key);
    try {
      const updated = await mutation.mutateAsync({
        entityId: entity.id,
        transition: transition.key,
        expectedVersion: entity.version,
        ...(input ? { input } : {}),
      });
      toast.success(t("transitions.done", { name: transition.name }));
      onDone?.(updated);
    } finally {
      setRunning(null);
    }
  };

  /** Refusals outside the dialog (no inputs to put them on) become a toast, stale versions say to look again. */
  const report = (error: unknown) => {
    if (error instanceof ApiError && error.rule === "stale") toast.error(t("transitions.stale"));
    else toast.error(errorText(error));
  };

  const run: RunTransition["run"] = (entity, transition) => {
    if (transition.inputs.length > 0) {
      setRequest({
        name: transition.name,
        inputs: transition.inputs,
        run: (values) => execute(entity, transition, values as Record<string, Json>),
      });
      return;
    }
    execute(entity, transition).catch(report);
  };

  const dialog = request ? <TransitionDialog request={request} onClose={() => setRequest(null)} /> : null;
  return { run, running, dialog };
}
