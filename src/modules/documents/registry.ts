// Every document kind by its code, for what crosses kinds: a refusal naming the
// documents of other kinds that block it (blockers.ts). Each domain registers its kinds
// where it lists them (purchasing/kinds.ts, sales/kinds.ts); the documents module never
// imports a domain.
import type { DocumentKind } from './documents.types.js';

const byCode = new Map<string, DocumentKind>();

/** Registers a domain's kinds and hands the list back; a code registered twice is a bug. */
export function registerKinds(kinds: DocumentKind[]): DocumentKind[] {
  for (const k of kinds) {
    const known = byCode.get(k.kind);
    if (known && known !== k) throw new Error(`document kind ${k.kind} registered twice`);
    byCode.set(k.kind, k);
  }
  return kinds;
}

export const kindByCode = (code: string): DocumentKind | undefined => byCode.get(code);
