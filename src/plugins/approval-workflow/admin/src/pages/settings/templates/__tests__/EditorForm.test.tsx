import { fireEvent, screen, waitFor, within } from '@testing-library/react';

import { renderInAdmin } from '../../../../components/__tests__/render';
import { EditorForm } from '../EditorForm';
import { emptyForm, newObligation, newStage, type TemplateForm } from '../form';

// The directory behind the pickers: the names of what is chosen, no search results.
jest.mock('../../../../services/api', () => ({
  directoryPath: (query: Record<string, string>) => `/directory?${new URLSearchParams(query).toString()}`,
  useGet: (path: string | null) => ({
    state: 'loaded',
    data: { data: path?.includes('refs=3') ? [{ kind: 'role', ref: '3', name: 'Chief Editor', detail: null, active: true }] : [] },
    refetch: () => {},
  }),
}));

// What jsdom lacks and the design system's Radix parts use.
beforeAll(() => {
  window.ResizeObserver = class {
    observe() {}
    unobserve() {}
    disconnect() {}
  };
});

const filled = (): TemplateForm => ({
  ...emptyForm(),
  name: 'Two-stage review',
  stages: [
    { ...newStage('Editors'), obligations: [{ ...newObligation('role'), ref: '3' }] },
    { ...newStage('Sign-off'), obligations: [{ ...newObligation('role'), ref: '3' }] },
  ],
});

const setup = (initial: TemplateForm, submit = jest.fn().mockResolvedValue(undefined), needsPassword = false) => {
  const onError = jest.fn();
  renderInAdmin(<EditorForm initial={initial} readOnly={false} needsPassword={needsPassword} submit={submit} onError={onError} />);
  return { submit, onError };
};

const stage = (index: number) => screen.getAllByRole('group').find((el) => el.getAttribute('data-stage') === String(index)) as HTMLElement;

describe('EditorForm', () => {
  it('shows the message by the empty stage name on Save, and sends nothing', () => {
    const form = filled();
    form.stages[1].name = '';
    const { submit } = setup(form);
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));

    expect(submit).not.toHaveBeenCalled();
    const name = within(stage(1)).getByRole('textbox', { name: /Stage name/ });
    expect(name.getAttribute('aria-invalid')).toBe('true');
    const message = document.getElementById(name.getAttribute('aria-describedby')?.split(' ').find((id) => id.includes('error')) ?? '');
    expect(message?.textContent).toBe('A stage needs a name.');
    // The other stage's name has no message.
    expect(within(stage(0)).getByRole('textbox', { name: /Stage name/ }).getAttribute('aria-invalid')).not.toBe('true');

    // Fixing it clears the message.
    fireEvent.change(name, { target: { value: 'Sign-off' } });
    expect(within(stage(1)).queryByText('A stage needs a name.')).toBeNull();
  });

  it('shows a server 400 by the field its path names', async () => {
    const failure = {
      response: {
        data: {
          error: {
            status: 400,
            name: 'ValidationError',
            message: 'Invalid template',
            details: { errors: [{ path: ['stages', '0', 'obligations', '0', 'id'], message: 'unknown roles 3', name: 'ValidationError' }] },
          },
        },
      },
    };
    const { submit, onError } = setup(filled(), jest.fn().mockRejectedValue(failure));
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));

    await waitFor(() => expect(onError).toHaveBeenCalledWith(failure));
    expect(submit).toHaveBeenCalledTimes(1);
    const obligation = stage(0).querySelector('[data-obligation="stages.0.obligations.0"]') as HTMLElement;
    expect(within(obligation).getByText('unknown roles 3').textContent).toBeTruthy();
    expect(within(stage(1)).queryByText('unknown roles 3')).toBeNull();
  });

  it('reorders stages with Move up and Move down, and removes one', async () => {
    const { submit } = setup(filled());
    fireEvent.click(within(stage(1)).getByRole('button', { name: 'Move up' }));
    expect(within(stage(0)).getByRole('textbox', { name: /Stage name/ })).toHaveProperty('value', 'Sign-off');
    fireEvent.click(within(stage(0)).getByRole('button', { name: 'Move down' }));
    expect(within(stage(0)).getByRole('textbox', { name: /Stage name/ })).toHaveProperty('value', 'Editors');
    fireEvent.click(within(stage(1)).getByRole('button', { name: 'Remove this stage' }));
    expect(screen.queryAllByRole('textbox', { name: /Stage name/ })).toHaveLength(1);
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(submit).toHaveBeenCalledWith(expect.objectContaining({ stages: [expect.objectContaining({ name: 'Editors' })] })));
  });

  it('asks for the password of an item-level template and keeps the dialog open on a wrong one', async () => {
    const wrong = { response: { data: { error: { status: 403, name: 'ForbiddenError', message: 'The password is wrong', details: { code: 'wrong-password' } } } } };
    const submit = jest.fn().mockRejectedValueOnce(wrong).mockResolvedValueOnce(undefined);
    setup(filled(), submit, true);
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    const dialog = await screen.findByRole('dialog');
    fireEvent.change(within(dialog).getByLabelText(/Your password/), { target: { value: 'nope' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Confirm and save' }));
    expect((await within(dialog).findByText('The password is wrong. Try again.')).textContent).toBeTruthy();
    expect(submit).toHaveBeenLastCalledWith(expect.objectContaining({ password: 'nope' }));

    fireEvent.change(within(dialog).getByLabelText(/Your password/), { target: { value: 'right' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Confirm and save' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(submit).toHaveBeenLastCalledWith(expect.objectContaining({ password: 'right' }));
  });
});
