import * as React from 'react';

import { Badge, Flex } from '@strapi/design-system';
import { BackButton, Layouts, Page, isFetchError, useAPIErrorHandler, useFetchClient, useNotification, useRBAC } from '@strapi/strapi/admin';
import { useNavigate, useParams } from 'react-router-dom';

import { ACTIONS, PLUGIN_ID } from '../../../../../shared/constants';
import type { CreateTemplate, GetTemplate, TemplateBody, UpdateTemplate } from '../../../../../shared/contracts/templates';
import { useGet } from '../../../services/api';
import { getTranslation } from '../../../utils/translations';
import { useT } from '../../../utils/use-t';
import { EditorForm } from './EditorForm';
import { emptyForm, templateForm, templatesPath } from './form';
import { Versions } from './Versions';

export const LIST_URL = `/settings/${PLUGIN_ID}/templates`;
export const MANAGE = { manage: [{ action: ACTIONS.manageTemplates, subject: null }] };

/**
 * Settings → Approval workflow → Templates → one template (`new` or its id): the editor, read-only
 * without the manage action, and the versions of a saved template. Saving goes back to the list.
 */
export const TemplateEditor = () => {
  const t = useT();
  const { id } = useParams<{ id: string }>();
  const isNew = id === undefined;
  const navigate = useNavigate();
  const { post, put } = useFetchClient();
  const { toggleNotification } = useNotification();
  const { formatAPIError } = useAPIErrorHandler(getTranslation);
  const { allowedActions, isLoading } = useRBAC(MANAGE);
  const loaded = useGet<GetTemplate.Response>(isNew ? null : templatesPath(id));
  const template = isNew ? null : (loaded.data?.data ?? null);
  const readOnly = !allowedActions.canManage;

  const submit = React.useCallback(
    async (body: TemplateBody) => {
      const { data } = isNew
        ? await post<CreateTemplate.Response>(templatesPath(), body)
        : await put<UpdateTemplate.Response>(templatesPath(id), body);
      toggleNotification({
        type: 'success',
        message: isNew
          ? t('templates.created', 'Template “{name}” created.', { name: data.data.name })
          : t('templates.saved', 'Template “{name}” saved as version {version}.', { name: data.data.name, version: data.data.version }),
      });
      navigate(LIST_URL);
    },
    [isNew, id, post, put, toggleNotification, navigate, t]
  );

  const onError = React.useCallback(
    (error: unknown) =>
      toggleNotification({
        type: 'danger',
        message: isFetchError(error) ? formatAPIError(error) : t('templates.save-failed', 'The template could not be saved.'),
      }),
    [toggleNotification, formatAPIError, t]
  );

  if (isLoading || (!isNew && loaded.state === 'loading' && !template)) return <Page.Loading />;
  if (!isNew && !template) return <Page.Error />;

  const title = template ? template.name : t('templates.new', 'New template');
  return (
    <Page.Main>
      <Page.Title>{title}</Page.Title>
      <Layouts.Header
        navigationAction={<BackButton fallback={LIST_URL} />}
        title={title}
        subtitle={
          template ? (
            <Flex gap={2}>
              {t('templates.editor.version', 'Version {version}', { version: template.version })}
              {template.isDefault ? <Badge>{t('templates.badge.default', 'Default')}</Badge> : null}
              {template.itemLevel ? <Badge>{t('templates.badge.item-level', 'Item-level')}</Badge> : null}
              {readOnly ? <Badge>{t('templates.read-only', 'Read only')}</Badge> : null}
            </Flex>
          ) : (
            t('templates.editor.subtitle', 'Stages run in order; each closes when enough of its approvers approve.')
          )
        }
      />
      <Layouts.Content>
        <EditorForm
          key={template ? `${template.id}@${template.version}` : 'new'}
          initial={template ? templateForm(template) : emptyForm()}
          readOnly={readOnly}
          needsPassword={Boolean(template?.itemLevel)}
          submit={submit}
          onError={onError}
        >
          {template ? <Versions versions={template.versions} /> : null}
        </EditorForm>
      </Layouts.Content>
    </Page.Main>
  );
};
