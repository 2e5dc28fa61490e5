import { describe, expect, test } from "vitest";
import { functionArgs } from "../../src/gen-types/catalog.ts";
import { parseNodeTree, tokenize, viewTargetOrigins } from "../../src/gen-types/node-tree.ts";

describe("tokenize splits pg_node_tree text as pg_strtok does", () => {
  test.each([
    { name: "braces and parens are tokens", text: "({A :x 1})", tokens: ["(", "{", "A", ":x", "1", "}", ")"] },
    { name: "a backslash keeps a space in a name", text: ":resname we\\ ird", tokens: [":resname", "we ird"] },
    { name: "escaped braces stay in the token", text: "a\\{b\\}", tokens: ["a{b}"] },
    { name: "runs of whitespace separate", text: "  a \n\tb  ", tokens: ["a", "b"] },
    { name: "<> is a token of its own", text: ":alias <>", tokens: [":alias", "<>"] },
  ])("$name", ({ text, tokens }) => {
    expect(tokenize(text).map((t) => t.token)).toEqual(tokens);
  });
});

describe("parseNodeTree reads nodes, lists, nulls and datums", () => {
  test.each([
    {
      name: "a node with fields",
      text: "{ALIAS :aliasname old :colnames <>}",
      value: { type: "ALIAS", fields: { aliasname: "old", colnames: null } },
    },
    { name: "a list of strings", text: '("id" "we\\ ird")', value: ['"id"', '"we ird"'] },
    { name: "a bitmapset", text: "(b 8 9)", value: ["b", "8", "9"] },
    {
      name: "a Const datum's bytes are skipped",
      text: "{CONST :consttype 23 :constlen 4 :constvalue 4 [ 42 0 0 0 0 0 0 0 ] :location 7}",
      value: { type: "CONST", fields: { consttype: "23", constlen: "4", constvalue: "4", location: "7" } },
    },
    {
      name: "a value starting with a colon is still a value",
      text: "{TARGETENTRY :resname :odd :resno 1}",
      value: { type: "TARGETENTRY", fields: { resname: ":odd", resno: "1" } },
    },
    {
      name: "an escaped closing brace is not the end of a node",
      text: "{A :name x\\}y}",
      value: { type: "A", fields: { name: "x}y" } },
    },
  ])("$name", ({ text, value }) => {
    expect(parseNodeTree(text)).toEqual(value);
  });

  test.each([
    { name: "an unclosed node", text: "{A :x 1" },
    { name: "a field without a colon", text: "{A x 1}" },
    { name: "trailing tokens", text: "{A :x 1} 2" },
  ])("refuses $name", ({ text }) => {
    expect(() => parseNodeTree(text)).toThrow(/pg_node_tree/);
  });
});

test("viewTargetOrigins reads which table column each view column comes from", () => {
  // Shape of `create view v as select id, name as "we ird", 1 as one from tenants` in PG 15.
  const evAction =
    "({QUERY :commandType 1 :querySource 0 :canSetTag true :utilityStmt <> :rtable ({RANGETBLENTRY :alias <> " +
    ':eref {ALIAS :aliasname tenants :colnames ("id" "name")} :rtekind 0 :relid 18587 :relkind r :selectedCols (b 8 9)}) ' +
    ":jointree {FROMEXPR :fromlist ({RANGETBLREF :rtindex 3}) :quals <>} :targetList (" +
    "{TARGETENTRY :expr {VAR :varno 3 :varattno 1 :vartype 2950 :vartypmod -1 :location 35} :resno 1 :resname id " +
    ":ressortgroupref 0 :resorigtbl 18587 :resorigcol 1 :resjunk false} " +
    "{TARGETENTRY :expr {VAR :varno 3 :varattno 2 :vartype 25 :location 39} :resno 2 :resname we\\ ird " +
    ":ressortgroupref 0 :resorigtbl 18587 :resorigcol 2 :resjunk false} " +
    "{TARGETENTRY :expr {CONST :consttype 23 :consttypmod -1 :constcollid 0 :constlen 4 :constbyval true " +
    ":constisnull false :location 60 :constvalue 4 [ 1 0 0 0 0 0 0 0 ]} :resno 3 :resname one :ressortgroupref 0 " +
    ":resorigtbl 0 :resorigcol 0 :resjunk false}) :override 0 :onConflict <> :stmt_location 0 :stmt_len 0})";
  expect(viewTargetOrigins(evAction)).toEqual([
    { resno: 1, originRelationId: 18587, originColumn: 1 },
    { resno: 2, originRelationId: 18587, originColumn: 2 },
    { resno: 3, originRelationId: 0, originColumn: 0 },
  ]);
});

describe("functionArgs gives defaults to the trailing input arguments only", () => {
  test.each([
    {
      name: "all IN, none defaulted",
      raw: { types: [2950, 25], modes: null, names: ["p_id", "p_q"], inputCount: 2, defaultCount: 0 },
      args: [
        { mode: "in", name: "p_id", typeId: 2950, hasDefault: false },
        { mode: "in", name: "p_q", typeId: 25, hasDefault: false },
      ],
    },
    {
      name: "the last IN defaulted",
      raw: { types: [2950, 23], modes: null, names: ["p_id", "p_limit"], inputCount: 2, defaultCount: 1 },
      args: [
        { mode: "in", name: "p_id", typeId: 2950, hasDefault: false },
        { mode: "in", name: "p_limit", typeId: 23, hasDefault: true },
      ],
    },
    {
      name: "an OUT argument before a defaulted IN is skipped when counting",
      raw: { types: [23, 25], modes: ["o", "i"], names: ["total", "p_q"], inputCount: 1, defaultCount: 1 },
      args: [
        { mode: "out", name: "total", typeId: 23, hasDefault: false },
        { mode: "in", name: "p_q", typeId: 25, hasDefault: true },
      ],
    },
    {
      name: "TABLE columns and unnamed arguments",
      raw: { types: [3802, 2950], modes: ["i", "t"], names: ["", "id"], inputCount: 1, defaultCount: 0 },
      args: [
        { mode: "in", name: "", typeId: 3802, hasDefault: false },
        { mode: "table", name: "id", typeId: 2950, hasDefault: false },
      ],
    },
    {
      name: "variadic and inout count as input",
      raw: { types: [25, 1009], modes: ["b", "v"], names: ["a", "rest"], inputCount: 2, defaultCount: 1 },
      args: [
        { mode: "inout", name: "a", typeId: 25, hasDefault: false },
        { mode: "variadic", name: "rest", typeId: 1009, hasDefault: true },
      ],
    },
  ])("$name", ({ raw, args }) => {
    expect(functionArgs(raw)).toEqual(args);
  });
});
