import * as React from 'react';

import { Box, Button, Field, Flex, Link, Modal, Textarea, Toggle, Typography } from '@strapi/design-system';
import { NavLink } from 'react-router-dom';

import { useT } from '../utils/use-t';
import { requestRoute } from './links';
import type { CmTarget, CmWrite, WriteOutcome } from './write';
import { useCmWrite } from './write';

/** What one dialog requests; kept in a ref by its action so that the dialog reads the latest. */
export interface DialogConfig {
  write: CmWrite;
  target: CmTarget;
  /** The body the content manager would send, read when the editor submits (their values at that moment). */
  body: () => unknown;
  /** What will be requested, in words: the changed fields by their labels, or the entries of a bulk action. */
  summary: string;
  items: string[];
  urgentAllowed: boolean;
  /** Called once the server opened (or revised) the request, or applied the write directly. */
  onDone: (outcome: Extract<WriteOutcome, { kind: 'requested' | 'applied' }>, revised: boolean) => void;
}

type Phase = { kind: 'edit' } | { kind: 'open'; id: string; revisable: boolean };

/**
 * The body of the "Request change / publish / deletion" dialog (rendered by the content manager's
 * modal, which holds the title and the focus trap): what will be requested, an optional comment,
 * the urgent toggle where allowed. A 409 for the requester's own pending request offers to update
 * it (the same write again with `X-Approval-Revise`); someone else's is named with a link.
 */
export const RequestDialog = ({ config, onClose }: { config: React.MutableRefObject<DialogConfig | null>; onClose: () => void }) => {
  const t = useT();
  const send = useCmWrite();
  const [comment, setComment] = React.useState('');
  const [urgent, setUrgent] = React.useState(false);
  const [phase, setPhase] = React.useState<Phase>({ kind: 'edit' });
  const [error, setError] = React.useState<string | null>(null);
  const [busy, setBusy] = React.useState(false);
  const current = config.current;
  if (!current) return null;

  const submit = async () => {
    setBusy(true);
    setError(null);
    const revise = phase.kind === 'open' && phase.revisable ? phase.id : undefined;
    const outcome = await send(current.write, current.target, current.body(), { comment, urgent: urgent && current.urgentAllowed, revise });
    setBusy(false);
    if (outcome.kind === 'open') {
      setPhase({ kind: 'open', id: outcome.conflict.openRequest.id, revisable: outcome.conflict.revisable });
    } else if (outcome.kind === 'failed') {
      setError(outcome.message);
    } else {
      onClose();
      current.onDone(outcome, Boolean(revise));
    }
  };

  const blocked = phase.kind === 'open' && !phase.revisable;
  return (
    <>
      <Modal.Body>
        <Flex direction="column" alignItems="stretch" gap={4}>
          <Flex direction="column" alignItems="stretch" gap={2}>
            <Typography variant="omega" id="approval-dialog-summary">
              {current.summary}
            </Typography>
            {current.items.length > 0 && (
              <Box tag="ul" aria-labelledby="approval-dialog-summary" paddingLeft={4} style={{ listStyle: 'disc' }}>
                {current.items.map((item) => (
                  <li key={item}>
                    <Typography variant="omega" fontWeight="semiBold">
                      {item}
                    </Typography>
                  </li>
                ))}
              </Box>
            )}
          </Flex>
          <Field.Root name="approval-comment" hint={t('cm.dialog.comment.hint', 'The approvers read it with your request.')}>
            <Field.Label>{t('cm.dialog.comment', 'Comment (optional)')}</Field.Label>
            <Textarea value={comment} onChange={(event: React.ChangeEvent<HTMLTextAreaElement>) => setComment(event.target.value)} />
            <Field.Hint />
          </Field.Root>
          {current.urgentAllowed && (
            <Field.Root
              name="approval-urgent"
              hint={t('cm.dialog.urgent.hint', 'An urgent change is applied at once and still needs approval afterwards.')}
            >
              <Field.Label>{t('cm.dialog.urgent', 'Urgent')}</Field.Label>
              <Toggle
                checked={urgent}
                onLabel={t('cm.dialog.urgent.on', 'Urgent')}
                offLabel={t('cm.dialog.urgent.off', 'Not urgent')}
                onChange={(event: React.ChangeEvent<HTMLInputElement>) => setUrgent(event.target.checked)}
              />
              <Field.Hint />
            </Field.Root>
          )}
          {phase.kind === 'open' && (
            <Box role="alert" background={phase.revisable ? 'primary100' : 'warning100'} padding={3} hasRadius>
              <Flex direction="column" alignItems="flex-start" gap={1}>
                <Typography variant="omega">
                  {phase.revisable
                    ? t(
                        'cm.dialog.revise.body',
                        'You already have a pending request for this. Update it with these changes? The approvals given so far are reset and the approvers start again.'
                      )
                    : t('cm.dialog.blocked.body', 'Someone else’s request for this is pending: a second one can only be made once it is decided.')}
                </Typography>
                <Link tag={NavLink} to={requestRoute(phase.id)}>
                  {t('cm.dialog.open-request', 'Open the pending request')}
                </Link>
              </Flex>
            </Box>
          )}
          {error && (
            <Typography role="alert" variant="omega" textColor="danger600">
              {error}
            </Typography>
          )}
        </Flex>
      </Modal.Body>
      <Modal.Footer>
        <Modal.Close>
          <Button variant="tertiary">{t('cm.dialog.cancel', 'Cancel')}</Button>
        </Modal.Close>
        {!blocked && (
          <Button onClick={submit} loading={busy}>
            {phase.kind === 'open' ? t('cm.dialog.revise', 'Update your pending request') : t('cm.dialog.submit', 'Send request')}
          </Button>
        )}
      </Modal.Footer>
    </>
  );
};
