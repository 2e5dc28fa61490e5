import {
  type Announcements,
  type CollisionDetection,
  DndContext,
  type DragEndEvent,
  DragOverlay,
  type DragStartEvent,
  KeyboardSensor,
  PointerSensor,
  pointerWithin,
  rectIntersection,
  useSensor,
  useSensors,
} from "@dnd-kit/core";
import type { FieldDefinition } from "@flexoffice/shared";
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Alert } from "../../../../components/ui/alert.tsx";
import { Button } from "../../../../components/ui/button.tsx";
import { toast } from "../../../../components/ui/toast.ts";
import { useApiErrorText } from "../../../../lib/api-error-text.ts";
import { NO_STATE, useBoardQuery } from "../../api/board-query.ts";
import type { EntityRecord } from "../../api/entity-query.ts";
import { type EntityTransition, fetchEntityTransitions } from "../../api/entity-transitions-query.ts";
import { entityKeys } from "../../api/keys.ts";
import { type BoardColumn as Column, planMove, reachableStates } from "../../lib/board.ts";
import { entityTitle, titleFieldOf } from "../../lib/record-title.ts";
import { useRunTransition } from "../record/use-run-transition.tsx";
import { BoardCard, type CardDragData } from "./board-card.tsx";
import { BoardColumn, type DropHint } from "./board-column.tsx";
import { columnCoordinates } from "./board-keyboard.ts";
import { MoveDialog, type MoveQuestion } from "./move-dialog.tsx";

type BoardProps = {
  blueprintId: string;
  columns: Column[];
  stateField: FieldDefinition;
  fields: readonly FieldDefinition[];
  cardFields: readonly FieldDefinition[];
  movable: boolean;
  recordPath: (id: string) => string;
};

type Dragging = { card: CardDragData; transitions: EntityTransition[] | null };

/** With a pointer, the column under it; with the keyboard (no pointer), the column the card overlaps. */
const collision: CollisionDetection = (args) => (args.pointerCoordinates ? pointerWithin(args) : rectIntersection(args));

/**
 * The board itself: columns of cards, and moving a card by dragging it (pointer or keyboard)
 * onto another column, which runs the transition between the two states. What the member
 * can run is asked of the database when the card is picked up (entity_transitions), so the
 * columns it may go to are marked before it is dropped.
 */
