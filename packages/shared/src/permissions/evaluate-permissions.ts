import type { FieldDefinition } from "../blueprints/field-types.ts";
import { compareText } from "../filters/compare-values.ts";
import { type EvaluationContext, type FilterEntity, matchesFilter } from "../filters/evaluate-filter.ts";
import type { Filter, Sort } from "../filters/filter.schema.ts";
import type { PermissionAction, PermissionGrant } from "./grant.schema.ts";
import {
  type CallerContext,
  nowInstant,
  type ResolvedRule,
  resolvePreset,
  resolveRuleFilter,
  todayIn,
} from "./resolve-variables.ts";

/**
 * The reference evaluator of docs/permissions.md: what the database lets one caller read
 * and write on one blueprint, given the caller's roles and their grants, written plainly
 * so the property test can compare it with `query_entities`, `create_entity`, … Rules and
 * validations are resolved for the caller once (variables become values or constants)
 * and then decided by `matchesFilter`, exactly like a list's filter.
 */

export const BUILTIN_ROLE_KEYS = ["admin", "editor", "viewer"] as const;

/** A role of the caller with its saved grants on the blueprint; `grants: null` = never saved, so the defaults apply. */
export type PermissionRole = { key: string; builtin: boolean; grants: readonly PermissionGrant[] | null };

/** Role order for "the first accepting grant": built-in roles first, then by key in byte order. */
export function compareRoles(a: Pick<PermissionRole, "key" | "builtin">, b: Pick<PermissionRole, "key" | "builtin">): number {
  if (a.builtin !== b.builtin) return a.builtin ? -1 : 1;
  return compareText(a.key, b.key);
}

const EVERY_ACTION: readonly PermissionGrant[] = [
  { action: "read" },
  { action: "create" },
  { action: "update" },
  { action: "delete" },
  { action: "transition" },
];

/** The grants a role has on a blueprint where none were saved ("Defaults"). */
export function defaultGrants(role: Pick<PermissionRole, "key" | "builtin">): readonly PermissionGrant[] {
  if (!role.builtin) return [];
  if (role.key === "admin" || role.key === "editor") return EVERY_ACTION;
  if (role.key === "viewer") return [{ action: "read" }];
  return [];
}

/** The grants that count for a role: Admins always have every action, whatever was saved. */
export function roleGrants(role: PermissionRole): readonly PermissionGrant[] {
  if (role.builtin && role.key === "admin") return EVERY_ACTION;
  return role.grants ?? defaultGrants(role);
}

/** One grant as it applies to the caller: rules resolved, fields as a set (null: every field). */
export type EffectiveGrant = {
  role: string;
  /** Position in the role's grant list. */
  index: number;
  action: PermissionAction;
  /** `transition` grants: the transition key, null for every transition. */
  transition: string | null;
  rows: ResolvedRule;
  fields: ReadonlySet<string> | null;
  validation: ResolvedRule;
  presets: Readonly<Record<string, unknown>> | null;
};

export type PermissionContext<E extends FilterEntity = FilterEntity> = EvaluationContext<E> & {
  caller: CallerContext;
  roles: readonly PermissionRole[];
  /**
   * Whether the caller reads every row and field of the blueprint a reference field
   * points to (that blueprint's evaluator's `readsEverything`): filtering or sorting
   * through a reference needs it. Absent: never.
   */
  referencedReadsEverything?: (referenceKey: string) => boolean;
};

/**
 * Why a write is refused (403 FODEN): `permission` when no grant allows the action at
 * all, `row_rule` when no grant's row rule matches the entity, `field_not_writable` when
 * none of those covers every field written, `validation` when one did but its
 * validation failed. The furthest stage any grant reached is reported.
 */
export type PermissionRefusalRule = "permission" | "row_rule" | "field_not_writable" | "validation";
/** A refused action; `field` names the field for `field_not_writable`. */
export type PermissionRefusal = { allowed: false; rule: PermissionRefusalRule; field?: string };
export type PermissionDecision = { allowed: true } | PermissionRefusal;
/** An allowed write carries the entity's `data` after it, as the database would store it. */
export type WriteDecision = { allowed: true; data: Record<string, unknown> } | PermissionRefusal;

export type CreateOptions = {
  /** The new entity's id, for validations that name `id`; defaults to the nil uuid. */
  id?: string;
};

