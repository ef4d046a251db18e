import { Link } from 'react-router-dom';
import { docHref } from './kinds';

/** A document's number, linked to its page when its kind has one (ledgers, statements). */
export function DocNumberLink({ kind, documentId, number }: { kind?: string | null; documentId?: string | null; number?: string | null }) {
  const href = docHref(kind, documentId);
  return href && number ? <Link to={href}>{number}</Link> : (number ?? '');
}
