import { type ComponentType, useEffect, useState } from 'react';
import type { DocKind, KindUi } from './kinds';

const NONE: KindUi = {};

const loadUi = (kind: DocKind): Promise<KindUi> => (kind.ui ? kind.ui().then((m) => m.default) : Promise.resolve(NONE));

/** The page chunk of a kind: the shared document pages with what its folder adds. */
export function kindPage(kind: DocKind): () => Promise<{ default: ComponentType }> {
  return async () => {
    const [{ DocumentRoutes }, ui] = await Promise.all([import('./DocumentPage'), loadUi(kind)]);
    return { default: () => <DocumentRoutes kind={kind} ui={ui} /> };
  };
}

/** A kind's React pieces for a page that does not load them with its chunk (print); null until loaded. */
export function useKindUi(kind: DocKind | undefined): KindUi | null {
  const [loaded, setLoaded] = useState<{ kind: DocKind; ui: KindUi } | null>(null);
  useEffect(() => {
    if (!kind) return;
    let live = true;
    void loadUi(kind).then((ui) => live && setLoaded({ kind, ui }));
    return () => {
      live = false;
    };
  }, [kind]);
  return loaded && loaded.kind === kind ? loaded.ui : null;
}
