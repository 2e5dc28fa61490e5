import { useMutation, useQueryClient } from "@tanstack/react-query";
import { callRpc } from "../../../lib/api-error.ts";
import { blueprintKeys, ENTITIES_ROOT_KEY } from "./keys.ts";

/** An entity a migration could not convert, left as it was: which field broke which rule. */
export type MigrationFailure = { id: string; field: string | null; rule: string | null; message: string };

/** The outcome of a migration (or a dry run) that ran in the call: up to 500 entities. */
export type MigrationReport = {
  kind: "report";
  dryRun: boolean;
  toVersion: number;
  total: number;
  /** Migrated, or (dry run) would migrate. */
  migrated: number;
  failed: number;
  failures: MigrationFailure[];
};

/** More than 500 entities: the work runs in the background as a job. */
export type MigrationJobStarted = { kind: "job"; jobId: string; dryRun: boolean; total: number };

export type MigrationAnswer = MigrationReport | MigrationJobStarted;

export function toFailures(value: unknown): MigrationFailure[] {
  if (!Array.isArray(value)) return [];
  return value.map((raw) => {
    const item = (raw ?? {}) as Record<string, unknown>;
    return {
      id: typeof item.id === "string" ? item.id : "",
      field: typeof item.field === "string" ? item.field : null,
      rule: typeof item.rule === "string" ? item.rule : null,
      message: typeof item.message === "string" ? item.message : "",
    };
  });
}

export type MigrateInput = { blueprintId: string; toVersion: number; dryRun: boolean };

/** Migrates every live entity of the blueprint to `toVersion` (or reports what would happen). */
export async function migrateEntities(input: MigrateInput): Promise<MigrationAnswer> {
  const answer = ((await callRpc("migrate_entities", {
    p_blueprint_id: input.blueprintId,
    p_to_version: input.toVersion,
    p_dry_run: input.dryRun,
  })) ?? {}) as Record<string, unknown>;
  if (typeof answer.job_id === "string") {
    return { kind: "job", jobId: answer.job_id, dryRun: answer.dry_run === true, total: Number(answer.total ?? 0) };
  }
  return {
    kind: "report",
    dryRun: answer.dry_run === true,
    toVersion: Number(answer.to_version ?? input.toVersion),
    total: Number(answer.total ?? 0),
    migrated: Number(answer.migrated ?? answer.would_migrate ?? 0),
    failed: Number(answer.failed ?? 0),
    failures: toFailures(answer.failures),
  };
}

export function useMigrateEntitiesMutation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: migrateEntities,
    onSuccess: async (answer) => {
      if (answer.kind === "report" && !answer.dryRun) {
        await Promise.all([
          queryClient.invalidateQueries({ queryKey: ENTITIES_ROOT_KEY }),
          queryClient.invalidateQueries({ queryKey: blueprintKeys.all }),
        ]);
      }
    },
  });
}
