import type postgres from "postgres";

/**
 * Bulk loads into public.entities are fastest without indexes: the entity benchmarks drop
 * them, insert with generate_series, and build them again, the indexed field's index and
 * statistics exactly as the pg_cron jobs would (minus CONCURRENTLY).
 */
export type EntityIndex = { name: string; def: string };

/** Drops the entity table's secondary indexes and returns their definitions. */
export async function dropEntityIndexes(tx: postgres.TransactionSql): Promise<EntityIndex[]> {
  const indexes = await tx<EntityIndex[]>`
    select indexrelid::regclass::text as name, pg_get_indexdef(indexrelid) as def
    from pg_index where indrelid = 'public.entities'::regclass and not indisprimary`;
  for (const index of indexes) await tx.unsafe(`drop index ${index.name}`);
  return indexes;
}

/** Builds the dropped indexes again, then the blueprint's indexed-field index and statistics (marked ready). */
export async function rebuildEntityIndexes(
  tx: postgres.TransactionSql,
  indexes: EntityIndex[],
  blueprint: string,
): Promise<void> {
  for (const index of indexes) await tx.unsafe(index.def);
  const [fieldIndex] = await tx<{ definition: string; index_name: string; expression: string }[]>`
    select definition, index_name, expression from private.field_indexes where blueprint_id = ${blueprint}`;
  if (!fieldIndex) throw new Error("the indexed field has no index definition");
  await tx.unsafe(fieldIndex.definition.replace("create index concurrently if not exists", "create index if not exists"));
  await tx.unsafe(
    `create statistics if not exists public.${fieldIndex.index_name}_s (mcv) on blueprint_id, (${fieldIndex.expression}) from public.entities`,
  );
  await tx`update private.field_indexes set status = 'ready', finished_at = now() where index_name = ${fieldIndex.index_name}`;
  await tx`select cron.unschedule(jobid) from cron.job where jobname = ${`index-${fieldIndex.index_name}`}`;
}
