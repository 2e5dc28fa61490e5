import "@xyflow/react/dist/style.css";
import {
  applyNodeChanges,
  Background,
  type Connection,
  Controls,
  MarkerType,
  type NodeChange,
  type OnBeforeDelete,
  Panel,
  ReactFlow,
  ReactFlowProvider,
  useReactFlow,
} from "@xyflow/react";
import { type CSSProperties, useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { useTheme } from "../../../lib/theme.tsx";
import { LAYOUT } from "../lib/draft.ts";
import { moveState } from "../lib/draft-edits.ts";
import { hasIssues } from "../lib/issues.ts";
import { useFlowEditor } from "./editor-context.tsx";
import { StateNode, type StateNodeType } from "./state-node.tsx";
import { TransitionEdge, type TransitionEdgeType } from "./transition-edge.tsx";

/** The node that stands for "any state" as the start of transitions that run from every state. */
const ANY = "__any__";
const nodeTypes = { state: StateNode };
const edgeTypes = { transition: TransitionEdge };

/** The canvas takes the theme's semantic colours, so it matches the app in light and dark. */
const themeVariables = {
  "--xy-background-color": "var(--card)",
  "--xy-background-pattern-dots-color": "var(--border)",
  "--xy-edge-stroke": "var(--muted-foreground)",
  "--xy-edge-stroke-selected": "var(--primary)",
  "--xy-edge-label-background-color": "var(--card)",
  "--xy-edge-label-color": "var(--foreground)",
  "--xy-connectionline-stroke": "var(--primary)",
  "--xy-controls-button-background-color": "var(--card)",
  "--xy-controls-button-background-color-hover": "var(--muted)",
  "--xy-controls-button-color": "var(--foreground)",
  "--xy-controls-button-color-hover": "var(--foreground)",
  "--xy-controls-button-border-color": "var(--border)",
  "--xy-node-border-radius": "0.5rem",
  "--xy-attribution-background-color": "var(--card)",
} as CSSProperties;

function Canvas() {
  const { t } = useTranslation("flows");
  const { resolved } = useTheme();
  const editor = useFlowEditor();
  const { draft, selection, issues, design } = editor;
  const flow = useReactFlow();
  const [nodes, setNodes] = useState<StateNodeType[]>([]);

  const anyUsed = draft.transitions.some((t) => t.from === null);
  const anyPosition = useMemo(() => {
    if (draft.states.length === 0) return { x: 0, y: 0 };
    const minX = Math.min(...draft.states.map((s) => s.x));
    const minY = Math.min(...draft.states.map((s) => s.y));
    return { x: minX - LAYOUT.column, y: minY };
  }, [draft.states]);

  // Nodes come from the draft; measured sizes and positions mid-drag stay with the canvas.
  useEffect(() => {
    setNodes((previous) => {
      const known = new Map(previous.map((node) => [node.id, node]));
      const next: StateNodeType[] = draft.states.map((state) => ({
        ...known.get(state.id),
        id: state.id,
        type: "state",
        position: { x: state.x, y: state.y },
        ariaLabel: state.label,
        selected: selection?.kind === "state" && selection.id === state.id,
        data: {
          label: state.label,
          stateKey: state.key,
          color: state.color,
          initial: draft.initial === state.key,
          problem: hasIssues(issues, state.id),
        },
      }));
      if (anyUsed) {
        next.unshift({
          ...known.get(ANY),
          id: ANY,
          type: "state",
          position: anyPosition,
          ariaLabel: t("canvas.anyState"),
          draggable: false,
          deletable: false,
          selectable: false,
          data: { label: t("canvas.anyState"), stateKey: "", color: null, initial: false, problem: false, any: true },
        });
      }
      return next;
    });
  }, [draft.states, draft.initial, selection, issues, anyUsed, anyPosition, t]);

  const labelOf = useCallback((key: string) => draft.states.find((s) => s.key === key)?.label ?? key, [draft.states]);
  const edges = useMemo<TransitionEdgeType[]>(() => {
    const idOf = new Map(draft.states.map((s) => [s.key, s.id]));
    return draft.transitions.flatMap((transition) =>
      (transition.from ?? [null]).flatMap((from) => {
        const source = from === null ? ANY : idOf.get(from);
        const target = idOf.get(transition.to);
        if (!source || !target) return [];
        const selected = selection?.kind === "transition" && selection.id === transition.id;
        const problem = hasIssues(issues, transition.id);
        return [
          {
            id: `${transition.id}:${from ?? ANY}`,
            type: "transition" as const,
            source,
            target,
            label: transition.name || transition.key,
            ariaLabel: `${transition.name}: ${from === null ? t("canvas.anyState") : labelOf(from)} → ${labelOf(transition.to)}`,
            selected,
            markerEnd: {
              type: MarkerType.ArrowClosed,
              width: 18,
              height: 18,
              color: problem ? "var(--destructive)" : selected ? "var(--primary)" : "var(--muted-foreground)",
            },
            style: problem ? { stroke: "var(--destructive)" } : undefined,
            data: { transitionId: transition.id, problem },
          },
        ];
      }),
    );
  }, [draft.states, draft.transitions, selection, issues, labelOf, t]);

  const onNodesChange = useCallback(
    (changes: NodeChange<StateNodeType>[]) => {
      setNodes((current) => applyNodeChanges(changes, current));
      for (const change of changes) {
        if (change.type === "position" && change.position && change.dragging !== true && change.id !== ANY) {
          const position = change.position;
          editor.edit((d) => moveState(d, change.id, position));
        }
        if (change.type === "select" && change.selected && change.id !== ANY) editor.select({ kind: "state", id: change.id });
      }
    },
    [editor],
  );

  const onConnect = useCallback(
    (connection: Connection) => {
      const to = draft.states.find((s) => s.id === connection.target);
      if (!to) return;
      const from = connection.source === ANY ? null : draft.states.find((s) => s.id === connection.source)?.key;
      if (from === undefined) return;
      editor.addTransition(from === null ? null : [from], to.key);
    },
    [draft.states, editor],
  );

  // Deleting goes through the editor, which asks first when something depends on it.
  const onBeforeDelete = useCallback<OnBeforeDelete<StateNodeType, TransitionEdgeType>>(
    async ({ nodes: removed, edges: removedEdges }) => {
      const node = removed.find((n) => n.id !== ANY);
      const edge = removedEdges[0];
      if (node) editor.requestDelete({ kind: "state", id: node.id });
      else if (edge) editor.requestDelete({ kind: "transition", id: String(edge.data?.transitionId ?? "") });
      return false;
    },
    [editor],
  );

  // New states may land outside the view: bring the whole flow back into view when their number changes.
  const count = draft.states.length;
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    if (count > 0) requestAnimationFrame(() => void flow.fitView({ padding: 0.2, maxZoom: 1 }));
  }, [count, flow]);

  return (
    <div className="h-[28rem] overflow-hidden rounded-xl border lg:h-[34rem]" style={themeVariables}>
      <ReactFlow<StateNodeType, TransitionEdgeType>
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        onNodesChange={onNodesChange}
        onConnect={onConnect}
        isValidConnection={(connection) => connection.target !== ANY && connection.source !== connection.target}
        onEdgeClick={(_event, edge) => {
          if (edge.data) editor.select({ kind: "transition", id: edge.data.transitionId });
        }}
        onPaneClick={() => editor.select(null)}
        onBeforeDelete={onBeforeDelete}
        deleteKeyCode={["Delete", "Backspace"]}
        nodesDraggable={true}
        nodesConnectable={true}
        elementsSelectable={true}
        fitView
        fitViewOptions={{ padding: 0.2, maxZoom: 1 }}
        minZoom={0.25}
        maxZoom={2}
        colorMode={resolved}
        proOptions={{ hideAttribution: true }}
        aria-label={t("canvas.label", { name: design.blueprint.name })}
        ariaLabelConfig={{
          "node.a11yDescription.default": t("canvas.a11y.node"),
          "node.a11yDescription.keyboardDisabled": t("canvas.a11y.node"),
          "node.a11yDescription.ariaLiveMessage": ({ direction, x, y }) =>
            t("canvas.a11y.moved", { direction, x: Math.round(x), y: Math.round(y) }),
          "edge.a11yDescription.default": t("canvas.a11y.edge"),
          "controls.ariaLabel": t("canvas.a11y.controls"),
          "controls.zoomIn.ariaLabel": t("canvas.a11y.zoomIn"),
          "controls.zoomOut.ariaLabel": t("canvas.a11y.zoomOut"),
          "controls.fitView.ariaLabel": t("canvas.a11y.fitView"),
          "controls.interactive.ariaLabel": t("canvas.a11y.interactive"),
          "minimap.ariaLabel": t("canvas.a11y.minimap"),
          "handle.ariaLabel": t("canvas.a11y.handle"),
        }}
      >
        <Background gap={20} />
        <Controls showInteractive={false} />
        {/* The library's credit, in the theme's muted text (its own link is too faint to read). */}
        <Panel position="bottom-right" className="!m-1 rounded bg-card/80 px-1 text-[10px]">
          <a href="https://reactflow.dev" target="_blank" rel="noreferrer" className="text-muted-foreground hover:underline">
            React Flow
          </a>
        </Panel>
      </ReactFlow>
    </div>
  );
}

/** The flow drawn as a graph: states as nodes, transitions as labelled arrows (the list view says the same in tables). */
export function FlowCanvas() {
  const { t } = useTranslation("flows");
  return (
    <div className="grid gap-2">
      <p className="text-sm text-muted-foreground">{t("canvas.hint")}</p>
      <ReactFlowProvider>
        <Canvas />
      </ReactFlowProvider>
    </div>
  );
}