export type PermissionEvaluator<E extends FilterEntity = FilterEntity> = {
  /** The caller's grants in role-then-grant order (`compareRoles`, then each role's grants as saved). */
  grants: readonly EffectiveGrant[];
  /** Whether any grant allows `action` on some row. */
  allows(action: PermissionAction): boolean;
  /** The union of the row rules of the `action` grants (of `transitionKey`'s grants for `transition`). */
  rowRule(action: PermissionAction, transitionKey?: string): ResolvedRule;
  canRead(entity: E): boolean;
  readableRows(entities: readonly E[]): E[];
  /** Readable field keys in blueprint order; null = every field. */
  readableFields: readonly string[] | null;
  /** Every row and every field readable: what filtering through a reference to this blueprint needs. */
  readsEverything: boolean;
  /** Writable field keys for `create` or `update` in blueprint order; null = every field. */
  writableFields(action: "create" | "update"): readonly string[] | null;
  /** The entity as the caller receives it: hidden fields removed from `data`. */
  projectEntity(entity: E): E;
  /**
   * The first path a filter or sort names that the caller may not use (`403 hidden_field`):
   * a field they cannot read, or a path through a reference whose blueprint they do not
   * read whole.
   */
  hiddenField(query: { filter?: Filter | null; sort?: Sort | null }): string | undefined;
  canCreate(data: Readonly<Record<string, unknown>>, options?: CreateOptions): WriteDecision;
  canUpdate(entity: E, patch: Readonly<Record<string, unknown>>): WriteDecision;
  canDelete(entity: E): PermissionDecision;
  canTransition(entity: E, transitionKey: string): PermissionDecision;
};

const NIL_UUID = "00000000-0000-0000-0000-000000000000";

/** Every optional key of a grant, whichever its action (absent where the action does not take it). */
type GrantParts = {
  transition?: string | null;
  rows?: Filter | null;
  fields?: readonly string[] | null;
  validation?: Filter | null;
  presets?: Readonly<Record<string, unknown>> | null;
};

/** Written keys in byte order: refusals name the first field deterministically. */
function sortedKeys(record: Readonly<Record<string, unknown>>): string[] {
  return Object.keys(record).sort(compareText);
}

/** A write no grant accepted: validation when some grant covered the fields, otherwise the first field the first grant does not cover. */
function refuseWrite(covered: boolean, firstUncovered: string | undefined): PermissionRefusal {
  return covered || firstUncovered === undefined
    ? { allowed: false, rule: "validation" }
    : { allowed: false, rule: "field_not_writable", field: firstUncovered };
}

/** `or` of resolved rules, constants folded. */
function anyOf(rules: readonly ResolvedRule[]): ResolvedRule {
  const filters: Filter[] = [];
  for (const rule of rules) {
    if (rule === true) return true;
    if (rule !== false) filters.push(rule);
  }
  if (filters.length === 0) return false;
  return filters.length === 1 ? (filters[0] as Filter) : { or: filters };
}

/** Field paths a filter names, depth first. */
function filterPaths(filter: Filter): string[] {
  if ("and" in filter) return filter.and.flatMap(filterPaths);
  if ("or" in filter) return filter.or.flatMap(filterPaths);
  if ("not" in filter) return filterPaths(filter.not);
  return [filter.field];
}

/**
 * The caller's permissions on one blueprint. `ctx.fields` are the blueprint's fields (and
 * `referencedFields`/`resolve` serve `ref.field` paths as for `matchesFilter`); grants are
 * expected to have passed `validateGrants`, entities and written values to be in the
 * stored form.
 */
