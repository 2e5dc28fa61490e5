import type { Tables } from "@flexoffice/shared";
import { useQuery } from "@tanstack/react-query";
import { throwOnError } from "../../../lib/api-error.ts";
import { supabase } from "../../../lib/supabase.ts";
import { blueprintKeys } from "./keys.ts";
import { type MigrationFailure, toFailures } from "./migrate-entities-mutation.ts";

export type MigrationJob = Omit<Tables<"entity_migration_jobs">, "failures"> & { failures: MigrationFailure[] };

export const jobFinished = (job: Pick<MigrationJob, "status"> | undefined) => job?.status === "done" || job?.status === "failed";

/** A background migration's row (RLS: members of its tenant). */
export async function fetchMigrationJob(jobId: string): Promise<MigrationJob> {
  const row = await supabase.from("entity_migration_jobs").select("*").eq("id", jobId).single().then(throwOnError);
  return { ...row, failures: toFailures(row.failures) };
}

/**
 * Follows a job until it is done: the worker takes queued jobs every minute and commits
 * batches of 500, so polling every two seconds shows each batch as it lands.
 */
export function useMigrationJobQuery(jobId: string | null) {
  return useQuery({
    queryKey: blueprintKeys.migrationJob(jobId ?? ""),
    queryFn: () => fetchMigrationJob(jobId ?? ""),
    enabled: jobId !== null,
    refetchInterval: (query) => (jobFinished(query.state.data) ? false : 2000),
  });
}

/** The newest migration of the blueprint that is still queued or running, if any (someone may have left the page meanwhile). */
export async function fetchActiveJob(blueprintId: string): Promise<MigrationJob | null> {
  const rows = await supabase
    .from("entity_migration_jobs")
    .select("*")
    .eq("blueprint_id", blueprintId)
    .in("status", ["queued", "running"])
    .order("created_at", { ascending: false })
    .limit(1)
    .then(throwOnError);
  const row = rows[0];
  return row ? { ...row, failures: toFailures(row.failures) } : null;
}

export function useActiveJobQuery(blueprintId: string) {
  return useQuery({
    queryKey: [...blueprintKeys.all, "active-job", blueprintId],
    queryFn: () => fetchActiveJob(blueprintId),
    staleTime: 0,
  });
}
