// The order to undo what blocks a document (P6, issue 9.4), as a plain function of the
// graph: each document comes after every document that blocks it — a blocker's own
// blockers first, depth-first — and among siblings the newest-audited first (an
// unaudited one, to delete, before them), then the later number: the reverse of the
// order they were audited, which is always a way back.

export interface UndoNode {
  id: string;
  number: string;
  /** When it was audited (ms); null for an unaudited one. */
  auditedAt: number | null;
}

const newestFirst = (a: UndoNode, b: UndoNode) =>
  (b.auditedAt ?? Number.POSITIVE_INFINITY) - (a.auditedAt ?? Number.POSITIVE_INFINITY) || b.number.localeCompare(a.number);

/**
 * The ids of everything reachable from `root` through `blockedBy` (document id → the
 * documents that block it), in undo order, the root itself left out. A cycle (which
 * no posting can make) does not loop: each document is listed once.
 */
export function undoOrder(root: string, blockedBy: ReadonlyMap<string, readonly UndoNode[]>): string[] {
  const order: string[] = [];
  const visited = new Set<string>([root]);
  const visit = (id: string) => {
    for (const n of [...(blockedBy.get(id) ?? [])].sort(newestFirst)) {
      if (visited.has(n.id)) continue;
      visited.add(n.id);
      visit(n.id);
      order.push(n.id);
    }
  };
  visit(root);
  return order;
}
