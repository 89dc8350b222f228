import { Flex, Link, Typography } from '@strapi/design-system';
import { NavLink } from 'react-router-dom';

import type { RelationValue } from '../../../../shared/contracts/requests';
import { useT } from '../../utils/use-t';
import { SideMark } from './SideMark';

export const isRelationValue = (value: unknown): value is RelationValue =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as RelationValue).documentId === 'string' &&
  typeof (value as RelationValue).uid === 'string';

/**
 * Related entries by their titles, each linked to its edit view in the content manager. `changed`
 * names the entries that the other side does not have: they get the side's marker.
 */
export const RelationList = ({ values, changed, side }: { values: RelationValue[]; changed: Set<string>; side: 'before' | 'after' }) => {
  const t = useT();
  return (
    <Flex tag="ul" direction="column" alignItems="flex-start" gap={1}>
      {values.map((value) => {
        const marked = changed.has(`${value.uid}:${value.documentId}`);
        const title = value.title ?? value.documentId;
        return (
          <Flex
            tag="li"
            key={`${value.uid}:${value.documentId}`}
            gap={2}
            data-relation={value.documentId}
            data-marked={marked ? side : undefined}
          >
            <Link tag={NavLink} to={`/content-manager/collection-types/${value.uid}/${value.documentId}`}>
              {marked && side === 'before' ? <del>{title}</del> : title}
            </Link>
            {value.title === null ? (
              <Typography variant="pi" textColor="neutral500">
                {t('diff.relation.untitled', '(untitled)')}
              </Typography>
            ) : null}
            {marked ? <SideMark side={side} /> : null}
          </Flex>
        );
      })}
    </Flex>
  );
};
