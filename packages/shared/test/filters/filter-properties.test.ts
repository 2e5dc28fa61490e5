import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { type EvaluationContext, matchesFilter, sortEntities, validateFilter, validateSort } from "../../src/index.ts";
import { blueprintArb, entityArb, filterArb, referencedOf, sortArb } from "./arbitraries.ts";
import { uuid } from "./fixtures.ts";

/** A blueprint, entities of it, and the referenced entities they may point to. */
const worldArb = blueprintArb.chain((blueprint) =>
  fc.record({
    blueprint: fc.constant(blueprint),
    entities: fc.array(entityArb(blueprint.fields), { minLength: 1, maxLength: 6 }),
    targets: fc.tuple(
      entityArb(blueprint.targetFields, fc.constant(uuid(201))),
      entityArb(blueprint.targetFields, fc.constant(uuid(202))),
    ),
  }),
);

describe("filter properties", () => {
  test("generated filters are valid, and not f selects exactly what f does not", () => {
    fc.assert(
      fc.property(
        worldArb.chain((world) => fc.record({ world: fc.constant(world), filter: filterArb(world.blueprint, 5) })),
        ({ world, filter }) => {
          const { blueprint, entities, targets } = world;
          const referenced = referencedOf(blueprint);
          expect(validateFilter(filter, blueprint.fields, referenced)).toEqual([]);
          expect(validateFilter({ not: filter }, blueprint.fields, referenced)).toEqual([]);
          const ctx: EvaluationContext = {
            fields: blueprint.fields,
            referencedFields: referenced,
            resolve: (key, id) => (key === "f_reference" ? targets.find((t) => t.id === id) : undefined),
          };
          for (const entity of entities) {
            expect(matchesFilter(filter, entity, ctx)).toBe(!matchesFilter({ not: filter }, entity, ctx));
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  test("sorting is a total order: any input order gives the same result", () => {
    fc.assert(
      fc.property(
        worldArb.chain((world) =>
          fc.record({
            world: fc.constant(world),
            sort: sortArb(world.blueprint),
            seed: fc.array(fc.nat(), { minLength: 6, maxLength: 6 }),
          }),
        ),
        ({ world, sort, seed }) => {
          const { blueprint, targets } = world;
          const entities = world.entities.map((e, i) => ({ ...e, id: uuid(i + 10) }));
          const referenced = referencedOf(blueprint);
          expect(validateSort(sort, blueprint.fields, referenced)).toEqual([]);
          const ctx: EvaluationContext = {
            fields: blueprint.fields,
            referencedFields: referenced,
            resolve: (_key, id) => targets.find((t) => t.id === id),
          };
          const shuffled = entities
            .map((e, i) => ({ e, k: seed[i] ?? 0 }))
            .sort((a, b) => a.k - b.k)
            .map(({ e }) => e);
          expect(sortEntities(shuffled, sort, ctx)).toEqual(sortEntities(entities, sort, ctx));
        },
      ),
      { numRuns: 200 },
    );
  });
});
