import { Box, Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { styled } from 'styled-components';

import type { DiffEntryView } from '../../../shared/contracts/requests';
import type { T } from '../utils/use-t';
import { useT } from '../utils/use-t';

const Value = styled(Typography)`
  white-space: pre-wrap;
  word-break: break-word;
`;

const Code = styled.pre`
  margin: 0;
  font-family: 'SF Mono', SFMono-Regular, ui-monospace, Menlo, Consolas, monospace;
  font-size: 1.2rem;
  white-space: pre-wrap;
  word-break: break-word;
`;

/** One side of a change, readable: text as text, numbers and booleans as written, objects as formatted JSON. */
const DiffValue = ({ value, missing }: { value: unknown; missing: string }) => {
  if (value === undefined || value === null) {
    return (
      <Typography textColor="neutral500" style={{ fontStyle: 'italic' }}>
        {missing}
      </Typography>
    );
  }
  if (typeof value === 'string') return <Value textColor="neutral800">{value === '' ? '""' : value}</Value>;
  if (typeof value === 'number' || typeof value === 'boolean') return <Value textColor="neutral800">{String(value)}</Value>;
  return <Code>{JSON.stringify(value, null, 2)}</Code>;
};

const kindLabel = (t: T, kind: DiffEntryView['kind']) =>
  kind === 'added'
    ? t('diff.kind.added', 'added')
    : kind === 'removed'
      ? t('diff.kind.removed', 'removed')
      : t('diff.kind.changed', 'changed');

const isEmptyList = (value: unknown) => Array.isArray(value) && value.length === 0;

/**
 * The content manager sends an untouched relation as `{ connect: [], disconnect: [] }`, which
 * changes nothing; the server's diff still lists it (the proposal is not normalised yet), so the
 * page leaves it out rather than show approvers a change that is not one.
 */
export const isNoopRelationChange = (entry: DiffEntryView): boolean => {
  const after = entry.after;
  if (entry.kind !== 'changed' || after === null || typeof after !== 'object' || Array.isArray(after)) return false;
  const keys = Object.keys(after);
  return (
    keys.length > 0 &&
    keys.every((key) => (key === 'connect' || key === 'disconnect') && isEmptyList((after as Record<string, unknown>)[key]))
  );
};

/** Base → proposal, one row per changed field (the server lists only what changes). */
export const DiffTable = ({ diff: all }: { diff: DiffEntryView[] }) => {
  const t = useT();
  const diff = all.filter((entry) => !isNoopRelationChange(entry));
  if (diff.length === 0) {
    return <Typography textColor="neutral600">{t('diff.empty', 'Approving this request changes no field.')}</Typography>;
  }
  return (
    <Table colCount={3} rowCount={diff.length + 1}>
      <Thead>
        <Tr>
          <Th>
            <Typography variant="sigma" textColor="neutral600">
              {t('diff.field', 'Field')}
            </Typography>
          </Th>
          <Th>
            <Typography variant="sigma" textColor="neutral600">
              {t('diff.before', 'Before')}
            </Typography>
          </Th>
          <Th>
            <Typography variant="sigma" textColor="neutral600">
              {t('diff.after', 'After (proposed)')}
            </Typography>
          </Th>
        </Tr>
      </Thead>
      <Tbody>
        {diff.map((entry) => (
          <Tr key={`${entry.kind}:${entry.path}`} data-diff-path={entry.path}>
            <Td style={{ verticalAlign: 'top', width: '20%' }}>
              <Box paddingTop={2} paddingBottom={2}>
                <Typography fontWeight="semiBold" textColor="neutral800">
                  {entry.path || t('diff.whole-entry', '(the whole entry)')}
                </Typography>
                <Typography variant="pi" textColor="neutral600" tag="p">
                  {kindLabel(t, entry.kind)}
                </Typography>
              </Box>
            </Td>
            <Td style={{ verticalAlign: 'top', width: '40%', whiteSpace: 'normal' }} data-diff-side="before">
              <Box paddingTop={2} paddingBottom={2} background={entry.kind === 'added' ? undefined : 'danger100'} padding={2} hasRadius>
                <DiffValue value={entry.before} missing={t('diff.none', '(none)')} />
              </Box>
            </Td>
            <Td style={{ verticalAlign: 'top', width: '40%', whiteSpace: 'normal' }} data-diff-side="after">
              <Box paddingTop={2} paddingBottom={2} background={entry.kind === 'removed' ? undefined : 'success100'} padding={2} hasRadius>
                <DiffValue value={entry.after} missing={t('diff.removed', '(removed)')} />
              </Box>
            </Td>
          </Tr>
        ))}
      </Tbody>
    </Table>
  );
};
