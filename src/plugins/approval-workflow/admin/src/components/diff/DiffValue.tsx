import { Box, Flex, Typography } from '@strapi/design-system';
import { useIntl } from 'react-intl';
import { styled } from 'styled-components';

import type { DiffValueType } from '../../../../shared/contracts/requests';
import { useT } from '../../utils/use-t';
import { MediaList, isMediaValue } from './MediaList';
import { RelationList, isRelationValue } from './RelationList';
import { blocksToText, markdownToText } from './readable';
import { Text, TextDiff } from './TextDiff';
import { diffWords } from './words';

export type Side = 'before' | 'after';

const Code = styled.pre`
  margin: 0;
  font-family: 'SF Mono', SFMono-Regular, ui-monospace, Menlo, Consolas, monospace;
  font-size: 1.2rem;
  white-space: pre-wrap;
  word-break: break-word;
  color: ${({ theme }) => theme.colors.neutral800};
`;

const TEXT_TYPES: ReadonlySet<DiffValueType> = new Set(['string', 'text', 'email', 'uid', 'richtext', 'blocks', 'enumeration']);

const asList = (value: unknown): unknown[] => (value === undefined || value === null ? [] : Array.isArray(value) ? value : [value]);

/** A text kind's value as the approver reads it (markdown and blocks without their markup); null when it is no text. */
const textOf = (type: DiffValueType, value: unknown): string | null => {
  if (type === 'blocks') return Array.isArray(value) ? blocksToText(value) : null;
  if (typeof value !== 'string') return null;
  return type === 'richtext' ? markdownToText(value) : value;
};

const Missing = () => {
  const t = useT();
  return (
    <Typography textColor="neutral500" style={{ fontStyle: 'italic' }}>
      {t('diff.none', '(none)')}
    </Typography>
  );
};

/** A value without a type to go by (inside a component shown whole, a key of a JSON field): as written, else as JSON. */
const Plain = ({ value }: { value: unknown }) => {
  if (value === undefined || value === null) return <Missing />;
  if (typeof value === 'string') return <Text>{value === '' ? '""' : value}</Text>;
  if (typeof value === 'number' || typeof value === 'boolean') return <Text>{String(value)}</Text>;
  if (isRelationValue(value)) return <Text>{value.title ?? value.documentId}</Text>;
  if (isMediaValue(value)) return <Text>{value.name}</Text>;
  return <Code>{JSON.stringify(value, null, 2)}</Code>;
};

const HIDDEN_KEYS = new Set(['id', '__component']);

/** A component (or each item of a dynamic zone) shown whole: its fields, one per line. */
const ComponentValue = ({ value }: { value: unknown }) => {
  const items = asList(value);
  if (items.length === 0) return <Missing />;
  return (
    <Flex direction="column" alignItems="stretch" gap={2}>
      {items.map((item, index) =>
        typeof item === 'object' && item !== null && !Array.isArray(item) ? (
          <Box key={index} tag="dl" padding={2} background="neutral100" hasRadius>
            {typeof (item as { __component?: unknown }).__component === 'string' ? (
              <Typography variant="sigma" textColor="neutral600" tag="p">
                {(item as { __component: string }).__component}
              </Typography>
            ) : null}
            {Object.entries(item)
              .filter(([key]) => !HIDDEN_KEYS.has(key))
              .map(([key, field]) => (
                <Flex key={key} gap={2} alignItems="flex-start">
                  <Typography tag="dt" variant="pi" fontWeight="semiBold" textColor="neutral700">
                    {key}
                  </Typography>
                  <Box tag="dd" margin={0}>
                    <Plain value={field} />
                  </Box>
                </Flex>
              ))}
          </Box>
        ) : (
          <Plain key={index} value={item} />
        )
      )}
    </Flex>
  );
};

/**
 * One side of a field's change, by the field's type: text with its words struck or added against
 * the other side, relations by their titles, media as thumbnails, components field by field,
 * booleans, numbers and dates as the admin writes them, JSON formatted.
 */
export const DiffValue = ({
  type,
  value,
  other,
  side,
  hidden = false,
}: {
  type: DiffValueType;
  value: unknown;
  other: unknown;
  side: Side;
  /** A private field (or a password): the server says that it changes, not what it holds. */
  hidden?: boolean;
}) => {
  const t = useT();
  const { formatDate, formatNumber } = useIntl();
  if (hidden || type === 'password') {
    return (
      <Typography textColor="neutral600" style={{ fontStyle: 'italic' }}>
        {t('diff.hidden', '(not shown: a private field)')}
      </Typography>
    );
  }
  if (value === undefined || value === null) return <Missing />;

  // A string of no known type (a key inside a JSON field) compares as text too.
  if (TEXT_TYPES.has(type) || (type === 'other' && typeof value === 'string')) {
    const text = textOf(type, value);
    const otherText = textOf(type, other);
    if (text !== null && otherText !== null) {
      const parts = side === 'before' ? diffWords(text, otherText) : diffWords(otherText, text);
      return <TextDiff parts={parts} side={side} />;
    }
    if (text !== null) return <Text>{text}</Text>;
  }

  switch (type) {
    case 'relation': {
      const values = asList(value).filter(isRelationValue);
      const others = new Set(
        asList(other)
          .filter(isRelationValue)
          .map((v) => `${v.uid}:${v.documentId}`)
      );
      const changed = new Set(values.map((v) => `${v.uid}:${v.documentId}`).filter((key) => !others.has(key)));
      return <RelationList values={values} changed={changed} side={side} />;
    }
    case 'media': {
      const values = asList(value).filter(isMediaValue);
      const others = new Set(
        asList(other)
          .filter(isMediaValue)
          .map((v) => v.id)
      );
      const changed = new Set(values.map((v) => v.id).filter((id) => !others.has(id)));
      return <MediaList values={values} changed={changed} side={side} />;
    }
    case 'component':
    case 'dynamiczone':
      return <ComponentValue value={value} />;
    case 'boolean':
      return <Text>{value === true ? t('diff.true', 'Yes') : value === false ? t('diff.false', 'No') : String(value)}</Text>;
    case 'integer':
    case 'biginteger':
    case 'float':
    case 'decimal':
      return <Text>{typeof value === 'number' ? formatNumber(value) : String(value)}</Text>;
    case 'datetime':
      return typeof value === 'string' && !Number.isNaN(Date.parse(value)) ? (
        <Text title={value}>{formatDate(value, { dateStyle: 'medium', timeStyle: 'short' })}</Text>
      ) : (
        <Plain value={value} />
      );
    case 'date':
      // A date has no time zone: formatted in UTC, it stays the day it names.
      return typeof value === 'string' && !Number.isNaN(Date.parse(value)) ? (
        <Text title={value}>{formatDate(value, { dateStyle: 'medium', timeZone: 'UTC' })}</Text>
      ) : (
        <Plain value={value} />
      );
    case 'json':
      return <Code>{JSON.stringify(value, null, 2)}</Code>;
    default:
      return <Plain value={value} />;
  }
};
