import { Box, Flex, Td, Tr, Typography } from '@strapi/design-system';
import { useIntl } from 'react-intl';

import type { TemplateVersion } from '../../../../../shared/contracts/templates';
import type { StageRule } from '../../../../../shared/vocabulary';
import { useDirectoryEntries } from '../../../components/DirectoryPicker';
import { ListTable } from '../../../components/ListTable';
import { useT, type T } from '../../../utils/use-t';
import { TIME_UNITS } from './form';
import { expiryLabel } from './StagesEditor';

/** "90 minutes", "2 hours", "3 days": the largest unit that gives a whole number. */
const spanText = (t: T, minutes: number) =>
  minutes % TIME_UNITS.days === 0
    ? t('templates.span.days', '{n, plural, one {# day} other {# days}}', { n: minutes / TIME_UNITS.days })
    : minutes % TIME_UNITS.hours === 0
      ? t('templates.span.hours', '{n, plural, one {# hour} other {# hours}}', { n: minutes / TIME_UNITS.hours })
      : t('templates.span.minutes', '{n, plural, one {# minute} other {# minutes}}', { n: minutes });

/** One line per stage: its name, obligations, criteria and time span. */
export const stageSummary = (t: T, stage: StageRule) =>
  [
    stage.name,
    t('templates.summary.obligations', '{n, plural, one {# obligation} other {# obligations}}', { n: stage.obligations.length }),
    stage.criteria === 0
      ? t('templates.summary.all', 'all must approve')
      : t('templates.summary.criteria', '{n, plural, one {# approval closes it} other {# approvals close it}}', { n: stage.criteria }),
    stage.timeSpanMinutes === null
      ? t('templates.summary.no-limit', 'no time limit')
      : t('templates.summary.limit', '{span}, then: {action}', { span: spanText(t, stage.timeSpanMinutes), action: expiryLabel(t, stage.onExpiry) }),
  ].join(' · ');

/** The versions of a template, newest first, each with who saved it, when, and its stages. */
export const Versions = ({ versions }: { versions: TemplateVersion[] }) => {
  const t = useT();
  const { formatDate } = useIntl();
  const editors = useDirectoryEntries(
    'admin',
    versions.flatMap((v) => (v.editedBy?.startsWith('admin:') ? [v.editedBy] : []))
  );
  const columns = [
    t('templates.versions.version', 'Version'),
    t('templates.versions.edited-by', 'Edited by'),
    t('templates.versions.date', 'Date'),
    t('templates.versions.stages', 'Stages'),
  ];
  return (
    <Box background="neutral0" hasRadius shadow="tableShadow" padding={6}>
      <Flex direction="column" alignItems="stretch" gap={4}>
        <Typography variant="delta" tag="h2">
          {t('templates.versions', 'Versions')}
        </Typography>
        <Typography textColor="neutral600">
          {t('templates.versions.note', 'Every save makes a new version. Open requests keep the version they started with; new requests use the latest.')}
        </Typography>
        <ListTable columns={columns} rowCount={versions.length}>
            {versions.map((version) => (
              <Tr key={version.version} data-version={version.version}>
                <Td>
                  <Typography textColor="neutral800">{version.version}</Typography>
                </Td>
                <Td>
                  <Typography textColor="neutral800">
                    {(version.editedBy && editors[version.editedBy]?.name) ?? version.editedBy ?? '—'}
                  </Typography>
                </Td>
                <Td>
                  <Typography textColor="neutral800">{formatDate(version.createdAt, { dateStyle: 'medium', timeStyle: 'short' })}</Typography>
                </Td>
                <Td style={{ whiteSpace: 'normal' }}>
                  <ol style={{ margin: 0, paddingLeft: '1.5rem', listStyle: 'decimal' }}>
                    {version.rule.stages.map((stage, index) => (
                      <li key={index}>
                        <Typography variant="pi" textColor="neutral800">
                          {stageSummary(t, stage)}
                        </Typography>
                      </li>
                    ))}
                  </ol>
                </Td>
              </Tr>
            ))}
          </ListTable>
      </Flex>
    </Box>
  );
};
