/**
 * A reader for PostgreSQL's `pg_node_tree` text (what `pg_rewrite.ev_action` holds for
 * a view). PostgREST and postgres-meta read a view's target list from it to learn
 * which table column each view column comes from; that is how foreign keys of the
 * underlying tables become relationships of the view.
 */
export type NodeValue = string | null | NodeValue[] | PgNode;
export type PgNode = { type: string; fields: Record<string, NodeValue> };

/** Splits as PostgreSQL's `pg_strtok` does: parens and braces are tokens, `\` escapes. */
export function tokenize(text: string): { token: string; quoted: boolean }[] {
  const tokens: { token: string; quoted: boolean }[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i] as string;
    if (ch === " " || ch === "\n" || ch === "\t" || ch === "\r") {
      i++;
      continue;
    }
    if (ch === "(" || ch === ")" || ch === "{" || ch === "}") {
      tokens.push({ token: ch, quoted: false });
      i++;
      continue;
    }
    let token = "";
    let quoted = false;
    while (i < text.length) {
      const c = text[i] as string;
      if (c === " " || c === "\n" || c === "\t" || c === "\r" || c === "(" || c === ")" || c === "{" || c === "}") break;
      if (c === "\\" && i + 1 < text.length) {
        token += text[i + 1];
        quoted = true;
        i += 2;
        continue;
      }
      token += c;
      i++;
    }
    tokens.push({ token, quoted });
  }
  return tokens;
}

/** Parses a node tree into plain values: `<>` is null, lists are arrays, `{NODE :field value}` are nodes. */
export function parseNodeTree(text: string): NodeValue {
  const tokens = tokenize(text);
  let pos = 0;
  const peek = () => tokens[pos];
  const next = () => {
    const t = tokens[pos++];
    if (!t) throw new Error("pg_node_tree ended early");
    return t;
  };

  const value = (): NodeValue => {
    const t = next();
    if (!t.quoted && t.token === "{") return node();
    if (!t.quoted && t.token === "(") {
      const items: NodeValue[] = [];
      while (!(peek()?.token === ")" && !peek()?.quoted)) items.push(value());
      next();
      return items;
    }
    if (!t.quoted && t.token === "<>") return null;
    return t.token;
  };

  const node = (): PgNode => {
    const type = next().token;
    const fields: Record<string, NodeValue> = {};
    for (;;) {
      const t = next();
      if (!t.quoted && t.token === "}") return { type, fields };
      if (t.quoted || !t.token.startsWith(":")) throw new Error(`pg_node_tree: expected a field of ${type}, got "${t.token}"`);
      // Exactly one value follows a field name (it may itself start with ':').
      fields[t.token.slice(1)] = value();
      // Datums (Const.constvalue) add their bytes as `[ b b ... ]`.
      if (peek()?.token === "[" && !peek()?.quoted) {
        while (next().token !== "]") {
          /* skip the datum's bytes */
        }
      }
    }
  };

  const result = value();
  if (pos !== tokens.length) throw new Error("pg_node_tree: trailing tokens");
  return result;
}

export type TargetOrigin = { resno: number; originRelationId: number; originColumn: number };

/**
 * The output columns of a view's query and the table column each one is taken from
 * unchanged (`resorigtbl` is 0 for computed columns).
 */
export function viewTargetOrigins(evAction: string): TargetOrigin[] {
  const tree = parseNodeTree(evAction);
  const query = Array.isArray(tree) ? tree[0] : tree;
  if (!query || typeof query !== "object" || Array.isArray(query) || query.type !== "QUERY") {
    throw new Error("pg_node_tree: a view's rule action is not a QUERY");
  }
  const targets = query.fields.targetList;
  if (!Array.isArray(targets)) return [];
  return targets.flatMap((t) => {
    if (!t || typeof t !== "object" || Array.isArray(t) || t.type !== "TARGETENTRY") return [];
    return [
      {
        resno: Number(t.fields.resno),
        originRelationId: Number(t.fields.resorigtbl ?? 0),
        originColumn: Number(t.fields.resorigcol ?? 0),
      },
    ];
  });
}
