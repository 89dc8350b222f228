import { Badge } from '@strapi/design-system';

import { useT } from '../../utils/use-t';

/** The marker of an element one side has and the other does not: "removed" before, "added" after. */
export const SideMark = ({ side }: { side: 'before' | 'after' }) => {
  const t = useT();
  return (
    <Badge variant={side === 'before' ? 'danger' : 'success'} size="S">
      {side === 'before' ? t('diff.kind.removed', 'removed') : t('diff.kind.added', 'added')}
    </Badge>
  );
};
