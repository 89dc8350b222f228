import { Badge, Flex } from '@strapi/design-system';
import { useTable } from '@strapi/strapi/admin';

import { operationLabel } from '../components/labels';
import { getTranslation } from '../utils/translations';
import { useT } from '../utils/use-t';
import { usePendingEntries } from './data';

/**
 * The "Approval" cell of a list-view row: "Pending" with the operation for an entry with a pending
 * request. Every cell of the page asks with the ids of the whole page (the table's rows), so the
 * page makes one `/entries/pending` call, shared by its cells.
 */
const ApprovalCell = ({ model, documentId }: { model: string; documentId: string }) => {
  const t = useT();
  const ids = useTable('ApprovalCell', (state) => state.rows.map((row) => String((row as { documentId?: string }).documentId ?? '')).filter(Boolean).join(','));
  const pending = usePendingEntries(model, ids ? ids.split(',') : []);
  const requests = pending.state === 'loaded' ? (pending.data.find((entry) => entry.documentId === documentId)?.requests ?? []) : [];
  if (!requests.length) return null;
  return (
    <Flex gap={1} wrap="wrap">
      {requests.map((request) => (
        <Badge key={request.id} backgroundColor="warning100" textColor="warning700">
          {t('cm.list.pending', 'Pending: {operation}', { operation: operationLabel(t, request.operation).toLowerCase() })}
        </Badge>
      ))}
    </Flex>
  );
};

interface ListHookArgs<Header, Layout> {
  displayedHeaders: Header[];
  layout: Layout;
}

/** The content manager's `inject-column-in-table` hook: an "Approval" column at the end of the list. */
export const addApprovalColumn = <Header, Layout>({ displayedHeaders, layout }: ListHookArgs<Header, Layout>) => ({
  displayedHeaders: [
    ...displayedHeaders,
    {
      attribute: { type: 'custom' },
      name: 'approval',
      label: { id: getTranslation('cm.list.column'), defaultMessage: 'Approval' },
      searchable: false,
      sortable: false,
      cellFormatter: (row: { documentId: string }, _header: unknown, meta: { model: string }) => (
        <ApprovalCell model={meta.model} documentId={row.documentId} />
      ),
    } as Header,
  ],
  layout,
});