export function createPermissionEvaluator<E extends FilterEntity>(ctx: PermissionContext<E>): PermissionEvaluator<E> {
  const { caller, fields } = ctx;
  const filterCtx: EvaluationContext<E> = ctx;
  const resolve = (filter: Filter | null | undefined): ResolvedRule =>
    filter == null ? true : resolveRuleFilter(filter, fields, caller, ctx.referencedFields);
  const byKey = new Map(fields.map((field) => [field.key, field]));

  const roles = [...ctx.roles].sort(compareRoles);
  const grants: EffectiveGrant[] = roles.flatMap((role) =>
    roleGrants(role).map((grant, index): EffectiveGrant => {
      const parts = grant as GrantParts;
      return {
        role: role.key,
        index,
        action: grant.action,
        transition: parts.transition ?? null,
        rows: resolve(parts.rows),
        fields: parts.fields == null ? null : new Set(parts.fields),
        validation: resolve(parts.validation),
        presets: parts.presets ?? null,
      };
    }),
  );

  const of = (action: PermissionAction, transitionKey?: string) =>
    grants.filter(
      (grant) =>
        grant.action === action &&
        (action !== "transition" ||
          grant.transition === null ||
          transitionKey === undefined ||
          grant.transition === transitionKey),
    );
  const matches = (rule: ResolvedRule, entity: E): boolean =>
    typeof rule === "boolean" ? rule : matchesFilter(rule, entity, filterCtx);

  const fieldUnion = (action: PermissionAction): readonly string[] | null => {
    const union = new Set<string>();
    for (const grant of of(action)) {
      if (grant.fields === null) return null;
      for (const key of grant.fields) union.add(key);
    }
    return fields.filter((field) => union.has(field.key)).map((field) => field.key);
  };
  const readableFields = fieldUnion("read");
  const readable = readableFields === null ? null : new Set(readableFields);

  const now = () => nowInstant(caller);

  /** The stored data of a new entity from its input: a key with null stays empty, an absent key takes the field's default. */
  const storedNew = (input: Readonly<Record<string, unknown>>): Record<string, unknown> => {
    const data: Record<string, unknown> = {};
    for (const field of fields) {
      const value = Object.hasOwn(input, field.key) ? input[field.key] : defaultValue(field);
      if (value !== null && value !== undefined) data[field.key] = value;
    }
    return data;
  };
  const defaultValue = (field: FieldDefinition): unknown => {
    const fallback = field.default;
    if (fallback === undefined) return field.type === "status" ? field.options?.[0]?.value : undefined;
    if (fallback.kind === "literal") return fallback.value;
    if (fallback.kind === "current_user") return caller.userId;
    return field.type === "date" ? todayIn(caller.timezone, caller.now) : now();
  };

  /** The first of `keys` (already ordered) a grant does not let the caller write. */
  const uncovered = (grant: EffectiveGrant, keys: readonly string[]) =>
    grant.fields === null ? undefined : keys.find((key) => !grant.fields?.has(key));

  return {
    grants,
    allows: (action) => of(action).length > 0,
    rowRule: (action, transitionKey) => anyOf(of(action, transitionKey).map((grant) => grant.rows)),
    canRead(entity) {
      return of("read").some((grant) => matches(grant.rows, entity));
    },
    readableRows(entities) {
      const rule = anyOf(of("read").map((grant) => grant.rows));
      return entities.filter((entity) => matches(rule, entity));
    },
    readableFields,
    readsEverything: readableFields === null && anyOf(of("read").map((grant) => grant.rows)) === true,
    writableFields: (action) => fieldUnion(action),
    projectEntity(entity) {
      if (readable === null) return entity;
      const data = Object.fromEntries(Object.entries(entity.data).filter(([key]) => readable.has(key)));
      return { ...entity, data };
    },
    hiddenField({ filter, sort }) {
      const paths = [...(filter ? filterPaths(filter) : []), ...(sort ?? []).map((key) => key.field)];
      return paths.find((path) => {
        const [head = path, ...rest] = path.split(".");
        if (readable !== null && byKey.has(head) && !readable.has(head)) return true;
        return rest.length > 0 && byKey.get(head)?.type === "reference" && !ctx.referencedReadsEverything?.(head);
      });
    },
    canCreate(data, options = {}) {
      const candidates = of("create");
      if (candidates.length === 0) return { allowed: false, rule: "permission" };
      const written = sortedKeys(data);
      let firstUncovered: string | undefined;
      let covered = false;
      for (const grant of candidates) {
        const missing = uncovered(grant, written);
        if (missing !== undefined) {
          firstUncovered ??= missing;
          continue;
        }
        covered = true;
        const input: Record<string, unknown> = { ...data };
        for (const [key, preset] of Object.entries(grant.presets ?? {})) {
          const field = byKey.get(key);
          if (field) input[key] = resolvePreset(field, preset, caller);
        }
        const stored = storedNew(input);
        const at = now();
        const entity = {
          id: options.id ?? NIL_UUID,
          created_at: at,
          created_by: caller.userId,
          updated_at: at,
          updated_by: caller.userId,
          version: 1,
          data: stored,
        } as FilterEntity as E;
        if (matches(grant.validation, entity)) return { allowed: true, data: stored };
      }
      return refuseWrite(covered, firstUncovered);
    },
    canUpdate(entity, patch) {
      const candidates = of("update");
      if (candidates.length === 0) return { allowed: false, rule: "permission" };
      const inRows = candidates.filter((grant) => matches(grant.rows, entity));
      if (inRows.length === 0) return { allowed: false, rule: "row_rule" };
      // Every key of the patch counts as written, even with the value it already has:
      // otherwise acceptance would tell whether a hidden value equals a guess.
      const written = sortedKeys(patch);
      const data: Record<string, unknown> = { ...entity.data };
      for (const [key, value] of Object.entries(patch)) {
        if (value === null || value === undefined) delete data[key];
        else data[key] = value;
      }
      const result = { ...entity, data, version: entity.version + 1, updated_at: now(), updated_by: caller.userId };
      let firstUncovered: string | undefined;
      let covered = false;
      for (const grant of inRows) {
        const missing = uncovered(grant, written);
        if (missing !== undefined) {
          firstUncovered ??= missing;
          continue;
        }
        covered = true;
        if (matches(grant.validation, result)) return { allowed: true, data };
      }
      return refuseWrite(covered, firstUncovered);
    },
    canDelete(entity) {
      const candidates = of("delete");
      if (candidates.length === 0) return { allowed: false, rule: "permission" };
      return candidates.some((grant) => matches(grant.rows, entity)) ? { allowed: true } : { allowed: false, rule: "row_rule" };
    },
    canTransition(entity, transitionKey) {
      const candidates = of("transition", transitionKey);
      if (candidates.length === 0) return { allowed: false, rule: "permission" };
      return candidates.some((grant) => matches(grant.rows, entity)) ? { allowed: true } : { allowed: false, rule: "row_rule" };
    },
  };
}
