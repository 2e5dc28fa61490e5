import { Handle, type Node, type NodeProps, Position } from "@xyflow/react";
import { CircleAlert } from "lucide-react";
import { useTranslation } from "react-i18next";
import { optionDotClass } from "../../../components/fields/option-colors.ts";
import { Badge } from "../../../components/ui/badge.tsx";
import { cn } from "../../../components/ui/cn.ts";

export type StateNodeData = {
  label: string;
  stateKey: string;
  color: string | null;
  initial: boolean;
  problem: boolean;
  /** The "any state" start of transitions that run from every state; not a real state. */
  any?: boolean;
};
export type StateNodeType = Node<StateNodeData, "state">;

/** A state on the canvas: its colour, name and key; transitions leave on the right and arrive on the left. */
export function StateNode({ data, selected }: NodeProps<StateNodeType>) {
  const { t } = useTranslation("flows");
  return (
    <div
      className={cn(
        "min-w-40 rounded-lg border bg-card px-3 py-2 text-card-foreground shadow-sm",
        data.any && "border-dashed bg-muted text-muted-foreground",
        selected && "ring-2 ring-ring ring-offset-2 ring-offset-background",
        data.problem && "border-destructive",
      )}
    >
      {data.any ? null : <Handle type="target" position={Position.Left} className="!size-3 !bg-primary" />}
      <div className="flex items-center gap-2">
        {data.any ? null : (
          <span aria-hidden="true" className={cn("size-2.5 shrink-0 rounded-full", optionDotClass(data.color ?? undefined))} />
        )}
        <span className="font-medium">{data.label}</span>
        {data.problem ? <CircleAlert aria-label={t("canvas.problem")} role="img" className="size-4 text-destructive" /> : null}
      </div>
      {data.any ? null : (
        <div className="mt-1 flex items-center gap-2 text-xs text-muted-foreground">
          <code>{data.stateKey}</code>
          {data.initial ? <Badge variant="primary">{t("canvas.initial")}</Badge> : null}
        </div>
      )}
      <Handle type="source" position={Position.Right} className="!size-3 !bg-primary" />
    </div>
  );
}
