import { expect, test } from "vitest";
import type { CatalogRelationship } from "../../src/gen-types/catalog.ts";
import { type TableRelationship, type ViewDefinition, viewRelationships } from "../../src/gen-types/relationships.ts";

// Relation ids of a small schema: tenants(id), projects(id, tenant_id -> tenants.id).
const TENANTS = 100;
const PROJECTS = 200;

/** A view whose columns are taken from (relation, attnum) pairs; [0, 0] is a computed column. */
function view(id: number, name: string, columns: [string, number, number][]): ViewDefinition {
  const entries = columns
    .map(
      ([col, rel, att], i) =>
        `{TARGETENTRY :expr <> :resno ${i + 1} :resname ${col} :resorigtbl ${rel} :resorigcol ${att} :resjunk false}`,
    )
    .join(" ");
  return {
    id,
    schema: "public",
    name,
    definition: `({QUERY :commandType 1 :targetList (${entries}) :override 0})`,
    columns: new Map(columns.map(([col], i) => [i + 1, col])),
  };
}

const projectsTenant: TableRelationship = {
  foreignKeyName: "projects_tenant_id_fkey",
  schema: "public",
  relation: "projects",
  relationId: PROJECTS,
  columns: ["tenant_id"],
  columnNumbers: [2],
  isOneToOne: false,
  referencedSchema: "public",
  referencedRelation: "tenants",
  referencedRelationId: TENANTS,
  referencedColumns: ["id"],
  referencedColumnNumbers: [1],
};

const rel = (r: Partial<CatalogRelationship>): CatalogRelationship => ({
  foreignKeyName: "projects_tenant_id_fkey",
  schema: "public",
  relation: "projects",
  columns: ["tenant_id"],
  isOneToOne: false,
  referencedSchema: "public",
  referencedRelation: "tenants",
  referencedColumns: ["id"],
  ...r,
});

test.each([
  {
    name: "a view showing the foreign key columns gets the key (view -> table)",
    views: [
      view(1, "open_projects", [
        ["id", PROJECTS, 1],
        ["owner", PROJECTS, 2],
      ]),
    ],
    expected: [rel({ relation: "open_projects", columns: ["owner"] })],
  },
  {
    name: "a view showing the referenced key is referenced (table -> view)",
    views: [
      view(2, "tenant_names", [
        ["tenant", TENANTS, 1],
        ["label", 0, 0],
      ]),
    ],
    expected: [rel({ referencedRelation: "tenant_names", referencedColumns: ["tenant"] })],
  },
  {
    name: "both sides through views (view -> table, table -> view, view -> view)",
    views: [view(1, "open_projects", [["tenant_id", PROJECTS, 2]]), view(2, "tenant_names", [["id", TENANTS, 1]])],
    expected: [
      rel({ relation: "open_projects" }),
      rel({ referencedRelation: "tenant_names" }),
      rel({ relation: "open_projects", referencedRelation: "tenant_names" }),
    ],
  },
  {
    name: "a view of a view is followed to the table",
    views: [view(1, "open_projects", [["tenant_id", PROJECTS, 2]]), view(3, "recent_projects", [["t", 1, 1]])],
    expected: [rel({ relation: "open_projects" }), rel({ relation: "recent_projects", columns: ["t"] })],
  },
  {
    name: "a column shown twice gives one relationship per view column",
    views: [
      view(1, "twice", [
        ["a", PROJECTS, 2],
        ["b", PROJECTS, 2],
      ]),
    ],
    expected: [rel({ relation: "twice", columns: ["a"] }), rel({ relation: "twice", columns: ["b"] })],
  },
  {
    name: "computed columns and other tables' columns give nothing",
    views: [
      view(1, "computed", [
        ["n", 0, 0],
        ["x", 999, 2],
      ]),
    ],
    expected: [],
  },
  {
    name: "views referring to each other do not loop",
    views: [view(1, "a", [["x", 2, 1]]), view(2, "b", [["y", 1, 1]])],
    expected: [],
  },
])("$name", ({ views, expected }) => {
  expect(viewRelationships([projectsTenant], views)).toEqual(expected);
});

test("a composite key counts only when the view shows every column of it", () => {
  const composite: TableRelationship = {
    ...projectsTenant,
    foreignKeyName: "member_roles_fkey",
    columns: ["tenant_id", "role_id"],
    columnNumbers: [2, 3],
  };
  const partial = view(1, "partial", [["tenant_id", PROJECTS, 2]]);
  const full = view(2, "full", [
    ["r", PROJECTS, 3],
    ["t", PROJECTS, 2],
  ]);
  expect(viewRelationships([composite], [partial, full])).toEqual([
    rel({ foreignKeyName: "member_roles_fkey", relation: "full", columns: ["t", "r"] }),
  ]);
});

test("an unreadable view definition names the view", () => {
  const broken: ViewDefinition = { ...view(1, "broken", []), definition: "({QUERY :targetList (" };
  expect(() => viewRelationships([projectsTenant], [broken])).toThrow(/view public\.broken/);
});
