import type { FieldDefinition } from "@flexoffice/shared";
import { KanbanSquare, List, Plus } from "lucide-react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { Button } from "../../../../components/ui/button.tsx";
import { EmptyState } from "../../../../components/ui/empty-state.tsx";
import { PageHeader } from "../../../../components/ui/page-header.tsx";
import { Skeleton } from "../../../../components/ui/skeleton.tsx";
import { ApiError } from "../../../../lib/api-error.ts";
import type { EntityAccess } from "../../api/access-query.ts";
import type { BlueprintContext, FlowDefinition } from "../../api/blueprint-query.ts";
import { boardColumns } from "../../lib/board.ts";
import { canRead } from "../../lib/field-access.ts";
import { titleFieldOf } from "../../lib/record-title.ts";
import { BackLink } from "../record/back-link.tsx";
import { LoadError } from "../record/load-error.tsx";
import { PageTitle } from "../record/page-title.tsx";
import { RecordNotFound } from "../record/record-not-found.tsx";
import { useRecordsScope } from "../record/use-records-scope.ts";
import { Board } from "./board.tsx";

/** /t/:slug/records/:blueprintKey/board: the blueprint's records as cards in the columns of its flow's states. */
export function BoardPage() {
  const { t } = useTranslation("entities");
  const scope = useRecordsScope();
  const { blueprint, access } = scope;
  if (blueprint.error instanceof ApiError && blueprint.error.code === "FONF0") return <RecordNotFound kind="blueprint" />;
  const failed = blueprint.error ?? access.error;
  if (failed) {
    return (
      <LoadError
        title={t("kanban.title", { name: scope.blueprintKey })}
        error={failed}
        onRetry={() => void (blueprint.isError ? blueprint.refetch() : access.refetch())}
      />
    );
  }
  if (!blueprint.data || !access.data) return <BoardSkeleton />;
  return <BoardScreen context={blueprint.data} access={access.data} scope={scope} />;
}

function BoardSkeleton() {
  const { t } = useTranslation("entities");
  return (
    <div className="grid gap-6">
      <p role="status" className="sr-only">
        {t("record.loading.board")}
      </p>
      <Skeleton className="h-8 w-64" />
      <div className="flex gap-4 overflow-hidden">
        {[0, 1, 2].map((column) => (
          <div key={column} className="grid w-72 shrink-0 gap-3 rounded-xl border p-3">
            <Skeleton className="h-5 w-24" />
            <Skeleton className="h-20 w-full" />
            <Skeleton className="h-20 w-full" />
          </div>
        ))}
      </div>
    </div>
  );
}

type Scope = ReturnType<typeof useRecordsScope>;

function BoardScreen({ context, access, scope }: { context: BlueprintContext; access: EntityAccess; scope: Scope }) {
  const { t } = useTranslation("entities");
  const name = context.blueprint.name;
  const title = t("kanban.title", { name });
  const flow: FlowDefinition | null = context.flow;
  const stateField = flow ? context.fields.find((field) => field.key === flow.stateField && field.type === "status") : undefined;
  const readable = context.fields.filter((field) => canRead(access, field.key));
  const header = (
    <>
      <PageTitle>{title}</PageTitle>
      <BackLink to={scope.gridPath}>{t("record.backTo", { name })}</BackLink>
      <PageHeader
        title={title}
        description={flow && stateField ? t("kanban.description", { field: stateField.label }) : undefined}
        actions={
          <>
            <Button asChild variant="outline">
              <Link to={scope.gridPath}>
                <List aria-hidden="true" className="size-4" />
                {t("kanban.list")}
              </Link>
            </Button>
            {access.create.allowed ? (
              <Button asChild>
                <Link to={scope.newPath}>
                  <Plus aria-hidden="true" className="size-4" />
                  {t("kanban.newRecord")}
                </Link>
              </Button>
            ) : null}
          </>
        }
      />
    </>
  );
  if (!flow || !stateField) {
    return (
      <div className="grid gap-2">
        {header}
        <EmptyState
          icon={<KanbanSquare aria-hidden="true" />}
          title={t("kanban.noFlowTitle")}
          description={t("kanban.noFlowBody", { name })}
        />
      </div>
    );
  }
  if (!canRead(access, stateField.key)) {
    return (
      <div className="grid gap-2">
        {header}
        <EmptyState
          icon={<KanbanSquare aria-hidden="true" />}
          title={t("kanban.hiddenStateTitle")}
          description={t("kanban.hiddenStateBody", { field: stateField.label })}
        />
      </div>
    );
  }
  return (
    <div className="grid min-w-0 gap-2">
      {header}
      <Board
        blueprintId={context.blueprint.id}
        columns={boardColumns(flow, stateField)}
        stateField={stateField}
        fields={readable}
        movable={access.transition.allowed}
        recordPath={scope.recordPath}
        cardFields={cardFieldsOf(readable, stateField)}
      />
    </div>
  );
}

/** Up to three short fields under a card's title (not the title, the state, or long values). */
function cardFieldsOf(readable: readonly FieldDefinition[], stateField: FieldDefinition): FieldDefinition[] {
  const titleKey = titleFieldOf(readable)?.key;
  return readable
    .filter((field) => field.key !== titleKey && field.key !== stateField.key && !["long_text", "json"].includes(field.type))
    .slice(0, 3);
}
