import * as React from 'react';

import {
  Box,
  Button,
  Checkbox,
  Field,
  Flex,
  Grid,
  Modal,
  SingleSelect,
  SingleSelectOption,
  TextInput,
  Textarea,
  Typography,
} from '@strapi/design-system';
import { Check } from '@strapi/icons';

import type { TemplateBody } from '../../../../../shared/contracts/templates';
import { REJECTION_POLICIES, SECURITY_LEVELS, type OwnerRules, type RejectionPolicy, type SecurityLevel } from '../../../../../shared/vocabulary';
import { useT, type T } from '../../../utils/use-t';
import { apiErrorOf, fieldOfPath, templateBody, type FormErrors, type TemplateForm } from './form';
import { StagesEditor } from './StagesEditor';
import { validateTemplate } from './validate';

const securityText = (t: T, level: SecurityLevel) =>
  level === 'simple'
    ? { label: t('templates.security.simple', 'Simple'), hint: t('templates.security.simple.hint', 'Approvers decide with a click.') }
    : {
        label: t('templates.security.password', 'Password'),
        hint: t('templates.security.password.hint', 'Approvers re-enter their password to approve or reject.'),
      };

const rejectionText = (t: T, policy: RejectionPolicy) =>
  policy === 'decline'
    ? { label: t('templates.rejection.decline', 'Decline at once'), hint: t('templates.rejection.decline.hint', 'One rejection declines the request.') }
    : {
        label: t('templates.rejection.when-unfulfillable', 'Decline when the stage cannot be fulfilled'),
        hint: t(
          'templates.rejection.when-unfulfillable.hint',
          'A rejection declines the request only when the remaining approvers can no longer fulfil the stage.'
        ),
      };

const OWNER_RULES: Array<keyof OwnerRules> = [
  'ownerApproval',
  'enforceInitialOwnerApproval',
  'separateOwnerApproval',
  'enforceApprovalOrder',
  'separateGroupApproval',
];

const ownerRuleText = (t: T, rule: keyof OwnerRules) =>
  ({
    ownerApproval: {
      label: t('templates.owner.ownerApproval', 'Owner approval'),
      hint: t(
        'templates.owner.ownerApproval.hint',
        'The owner of the entry approves in an extra first stage (unless the owner is the requester); a user step naming the owner is fulfilled by it.'
      ),
    },
    enforceInitialOwnerApproval: {
      label: t('templates.owner.enforceInitialOwnerApproval', 'Enforce initial owner approval'),
      hint: t(
        'templates.owner.enforceInitialOwnerApproval.hint',
        'The owner approves first; after that the stages all start together and may be fulfilled in any order.'
      ),
    },
    separateOwnerApproval: {
      label: t('templates.owner.separateOwnerApproval', 'Separate owner approval'),
      hint: t(
        'templates.owner.separateOwnerApproval.hint',
        'The owner’s approval counts only as owner approval; without it, it also fulfils the owner’s obligations in the stages.'
      ),
    },
    enforceApprovalOrder: {
      label: t('templates.owner.enforceApprovalOrder', 'Enforce approval order'),
      hint: t(
        'templates.owner.enforceApprovalOrder.hint',
        'Stages run one after another, in the order below; off: every stage starts with the request.'
      ),
    },
    separateGroupApproval: {
      label: t('templates.owner.separateGroupApproval', 'Separate group approval'),
      hint: t(
        'templates.owner.separateGroupApproval.hint',
        'A member of several groups in a stage counts for one group only (the first whose minimum is not reached yet).'
      ),
    },
  })[rule];

interface EditorFormProps {
  initial: TemplateForm;
  readOnly: boolean;
  /** Editing needs the editor's password (an item-level template): asked in a dialog before saving. */
  needsPassword: boolean;
  /** Sends the body; rejects with the fetch error, which is shown by its fields when it names them. */
  submit: (body: TemplateBody) => Promise<unknown>;
  /** An error that names no field (a toast, from the page). */
  onError: (error: unknown) => void;
  /** Under the form (the versions of a saved template). */
  children?: React.ReactNode;
}

/**
 * A template's fields: its settings, owner rules and ordered stages. Save checks what the user can
 * fix (`validateTemplate`), then sends; the server's validation errors appear by their fields, and
 * an item-level template asks for the password first (kept open on a wrong one).
 */
