import { useTranslation } from "react-i18next";
import { Button } from "../../../../components/ui/button.tsx";
import { Dialog, DialogContent, DialogDescription, DialogTitle } from "../../../../components/ui/dialog.tsx";
import type { EntityTransition } from "../../api/entity-transitions-query.ts";
import type { MovePlan } from "../../lib/board.ts";

export type MoveQuestion = {
  title: string;
  fromLabel: string;
  toLabel: string;
  plan: Extract<MovePlan, { kind: "none" | "blocked" | "choose" }>;
};

/**
 * What a drop could not decide alone: several transitions lead to that column (pick one), or
 * none can run (why: no transition connects the two states, its condition is not met, or the
 * member's roles may not run it).
 */
export function MoveDialog({
  question,
  onChoose,
  onClose,
}: {
  question: MoveQuestion;
  onChoose: (transition: EntityTransition) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation("entities");
  const { plan, title, fromLabel, toLabel } = question;
  const reason = (transition: EntityTransition) =>
    transition.reason === "guard"
      ? t("kanban.move.needs", { name: transition.name, condition: transition.guard ?? "" })
      : transition.reason === "blueprint_version"
        ? t("kanban.move.outdated", { name: transition.name })
        : t("kanban.move.notYours", { name: transition.name });
  return (
    <Dialog open onOpenChange={(open) => (open ? undefined : onClose())}>
      <DialogContent>
        {plan.kind === "choose" ? (
          <>
            <DialogTitle>{t("kanban.move.chooseTitle", { title, to: toLabel })}</DialogTitle>
            <DialogDescription>{t("kanban.move.chooseBody")}</DialogDescription>
            <ul className="grid gap-2">
              {plan.transitions.map((transition) => (
                <li key={transition.key}>
                  <Button variant="outline" className="w-full justify-start" onClick={() => onChoose(transition)}>
                    {transition.name}
                  </Button>
                </li>
              ))}
            </ul>
          </>
        ) : (
          <>
            <DialogTitle>{t("kanban.move.cannotTitle", { title, to: toLabel })}</DialogTitle>
            <DialogDescription>
              {plan.kind === "none" ? t("kanban.move.noTransition", { from: fromLabel, to: toLabel }) : t("kanban.move.blocked")}
            </DialogDescription>
            {plan.kind === "blocked" ? (
              <ul className="grid list-disc gap-1 pl-5 text-sm">
                {plan.transitions.map((transition) => (
                  <li key={transition.key}>{reason(transition)}</li>
                ))}
              </ul>
            ) : null}
          </>
        )}
        <div className="flex justify-end">
          <Button variant={plan.kind === "choose" ? "ghost" : "primary"} onClick={onClose}>
            {plan.kind === "choose" ? t("kanban.move.cancel") : t("kanban.move.ok")}
          </Button>
        </div>
      </DialogContent>
    </Dialog>
  );
}
