import { fireEvent, screen } from '@testing-library/react';

import { renderInAdmin } from '../../../../components/__tests__/render';
import { ManagedFields, type ManagedValues } from '../ManagedFields';

const ARTICLE = 'api::article.article';
const NONE: ManagedValues = { operations: ['update'], templateId: null, childRelations: [] };

const checkboxNames = () => screen.getAllByRole('checkbox').map((box) => box.parentElement?.textContent);

describe('ManagedFields', () => {
  it.each([
    ['collection', true, ['Create', 'Update', 'Delete', 'Publish', 'Unpublish', 'Discard draft', 'Clone']],
    ['collection', false, ['Create', 'Update', 'Delete', 'Clone']],
    ['entry', true, ['Update', 'Delete', 'Publish', 'Unpublish', 'Discard draft']],
    ['entry', false, ['Update', 'Delete']],
  ] as const)('a %s with draft & publish %s offers %j', (kind, draftAndPublish, expected) => {
    renderInAdmin(<ManagedFields kind={kind} draftAndPublish={draftAndPublish} values={NONE} onChange={jest.fn()} errors={{}} templates={[]} />);
    expect(checkboxNames()).toEqual(expected);
  });

  it('toggles operations and child relations, and shows server messages under their fields', () => {
    const onChange = jest.fn();
    renderInAdmin(
      <ManagedFields
        kind="entry"
        draftAndPublish={false}
        values={NONE}
        onChange={onChange}
        errors={{ childRelations: 'not a to-one relation' }}
        templates={[{ id: 't1', name: 'Two-stage review' }]}
        candidates={[{ uid: ARTICLE, field: 'section', label: 'Article' }]}
      />
    );
    fireEvent.click(screen.getByRole('checkbox', { name: 'Delete' }));
    expect(onChange).toHaveBeenLastCalledWith({ ...NONE, operations: ['update', 'delete'] });
    fireEvent.click(screen.getByRole('checkbox', { name: 'Update' }));
    expect(onChange).toHaveBeenLastCalledWith({ ...NONE, operations: [] });
    fireEvent.click(screen.getByRole('checkbox', { name: 'Article via section' }));
    expect(onChange).toHaveBeenLastCalledWith({ ...NONE, childRelations: [{ uid: ARTICLE, field: 'section' }] });
    expect(screen.getByText('not a to-one relation')).toBeTruthy();
  });

  it('names the template for an admin who may not read templates, and disables everything read-only', () => {
    renderInAdmin(<ManagedFields kind="collection" draftAndPublish values={{ ...NONE, templateId: null }} onChange={jest.fn()} errors={{}} templates={null} disabled />);
    expect(screen.getByText('Default template')).toBeTruthy();
    expect(screen.getAllByRole('checkbox').every((box) => box.hasAttribute('disabled'))).toBe(true);
  });
});
