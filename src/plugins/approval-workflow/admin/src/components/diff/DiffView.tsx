import { Badge, Box, Flex, Typography } from '@strapi/design-system';
import { styled } from 'styled-components';

import type { DiffEntryView, RequestDetail } from '../../../../shared/contracts/requests';
import type { T } from '../../utils/use-t';
import { useT } from '../../utils/use-t';
import { DiffValue } from './DiffValue';
import { type DiffNode, type FieldChange, diffTree } from './tree';

/** Which values the diff shows: both sides of a change, only the proposal (a create), only the entry as it is (a delete). */
type Columns = 'both' | 'after' | 'before';

const Row = styled.div<{ $columns: Columns }>`
  display: grid;
  grid-template-columns: ${({ $columns }) => ($columns === 'both' ? 'minmax(14rem, 1fr) 2fr 2fr' : 'minmax(14rem, 1fr) 4fr')};
  gap: ${({ theme }) => theme.spaces[4]};
  padding: ${({ theme }) => `${theme.spaces[3]} 0`};
  border-bottom: 1px solid ${({ theme }) => theme.colors.neutral150};
`;

const Cell = styled.div<{ $tone?: 'danger' | 'success' }>`
  min-width: 0;
  padding: ${({ theme }) => theme.spaces[2]};
  border-radius: ${({ theme }) => theme.borderRadius};
  background: ${({ theme, $tone }) =>
    $tone === 'danger' ? theme.colors.danger100 : $tone === 'success' ? theme.colors.success100 : 'transparent'};
`;

const Group = styled.div`
  margin: ${({ theme }) => `${theme.spaces[3]} 0`};
  padding-left: ${({ theme }) => theme.spaces[4]};
  border-left: 3px solid ${({ theme }) => theme.colors.primary200};
`;

const KIND_VARIANTS = { added: 'success', removed: 'danger', changed: 'secondary' } as const;

const kindLabel = (t: T, kind: DiffEntryView['kind']) =>
  kind === 'added'
    ? t('diff.kind.added', 'added')
    : kind === 'removed'
      ? t('diff.kind.removed', 'removed')
      : t('diff.kind.changed', 'changed');

const Field = ({ change, columns }: { change: FieldChange; columns: Columns }) => {
  const t = useT();
  // The server hides what a private field holds: a change with nothing on either side.
  const hidden = change.kind === 'changed' && change.before === null && change.after === null;
  return (
    <Row $columns={columns} data-diff-path={change.path} data-diff-kind={change.kind} data-diff-type={change.type}>
      <Cell>
        <Typography fontWeight="semiBold" textColor="neutral800" tag="p">
          {change.label || t('diff.whole-entry', '(the whole entry)')}
        </Typography>
        {columns === 'both' ? (
          <Badge variant={KIND_VARIANTS[change.kind]} size="S">
            {kindLabel(t, change.kind)}
          </Badge>
        ) : null}
      </Cell>
      {columns !== 'after' ? (
        <Cell
          role="group"
          aria-label={columns === 'before' ? t('diff.current', 'Current value') : t('diff.before', 'Before')}
          data-diff-side="before"
          $tone={change.kind === 'added' || columns === 'before' ? undefined : 'danger'}
        >
          <DiffValue type={change.type} value={change.before} other={change.after} side="before" hidden={hidden} />
        </Cell>
      ) : null}
      {columns !== 'before' ? (
        <Cell
          role="group"
          aria-label={columns === 'after' ? t('diff.proposed', 'Proposed value') : t('diff.after', 'After (proposed)')}
          data-diff-side="after"
          $tone={change.kind === 'removed' || columns === 'after' ? undefined : 'success'}
        >
          <DiffValue type={change.type} value={change.after} other={change.before} side="after" hidden={hidden} />
        </Cell>
      ) : null}
    </Row>
  );
};

const Nodes = ({ nodes, columns }: { nodes: DiffNode[]; columns: Columns }) => (
  <>
    {nodes.map((node) =>
      node.node === 'field' ? (
        <Field key={node.key} change={node.change} columns={columns} />
      ) : (
        <Group key={node.key} role="group" aria-label={node.label} data-diff-group={node.label}>
          <Typography variant="omega" fontWeight="bold" textColor="primary700" tag="h3">
            {node.label}
          </Typography>
          <Nodes nodes={node.children} columns={columns} />
        </Group>
      )
    )}
  </>
);

const Heading = ({ children }: { children: string }) => (
  <Typography variant="sigma" textColor="neutral600">
    {children}
  </Typography>
);

/** What the diff shows, said while the request waits for a decision, or once it is closed. */
const summaryOf = (t: T, operation: RequestDetail['operation'], count: number, pending: boolean) => {
  if (operation === 'create') {
    return pending
      ? t('diff.header.create', 'A new entry: approving creates it with these fields.')
      : t('diff.header.create-closed', 'A new entry, proposed with these fields.');
  }
  if (operation === 'delete') {
    return pending
      ? t('diff.header.delete', 'A deletion: approving deletes the entry as it is shown here.')
      : t('diff.header.delete-closed', 'A deletion of the entry as it is shown here.');
  }
  return pending
    ? t('diff.header.changes', '{count, plural, one {# field changes} other {# fields change}} when this request is approved.', { count })
    : t('diff.header.changes-closed', '{count, plural, one {# field was} other {# fields were}} proposed to change.', { count });
};

/**
 * Base → proposal field by field: exactly what approving would change, grouped under the
 * components and dynamic-zone items the fields are in. A create shows every proposed field, a
 * delete the entry as it is, and the header says which (and, once the request is closed, that
 * these were proposed).
 */
export const DiffView = ({
  diff,
  operation,
  pending = true,
}: {
  diff: DiffEntryView[];
  operation: RequestDetail['operation'];
  pending?: boolean;
}) => {
  const t = useT();
  const columns: Columns = operation === 'create' ? 'after' : operation === 'delete' ? 'before' : 'both';
  const summary = summaryOf(t, operation, diff.length, pending);
  return (
    <Flex direction="column" alignItems="stretch" gap={2} data-diff-operation={operation}>
      <Typography textColor="neutral700" tag="p" data-diff-summary>
        {summary}
      </Typography>
      {diff.length === 0 ? (
        <Typography textColor="neutral600">{t('diff.empty', 'Approving this request changes no field.')}</Typography>
      ) : (
        <Box>
          {/* The column headings, for the eye: each value cell names its side for screen readers. */}
          <Row $columns={columns} aria-hidden>
            <Heading>{t('diff.field', 'Field')}</Heading>
            {columns !== 'after' ? (
              <Heading>{columns === 'before' ? t('diff.current', 'Current value') : t('diff.before', 'Before')}</Heading>
            ) : null}
            {columns !== 'before' ? (
              <Heading>{columns === 'after' ? t('diff.proposed', 'Proposed value') : t('diff.after', 'After (proposed)')}</Heading>
            ) : null}
          </Row>
          <Nodes nodes={diffTree(diff)} columns={columns} />
        </Box>
      )}
    </Flex>
  );
};
