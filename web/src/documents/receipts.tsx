import { DocumentRoutes } from './DocumentPage';
import { DOC_KINDS } from './kinds';

export default function Page() {
  return <DocumentRoutes kind={DOC_KINDS.receipts} />;
}
