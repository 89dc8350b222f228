import * as React from 'react';

import { Button, Field, Flex, SingleSelect, SingleSelectOption, Toggle } from '@strapi/design-system';
import { Check } from '@strapi/icons';
import { Layouts, Page, useFetchClient, useNotification, useRBAC } from '@strapi/strapi/admin';

import { ACTIONS, PLUGIN_ID } from '../../../../shared/constants';
import type { GetSettings, Settings, UpdateSettings } from '../../../../shared/contracts/settings';
import type { ListTemplates } from '../../../../shared/contracts/templates';
import { useGet } from '../../services/api';
import { errorBodyOf, fieldErrorsOf } from '../../utils/field-errors';
import { useT } from '../../utils/use-t';
import { DirectoryField, DurationField, MailSwitchesField, SettingsSection } from './general/fields';

const UPDATE = { update: [{ action: ACTIONS.updateSettings, subject: null }] };
const NONE = 'none';
const SETTINGS_PATH = `/${PLUGIN_ID}/settings`;

interface FormProps {
  initial: Settings;
  readOnly: boolean;
  onSaved: (settings: Settings) => void;
}

/** The settings form: one section per concern, saved together with one PUT. */
const SettingsForm = ({ initial, readOnly, onSaved }: FormProps) => {
  const t = useT();
  const { put } = useFetchClient();
  const { toggleNotification } = useNotification();
  const templates = useGet<ListTemplates.Response>(`/${PLUGIN_ID}/templates?pageSize=100`);
  const [draft, setDraft] = React.useState<Settings>(initial);
  const [errors, setErrors] = React.useState<Record<string, string>>({});
  const [saving, setSaving] = React.useState(false);
  const set = <K extends keyof Settings>(key: K, value: Settings[K]) => setDraft((current) => ({ ...current, [key]: value }));
  const changed = JSON.stringify(draft) !== JSON.stringify(initial);

  const save = async (event: React.FormEvent) => {
    event.preventDefault();
    setSaving(true);
    try {
      const { data } = await put<UpdateSettings.Response>(SETTINGS_PATH, draft satisfies UpdateSettings.Request['body']);
      setErrors({});
      toggleNotification({ type: 'success', message: t('general.saved', 'Settings saved') });
      onSaved(data.data);
    } catch (error) {
      const fields = fieldErrorsOf(error);
      setErrors(fields);
      toggleNotification({
        type: 'danger',
        message: Object.keys(fields).length
          ? t('general.invalid', 'Some settings are not valid: see the messages next to them.')
          : (errorBodyOf(error)?.message ?? t('general.save-failed', 'The settings could not be saved.')),
      });
    } finally {
      setSaving(false);
    }
  };

  const templateOptions = Array.isArray(templates.data?.data) ? templates.data.data : [];
  const title = t('general.title', 'General');
  return (
    <form onSubmit={save} noValidate>
      <Layouts.Header
        title={title}
        subtitle={t('general.subtitle', 'Who approves without approval, urgent mode, reminders, e-mails and the default template.')}
        primaryAction={
          readOnly ? undefined : (
            <Button type="submit" startIcon={<Check />} loading={saving} disabled={!changed}>
              {t('general.save', 'Save')}
            </Button>
          )
        }
      />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={6}>
          <SettingsSection title={t('general.section.approvers', 'Approval admins')}>
            <DirectoryField
              kind="role"
              name="bypassRoles"
              label={t('general.bypassRoles', 'Bypass roles')}
              hint={t(
                'general.bypassRoles.hint',
                'Admin roles whose members are approval admins: their own changes apply without approval, and they may decide any request. At least one.'
              )}
              placeholder={t('general.bypassRoles.placeholder', 'Add an admin role')}
              error={errors.bypassRoles}
              value={draft.bypassRoles.map(String)}
              onChange={(refs) => set('bypassRoles', refs.map(Number))}
              readOnly={readOnly}
            />
          </SettingsSection>
          <SettingsSection title={t('general.section.urgent', 'Urgent mode')}>
            <Field.Root
              name="urgentMode"
              error={errors.urgentMode}
              hint={t(
                'general.urgentMode.hint',
                'Lets requesters mark a request urgent where its template allows it: the change applies at once and still needs approval afterwards.'
              )}
            >
              <Field.Label>{t('general.urgentMode', 'Urgent mode')}</Field.Label>
              <Toggle
                onLabel={t('general.on', 'On')}
                offLabel={t('general.off', 'Off')}
                checked={draft.urgentMode}
                disabled={readOnly}
                onChange={(e: React.ChangeEvent<HTMLInputElement>) => set('urgentMode', e.target.checked)}
              />
              <Field.Hint />
              <Field.Error />
            </Field.Root>
          </SettingsSection>
          <SettingsSection title={t('general.section.timing', 'Reminders and escalation')}>
            <DurationField
              name="reminderIntervalMinutes"
              label={t('general.reminderInterval', 'Reminder interval')}
              hint={t('general.reminderInterval.hint', 'Approvers of a request pending longer than this are reminded, once per interval.')}
              error={errors.reminderIntervalMinutes}
              value={draft.reminderIntervalMinutes}
              onChange={(minutes) => set('reminderIntervalMinutes', minutes ?? 0)}
              disabled={readOnly}
            />
            <DurationField
              name="escalationAfterMinutes"
              label={t('general.escalationAfter', 'Escalate after')}
              hint={t('general.escalationAfter.hint', 'A request pending this long is escalated to the approval admins; "never" turns escalation off.')}
              error={errors.escalationAfterMinutes}
              value={draft.escalationAfterMinutes}
              onChange={(minutes) => set('escalationAfterMinutes', minutes)}
              allowNever
              disabled={readOnly}
            />
          </SettingsSection>
          <SettingsSection title={t('general.section.mail', 'E-mail notifications')}>
            <MailSwitchesField value={draft.mail} onChange={(mail) => set('mail', mail)} error={errors.mail} disabled={readOnly} />
          </SettingsSection>
          <SettingsSection title={t('general.section.templates', 'Templates')}>
            <Field.Root
              name="defaultTemplateId"
              error={errors.defaultTemplateId}
              hint={t(
                'general.defaultTemplate.hint',
                'The template of a managed object that has none of its own, inherits none from a parent and whose collection has none.'
              )}
            >
              <Field.Label>{t('general.defaultTemplate', 'Default template')}</Field.Label>
              <SingleSelect
                value={draft.defaultTemplateId ?? NONE}
                disabled={readOnly}
                onChange={(next) => set('defaultTemplateId', next === NONE ? null : String(next))}
              >
                <SingleSelectOption value={NONE}>{t('general.defaultTemplate.none', 'None')}</SingleSelectOption>
                {templateOptions.map((template) => (
                  <SingleSelectOption key={template.id} value={template.id}>
                    {template.name}
                  </SingleSelectOption>
                ))}
                {draft.defaultTemplateId && !templateOptions.some((template) => template.id === draft.defaultTemplateId) ? (
                  <SingleSelectOption value={draft.defaultTemplateId}>{draft.defaultTemplateId}</SingleSelectOption>
                ) : null}
              </SingleSelect>
              <Field.Hint />
              <Field.Error />
            </Field.Root>
          </SettingsSection>
        </Flex>
      </Layouts.Content>
    </form>
  );
};

/**
 * Settings → Approval workflow → General: the installation-wide settings. Admins without
 * `settings.update` see them read-only.
 */
const GeneralSettingsPage = () => {
  const t = useT();
  const { allowedActions } = useRBAC(UPDATE);
  const settings = useGet<GetSettings.Response>(SETTINGS_PATH);
  // What the last save answered: a new form starts from it, as the server holds it.
  const [saved, setSaved] = React.useState<{ version: number; settings: Settings } | null>(null);
  const current = saved?.settings ?? settings.data?.data;

  return (
    <Page.Main>
      <Page.Title>{t('general.title', 'General')}</Page.Title>
      {current ? (
        <SettingsForm
          key={saved?.version ?? 0}
          initial={current}
          readOnly={!allowedActions.canUpdate}
          onSaved={(next) => setSaved((previous) => ({ version: (previous?.version ?? 0) + 1, settings: next }))}
        />
      ) : settings.state === 'failed' ? (
        <Page.Error />
      ) : (
        <Page.Loading />
      )}
    </Page.Main>
  );
};

export default GeneralSettingsPage;
