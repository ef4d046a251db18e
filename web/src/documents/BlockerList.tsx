import { ApiError } from '../api/client';
import { type I18n, useI18n } from '../i18n';
import { DocNumberLink } from './DocNumberLink';
import { kindName } from './kinds';

/** One document a refused 反审核 names (the API's UnauditBlocker). */
export interface Blocker {
  id: string;
  kind: string;
  kindName?: string;
  kindNameEn?: string;
  number: string;
  steps: ('unaudit' | 'delete')[];
}

/** The blockers of a refused un-audit, in the order to undo them; none for any other error. */
export function blockersOf(err: unknown): Blocker[] {
  if (!(err instanceof ApiError)) return [];
  const list = err.details?.blockers;
  if (!Array.isArray(list)) return [];
  return list.filter((b): b is Blocker => !!b && typeof b === 'object' && typeof b.id === 'string' && typeof b.number === 'string');
}

function stepText(b: Blocker, i18n: I18n) {
  const steps = b.steps?.length ? b.steps : (['unaudit'] as const);
  const text = steps.map((s) => i18n.t(s === 'delete' ? 'doc.blockerStep.delete' : 'doc.blockerStep.unaudit')).join(i18n.t('doc.blockerStepJoin'));
  const key = kindName(b.kind);
  const line = `${text} ${key ? i18n.t(key).toLowerCase() : i18n.pick(b.kindName, b.kindNameEn)}`;
  return line.charAt(0).toUpperCase() + line.slice(1);
}

/**
 * Issue 9.4: what stands in the way, each linked to its page, numbered in the order the
 * clerk undoes them — so the settlement is not discovered only after the return.
 */
export function BlockerList({ error }: { error: unknown }) {
  const i18n = useI18n();
  const blockers = blockersOf(error);
  if (blockers.length === 0) return null;
  const truncated = error instanceof ApiError && error.details?.truncated === true;
  return (
    <>
      <ol className="erp-blockers" data-testid="doc-blockers">
        {blockers.map((b) => (
          <li key={b.id} data-testid="doc-blocker" data-number={b.number}>
            {stepText(b, i18n)} <DocNumberLink kind={b.kind} documentId={b.id} number={b.number} />
          </li>
        ))}
      </ol>
      {truncated ? <div>{i18n.t('doc.blockersMore')}</div> : null}
    </>
  );
}
