import * as React from 'react';

import { Button, Field, Flex, Modal, SingleSelect, SingleSelectOption, Textarea, Typography } from '@strapi/design-system';
import { useRBAC } from '@strapi/strapi/admin';

import { useGet } from '../services/api';
import type { T } from '../utils/use-t';
import { useT } from '../utils/use-t';

export type RequestAction = 'approve' | 'reject' | 'cancel' | 'delegate';

export interface ActionValues {
  comment: string;
  password: string;
  to: string;
}

interface AdminUser {
  id: number;
  firstname?: string | null;
  lastname?: string | null;
  username?: string | null;
  email: string;
  isActive?: boolean;
}

/** `GET /admin/users`: only for admins allowed to read users; everyone else types a principal. */
interface AdminUsersResponse {
  data: { results: AdminUser[] };
}

const READ_USERS = { read: [{ action: 'admin::users.read', subject: null }] };

const texts = (t: T, action: RequestAction) => {
  switch (action) {
    case 'approve':
      return {
        title: t('action.approve.title', 'Approve this request'),
        body: t(
          'action.approve.body',
          'Your approval is recorded with your comment. When the last stage is fulfilled, the change is applied.'
        ),
        submit: t('action.approve', 'Approve'),
      };
    case 'reject':
      return {
        title: t('action.reject.title', 'Reject this request'),
        body: t('action.reject.body', 'Say why: the requester reads your comment.'),
        submit: t('action.reject', 'Reject'),
      };
    case 'cancel':
      return {
        title: t('action.cancel.title', 'Cancel this request'),
        body: t('action.cancel.body', 'The change will not be applied. This cannot be undone.'),
        submit: t('action.cancel', 'Cancel request'),
      };
    default:
      return {
        title: t('action.delegate.title', 'Delegate your approval'),
        body: t('action.delegate.body', 'Hand your obligation on this request to someone else who may decide.'),
        submit: t('action.delegate', 'Delegate'),
      };
  }
};

const userName = (user: AdminUser) => [user.firstname, user.lastname].filter(Boolean).join(' ') || user.username || user.email;

/** The delegate: picked from the admin users when this admin may list them, else typed as a principal. */
const DelegateField = ({ value, onChange }: { value: string; onChange: (value: string) => void }) => {
  const t = useT();
  // Ask for the users only with the right to read them: a refused call would log a console error.
  const { allowedActions, isLoading } = useRBAC(READ_USERS);
  const users = useGet<AdminUsersResponse>(!isLoading && allowedActions.canRead ? '/admin/users?pageSize=100' : null);
  const list =
    users.state === 'loaded' && Array.isArray(users.data?.data?.results)
      ? users.data.data.results.filter((u) => u.isActive !== false)
      : null;
  const label = t('action.delegate.to', 'Delegate to');
  if (list && list.length > 0) {
    return (
      <Field.Root name="to" required>
        <Field.Label>{label}</Field.Label>
        <SingleSelect
          value={value}
          onChange={(next) => onChange(String(next))}
          placeholder={t('action.delegate.pick', 'Choose an admin user')}
        >
          {list.map((user) => (
            <SingleSelectOption key={user.id} value={`admin:${user.id}`}>
              {`${userName(user)} (${user.email})`}
            </SingleSelectOption>
          ))}
        </SingleSelect>
      </Field.Root>
    );
  }
  return (
    <Field.Root
      name="to"
      required
      hint={t('action.delegate.to.hint', 'A principal such as admin:3 (an admin user) or user:5 (a content-API user).')}
    >
      <Field.Label>{label}</Field.Label>
      <Field.Input value={value} onChange={(e: React.ChangeEvent<HTMLInputElement>) => onChange(e.target.value)} placeholder="admin:3" />
      <Field.Hint />
    </Field.Root>
  );
};

/**
 * The dialog behind Approve, Reject, Cancel and Delegate: a comment, the password where the
 * template's security level asks for it, the delegate. `onSubmit` answers whether to close.
 */
export const ActionDialog = ({
  action,
  needsPassword,
  onClose,
  onSubmit,
}: {
  action: RequestAction | null;
  needsPassword: boolean;
  onClose: () => void;
  onSubmit: (action: RequestAction, values: ActionValues) => Promise<boolean>;
}) => {
  const t = useT();
  const [values, setValues] = React.useState<ActionValues>({ comment: '', password: '', to: '' });
  const [busy, setBusy] = React.useState(false);

  React.useEffect(() => {
    if (action) setValues({ comment: '', password: '', to: '' });
  }, [action]);

  if (!action) return null;
  const { title, body, submit } = texts(t, action);
  const password = needsPassword && (action === 'approve' || action === 'reject');
  const ready = !busy && (!password || values.password !== '') && (action !== 'delegate' || values.to.trim() !== '');

  const send = async (event: React.FormEvent) => {
    event.preventDefault();
    if (!ready) return;
    setBusy(true);
    try {
      if (await onSubmit(action, values)) onClose();
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal.Root open onOpenChange={(open) => (open ? undefined : onClose())}>
      <Modal.Content>
        <form onSubmit={send}>
          <Modal.Header>
            <Modal.Title>{title}</Modal.Title>
          </Modal.Header>
          <Modal.Body>
            <Flex direction="column" alignItems="stretch" gap={4}>
              <Typography textColor="neutral700">{body}</Typography>
              {action === 'delegate' ? <DelegateField value={values.to} onChange={(to) => setValues((v) => ({ ...v, to }))} /> : null}
              <Field.Root name="comment">
                <Field.Label>{t('action.comment', 'Comment')}</Field.Label>
                <Textarea
                  value={values.comment}
                  maxLength={5000}
                  onChange={(e: React.ChangeEvent<HTMLTextAreaElement>) => setValues((v) => ({ ...v, comment: e.target.value }))}
                />
              </Field.Root>
              {password ? (
                <Field.Root
                  name="password"
                  required
                  hint={t('action.password.hint', 'This approval rule asks you to confirm with your password.')}
                >
                  <Field.Label>{t('action.password', 'Your password')}</Field.Label>
                  <Field.Input
                    type="password"
                    autoComplete="current-password"
                    value={values.password}
                    onChange={(e: React.ChangeEvent<HTMLInputElement>) => setValues((v) => ({ ...v, password: e.target.value }))}
                  />
                  <Field.Hint />
                </Field.Root>
              ) : null}
            </Flex>
          </Modal.Body>
          <Modal.Footer>
            <Modal.Close>
              <Button variant="tertiary" type="button">
                {t('action.close', 'Close')}
              </Button>
            </Modal.Close>
            <Button
              type="submit"
              loading={busy}
              disabled={!ready}
              variant={action === 'reject' || action === 'cancel' ? 'danger' : 'default'}
            >
              {submit}
            </Button>
          </Modal.Footer>
        </form>
      </Modal.Content>
    </Modal.Root>
  );
};
