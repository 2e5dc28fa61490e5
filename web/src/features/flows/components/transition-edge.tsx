import { BaseEdge, type Edge, EdgeLabelRenderer, type EdgeProps, type InternalNode, useInternalNode } from "@xyflow/react";
import { cn } from "../../../components/ui/cn.ts";
import { type Box, edgeLine } from "../lib/edge-geometry.ts";
import { useFlowEditor } from "./editor-context.tsx";

export type TransitionEdgeData = { transitionId: string; problem: boolean };
export type TransitionEdgeType = Edge<TransitionEdgeData, "transition">;

function boxOf(node: InternalNode): Box {
  return {
    x: node.internals.positionAbsolute.x,
    y: node.internals.positionAbsolute.y,
    width: node.measured.width ?? 0,
    height: node.measured.height ?? 0,
  };
}

/**
 * A transition drawn from the border of one state to the border of the next, whatever the
 * layout, with its name on a label that selects it when clicked.
 */
export function TransitionEdge({ id, source, target, label, markerEnd, selected, data, style }: EdgeProps<TransitionEdgeType>) {
  const editor = useFlowEditor();
  const from = useInternalNode(source);
  const to = useInternalNode(target);
  if (!from || !to || !from.measured.width || !to.measured.width) return null;
  const line = edgeLine(boxOf(from), boxOf(to));
  return (
    <>
      <BaseEdge id={id} path={line.path} markerEnd={markerEnd} style={style} interactionWidth={16} />
      {label ? (
        <EdgeLabelRenderer>
          <button
            type="button"
            tabIndex={-1}
            className={cn(
              "nodrag nopan pointer-events-auto absolute max-w-44 truncate rounded-md border bg-card px-1.5 py-0.5 text-xs text-foreground shadow-sm",
              selected && "border-primary ring-2 ring-ring",
              data?.problem && "border-destructive",
            )}
            style={{ transform: `translate(-50%, -50%) translate(${line.label.x}px, ${line.label.y}px)` }}
            onClick={() => {
              if (data) editor.select({ kind: "transition", id: data.transitionId });
            }}
          >
            {label}
          </button>
        </EdgeLabelRenderer>
      ) : null}
    </>
  );
}