export const EditorForm = ({ initial, readOnly, needsPassword, submit, onError, children }: EditorFormProps) => {
  const t = useT();
  const [form, setForm] = React.useState(initial);
  const [errors, setErrors] = React.useState<FormErrors>({});
  const [tried, setTried] = React.useState(false);
  const [saving, setSaving] = React.useState(false);
  const [password, setPassword] = React.useState<{ value: string; error: string | null } | null>(null);

  const change = (next: TemplateForm) => {
    setForm(next);
    // Once a save was tried, the messages follow the fixes.
    if (tried) setErrors(validateTemplate(next, t));
  };
  const set = (patch: Partial<TemplateForm>) => change({ ...form, ...patch });

  const send = async (pass?: string) => {
    setSaving(true);
    try {
      await submit(templateBody(form, pass));
      setPassword(null);
    } catch (failure) {
      const answer = apiErrorOf(failure);
      if (answer?.code === 'wrong-password') {
        setPassword({ value: '', error: t('templates.password.wrong', 'The password is wrong. Try again.') });
      } else if (answer?.code === 'password-required') {
        setPassword({ value: '', error: null });
      } else if (answer && answer.errors.length > 0) {
        setPassword(null);
        setErrors(Object.fromEntries(answer.errors.map((error) => [fieldOfPath(error.path), error.message])));
        onError(failure);
      } else {
        setPassword(null);
        onError(failure);
      }
    } finally {
      setSaving(false);
    }
  };

  const save = (event?: React.FormEvent) => {
    event?.preventDefault();
    setTried(true);
    const found = validateTemplate(form, t);
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    if (needsPassword) setPassword({ value: '', error: null });
    else void send();
  };

  return (
    <form onSubmit={save} noValidate>
      <Flex direction="column" alignItems="stretch" gap={6}>
        {Object.keys(errors).length > 0 ? (
          <Typography textColor="danger600" role="alert">
            {t('templates.errors', 'Some fields need your attention: see the messages below.')}
          </Typography>
        ) : null}
        <Box background="neutral0" hasRadius shadow="tableShadow" padding={6}>
          <Flex direction="column" alignItems="stretch" gap={4}>
            <Typography variant="delta" tag="h2">
              {t('templates.section.general', 'Template')}
            </Typography>
            <Grid.Root gap={4}>
              <Grid.Item col={6} s={12} alignItems="flex-start">
                <Field.Root name="name" required width="100%" error={errors.name}>
                  <Field.Label>{t('templates.name', 'Name')}</Field.Label>
                  <TextInput value={form.name} disabled={readOnly} onChange={(e: React.ChangeEvent<HTMLInputElement>) => set({ name: e.target.value })} />
                  <Field.Error />
                </Field.Root>
              </Grid.Item>
              <Grid.Item col={6} s={12} alignItems="flex-start">
                <Field.Root name="securityLevel" width="100%" error={errors.securityLevel} hint={securityText(t, form.securityLevel).hint}>
                  <Field.Label>{t('templates.security', 'Security level')}</Field.Label>
                  <SingleSelect value={form.securityLevel} disabled={readOnly} onChange={(level) => set({ securityLevel: level as SecurityLevel })}>
                    {SECURITY_LEVELS.map((level) => (
                      <SingleSelectOption key={level} value={level}>
                        {securityText(t, level).label}
                      </SingleSelectOption>
                    ))}
                  </SingleSelect>
                  <Field.Hint />
                  <Field.Error />
                </Field.Root>
              </Grid.Item>
              <Grid.Item col={12} alignItems="flex-start">
                <Field.Root name="description" width="100%" error={errors.description}>
                  <Field.Label>{t('templates.description', 'Description')}</Field.Label>
                  <Textarea value={form.description} disabled={readOnly} onChange={(e: React.ChangeEvent<HTMLTextAreaElement>) => set({ description: e.target.value })} />
                  <Field.Error />
                </Field.Root>
              </Grid.Item>
              <Grid.Item col={6} s={12} alignItems="flex-start">
                <Field.Root name="rejectionPolicy" width="100%" error={errors.rejectionPolicy} hint={rejectionText(t, form.rejectionPolicy).hint}>
                  <Field.Label>{t('templates.rejection', 'When someone rejects')}</Field.Label>
                  <SingleSelect value={form.rejectionPolicy} disabled={readOnly} onChange={(policy) => set({ rejectionPolicy: policy as RejectionPolicy })}>
                    {REJECTION_POLICIES.map((policy) => (
                      <SingleSelectOption key={policy} value={policy}>
                        {rejectionText(t, policy).label}
                      </SingleSelectOption>
                    ))}
                  </SingleSelect>
                  <Field.Hint />
                  <Field.Error />
                </Field.Root>
              </Grid.Item>
              <Grid.Item col={6} s={12} alignItems="flex-start">
                <Field.Root
                  name="urgentAllowed"
                  width="100%"
                  hint={t('templates.urgent.hint', 'With urgent mode on in the general settings, a requester may apply a change at once; it still needs approval.')}
                >
                  <Checkbox checked={form.urgentAllowed} disabled={readOnly} onCheckedChange={(checked) => set({ urgentAllowed: checked === true })}>
                    {t('templates.urgent', 'Urgent requests allowed')}
                  </Checkbox>
                  <Field.Hint />
                </Field.Root>
              </Grid.Item>
            </Grid.Root>
          </Flex>
        </Box>

        <Box background="neutral0" hasRadius shadow="tableShadow" padding={6}>
          <Flex direction="column" alignItems="stretch" gap={4}>
            <Typography variant="delta" tag="h2">
              {t('templates.section.owner', 'Owner rules')}
            </Typography>
            <Grid.Root gap={4}>
              {OWNER_RULES.map((rule) => {
                const text = ownerRuleText(t, rule);
                return (
                  <Grid.Item key={rule} col={6} s={12} alignItems="flex-start">
                    <Field.Root name={`ownerRules.${rule}`} hint={text.hint} error={errors[`ownerRules.${rule}`]}>
                      <Checkbox
                        checked={form.ownerRules[rule]}
                        disabled={readOnly}
                        onCheckedChange={(checked) => set({ ownerRules: { ...form.ownerRules, [rule]: checked === true } })}
                      >
                        {text.label}
                      </Checkbox>
                      <Field.Hint />
                      <Field.Error />
                    </Field.Root>
                  </Grid.Item>
                );
              })}
            </Grid.Root>
          </Flex>
        </Box>

        <Flex direction="column" alignItems="stretch" gap={4}>
          <Typography variant="delta" tag="h2">
            {t('templates.section.stages', 'Stages')}
          </Typography>
          <StagesEditor stages={form.stages} errors={errors} readOnly={readOnly} onChange={(stages) => set({ stages })} />
        </Flex>

        {readOnly ? null : (
          <Flex justifyContent="flex-end">
            <Button type="submit" startIcon={<Check />} loading={saving} size="L">
              {t('templates.save', 'Save')}
            </Button>
          </Flex>
        )}
        {children}
      </Flex>

      <Modal.Root open={password !== null} onOpenChange={(open) => (open ? undefined : setPassword(null))}>
        <Modal.Content>
          <Modal.Header>
            <Modal.Title>{t('templates.password.title', 'Confirm with your password')}</Modal.Title>
          </Modal.Header>
          <Modal.Body>
            <Flex direction="column" alignItems="stretch" gap={4}>
              <Typography>
                {t('templates.password.body', 'This template is assigned to a managed entry: editing it needs your password.')}
              </Typography>
              <Field.Root name="password" required error={password?.error ?? undefined}>
                <Field.Label>{t('templates.password', 'Your password')}</Field.Label>
                <TextInput
                  type="password"
                  autoComplete="current-password"
                  value={password?.value ?? ''}
                  onChange={(e: React.ChangeEvent<HTMLInputElement>) => setPassword({ value: e.target.value, error: null })}
                  onKeyDown={(e: React.KeyboardEvent) => {
                    if (e.key === 'Enter' && password?.value) {
                      e.preventDefault();
                      void send(password.value);
                    }
                  }}
                />
                <Field.Error />
              </Field.Root>
            </Flex>
          </Modal.Body>
          <Modal.Footer>
            <Modal.Close>
              <Button type="button" variant="tertiary">{t('templates.cancel', 'Cancel')}</Button>
            </Modal.Close>
            <Button type="button" loading={saving} disabled={!password?.value} onClick={() => password && void send(password.value)}>
              {t('templates.password.confirm', 'Confirm and save')}
            </Button>
          </Modal.Footer>
        </Modal.Content>
      </Modal.Root>
    </form>
  );
};