export function Board({ blueprintId, columns, stateField, fields, cardFields, movable, recordPath }: BoardProps) {
  const { t } = useTranslation("entities");
  const errorText = useApiErrorText();
  const queryClient = useQueryClient();
  const runner = useRunTransition();
  const board = useBoardQuery(
    blueprintId,
    stateField.key,
    columns.map((column) => column.state),
  );
  const [dragging, setDragging] = useState<Dragging | null>(null);
  const [question, setQuestion] = useState<(MoveQuestion & { entity: EntityRecord }) | null>(null);
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 6 } }),
    useSensor(KeyboardSensor, { coordinateGetter: columnCoordinates }),
  );
  const titleField = titleFieldOf(fields);
  const cardTitle = (entity: EntityRecord) => entityTitle(titleField, entity.data) ?? t("record.untitled");
  const shown = board.data?.has(NO_STATE)
    ? [...columns, { state: NO_STATE, label: t("kanban.column.noState"), color: undefined }]
    : columns;
  const labelOf = (state: string | null | undefined) => shown.find((column) => column.state === state)?.label ?? state ?? "";

  const transitionsOf = (entityId: string) =>
    queryClient.fetchQuery({
      queryKey: entityKeys.transitions(entityId),
      queryFn: () => fetchEntityTransitions(entityId),
      staleTime: 10_000,
    });

  const onDragStart = ({ active }: DragStartEvent) => {
    const card = active.data.current as CardDragData | undefined;
    if (!card) return;
    setDragging({ card, transitions: null });
    transitionsOf(card.entity.id)
      .then((answer) =>
        setDragging((now) => (now?.card.entity.id === card.entity.id ? { card, transitions: answer.transitions } : now)),
      )
      .catch(() => undefined);
  };

  const onDragEnd = async ({ active, over }: DragEndEvent) => {
    setDragging(null);
    const card = active.data.current as CardDragData | undefined;
    const to = (over?.data.current as { state?: string } | undefined)?.state;
    if (!card || !to || to === card.state) return;
    const question = { entity: card.entity, title: card.title, fromLabel: labelOf(card.state), toLabel: labelOf(to) };
    if (to === NO_STATE) {
      setQuestion({ ...question, plan: { kind: "none" } });
      return;
    }
    try {
      const { transitions } = await transitionsOf(card.entity.id);
      const plan = planMove(transitions, card.state === NO_STATE ? null : card.state, to);
      if (plan.kind === "run") runner.run(card.entity, plan.transition);
      else if (plan.kind !== "same") setQuestion({ ...question, plan });
    } catch (error) {
      toast.error(errorText(error));
    }
  };

  const hintFor = (state: string): DropHint => {
    if (!dragging) return null;
    if (state === dragging.card.state) return "source";
    if (!dragging.transitions) return null;
    return reachableStates(dragging.transitions).has(state) ? "reachable" : "unreachable";
  };

  const announcements: Announcements = {
    onDragStart: ({ active }) => t("kanban.announce.start", { title: (active.data.current as CardDragData).title }),
    onDragOver: ({ active, over }) =>
      over
        ? t("kanban.announce.over", {
            title: (active.data.current as CardDragData).title,
            column: labelOf((over.data.current as { state?: string } | undefined)?.state),
          })
        : t("kanban.announce.outside", { title: (active.data.current as CardDragData).title }),
    onDragEnd: ({ active, over }) =>
      over
        ? t("kanban.announce.drop", {
            title: (active.data.current as CardDragData).title,
            column: labelOf((over.data.current as { state?: string } | undefined)?.state),
          })
        : t("kanban.announce.dropOutside", { title: (active.data.current as CardDragData).title }),
    onDragCancel: ({ active }) => t("kanban.announce.cancel", { title: (active.data.current as CardDragData).title }),
  };

  if (board.isError) {
    return (
      <div className="grid gap-3">
        <Alert tone="error">{errorText(board.error)}</Alert>
        <div>
          <Button variant="outline" onClick={() => void board.refetch()}>
            {t("record.retry")}
          </Button>
        </div>
      </div>
    );
  }

  return (
    <>
      {board.isPending ? (
        <p role="status" className="sr-only">
          {t("record.loading.board")}
        </p>
      ) : null}
      {movable ? <p className="text-sm text-muted-foreground">{t("kanban.howToMove")}</p> : null}
      <DndContext
        sensors={sensors}
        collisionDetection={collision}
        onDragStart={onDragStart}
        onDragEnd={(event) => void onDragEnd(event)}
        onDragCancel={() => setDragging(null)}
        accessibility={{ announcements, screenReaderInstructions: { draggable: t("kanban.instructions") } }}
      >
        <div className="flex min-w-0 gap-4 overflow-x-auto pb-4" aria-busy={board.isPending || undefined}>
          {shown.map((column) => (
            <BoardColumn
              key={column.state}
              column={column}
              data={board.data?.get(column.state)}
              cardTitle={cardTitle}
              cardFields={cardFields}
              recordPath={recordPath}
              movable={movable}
              loading={board.isPending}
              hint={hintFor(column.state)}
            />
          ))}
        </div>
        <DragOverlay dropAnimation={null}>
          {dragging ? (
            <BoardCard
              entity={dragging.card.entity}
              state={dragging.card.state}
              title={dragging.card.title}
              fields={cardFields}
              href=""
              movable
              overlay
            />
          ) : null}
        </DragOverlay>
      </DndContext>
      {question ? (
        <MoveDialog
          question={question}
          onClose={() => setQuestion(null)}
          onChoose={(transition) => {
            setQuestion(null);
            runner.run(question.entity, transition);
          }}
        />
      ) : null}
      {runner.dialog}
    </>
  );
}
