import * as React from 'react';

import { Button, Field, Flex, Modal, Typography } from '@strapi/design-system';
import { useNotification } from '@strapi/strapi/admin';

import { useT } from '../../../utils/use-t';
import { refusalOf } from './api';

type Send = (password?: string) => Promise<unknown>;

/** Asks for the admin's password; a wrong one keeps it open with the server's message. */
const PasswordDialog = ({ error, onCancel, onSubmit }: { error: string | null; onCancel: () => void; onSubmit: (password: string) => Promise<void> }) => {
  const t = useT();
  const [password, setPassword] = React.useState('');
  const [busy, setBusy] = React.useState(false);
  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    event.stopPropagation();
    if (!password) return;
    setBusy(true);
    try {
      await onSubmit(password);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal.Root open onOpenChange={(open) => (open ? undefined : onCancel())}>
      <Modal.Content>
        <form onSubmit={submit}>
          <Modal.Header>
            <Modal.Title>{t('managed.password.title', 'Confirm with your password')}</Modal.Title>
          </Modal.Header>
          <Modal.Body>
            <Flex direction="column" alignItems="stretch" gap={4}>
              <Typography textColor="neutral700">
                {t('managed.password.body', 'This entry has a template of its own: changing it needs your password.')}
              </Typography>
              <Field.Root name="password" required error={error ?? undefined}>
                <Field.Label>{t('managed.password', 'Your password')}</Field.Label>
                <Field.Input type="password" autoComplete="current-password" value={password} onChange={(e: React.ChangeEvent<HTMLInputElement>) => setPassword(e.target.value)} />
                <Field.Error />
              </Field.Root>
            </Flex>
          </Modal.Body>
          <Modal.Footer>
            <Button variant="tertiary" type="button" onClick={onCancel}>
              {t('managed.cancel', 'Cancel')}
            </Button>
            <Button type="submit" loading={busy} disabled={!password || busy}>
              {t('managed.password.confirm', 'Confirm')}
            </Button>
          </Modal.Footer>
        </form>
      </Modal.Content>
    </Modal.Root>
  );
};

/**
 * Sends a mark or change of a managed object: a refusal's field messages go to `errors`, a change
 * of an entry's own template asks for the password (`dialog`) and sends again with it.
 * `save` answers whether the write went through.
 */
export const useManagedSave = (onSaved: () => void) => {
  const t = useT();
  const { toggleNotification } = useNotification();
  const [errors, setErrors] = React.useState<Record<string, string>>({});
  const [awaitingPassword, setAwaitingPassword] = React.useState<Send | null>(null);
  const [passwordError, setPasswordError] = React.useState<string | null>(null);

  const attempt = React.useCallback(
    async (send: Send, password?: string): Promise<boolean> => {
      try {
        await send(password);
      } catch (error) {
        const refusal = refusalOf(error);
        if (refusal.code === 'password-required') {
          setPasswordError(null);
          setAwaitingPassword(() => send);
          return false;
        }
        if (refusal.code === 'wrong-password') {
          setPasswordError(refusal.message ?? t('managed.password.wrong', 'The password is wrong'));
          return false;
        }
        setAwaitingPassword(null);
        setErrors(refusal.fields);
        toggleNotification({ type: 'danger', message: refusal.message ?? t('managed.save.failed', 'The managed content could not be saved.') });
        return false;
      }
      setAwaitingPassword(null);
      setErrors({});
      toggleNotification({ type: 'success', message: t('managed.saved', 'Saved.') });
      onSaved();
      return true;
    },
    [onSaved, t, toggleNotification]
  );

  const dialog = awaitingPassword ? (
    <PasswordDialog
      error={passwordError}
      onCancel={() => setAwaitingPassword(null)}
      onSubmit={async (password) => {
        await attempt(awaitingPassword, password);
      }}
    />
  ) : null;

  return { save: (send: Send) => attempt(send), errors, resetErrors: () => setErrors({}), dialog };
};
