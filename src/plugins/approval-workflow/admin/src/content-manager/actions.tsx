import * as React from 'react';

import type {
  BulkActionComponent,
  BulkActionComponentProps,
  BulkActionDescription,
  DocumentActionComponent,
  DocumentActionDescription,
  DocumentActionProps,
} from '@strapi/content-manager/strapi-admin';
import { unstable_useContentManagerContext, useForm, useNotification, useQueryParams } from '@strapi/strapi/admin';
import { flushSync } from 'react-dom';
import { useMatch, useNavigate } from 'react-router-dom';

import type { Operation } from '../../../shared/vocabulary';
import { useT, type T } from '../utils/use-t';
import { useEntryStatus, useRefreshApprovalData } from './data';
import { requestRoute, useRequestUrl } from './links';
import { RequestDialog, type DialogConfig } from './RequestDialog';
import { changedFields, paramsOf, transformData, type Values } from './form-data';
import type { CmWrite } from './write';

const SINGLE_TYPES = 'single-types';
/** The content manager's list view (its row menus render the document actions too). */
const LIST_PATH = '/content-manager/:collectionType/:slug';

type Done = Parameters<DialogConfig['onDone']>[0];

type Labels = Record<string, string>;

/** The edit view's field labels by attribute name, as the content manager's layout names them. */
const useFieldLabels = (): Labels => {
  const { layout } = unstable_useContentManagerContext();
  return React.useMemo(
    () => Object.fromEntries(layout.edit.layout.flat(2).map((field) => [field.name, field.label || field.name])),
    [layout.edit.layout]
  );
};

const labelOf = (t: T, operation: Operation | 'bulkPublish' | 'bulkDelete') => {
  switch (operation) {
    case 'publish':
    case 'bulkPublish':
      return t('cm.action.publish', 'Request publish');
    case 'delete':
    case 'bulkDelete':
      return t('cm.action.delete', 'Request deletion');
    default:
      return t('cm.action.update', 'Request change');
  }
};

/** The success notification of an opened, revised or urgent request, with a link to its page. */
const useAnnounce = () => {
  const t = useT();
  const { toggleNotification } = useNotification();
  const requestUrl = useRequestUrl();
  return React.useCallback(
    (outcome: Done, revised: boolean) => {
      if (outcome.kind === 'applied') {
        toggleNotification({ type: 'success', message: t('cm.applied', 'Saved: this change did not need approval.') });
        return;
      }
      const [first] = outcome.requests;
      const many = outcome.requests.length > 1;
      toggleNotification({
        type: 'success',
        title: revised ? t('cm.revised.title', 'Request updated') : t('cm.requested.title', 'Sent for approval'),
        message: revised
          ? t('cm.revised.body', 'Your pending request now holds these changes; its approvals start again.')
          : many
            ? t('cm.requested.many', '{count} approval requests were opened.', { count: outcome.requests.length })
            : first.urgent
              ? t('cm.requested.urgent', 'Your urgent change is applied and still needs approval.')
              : t('cm.requested.body', 'Your change waits for approval. It is applied once approved.'),
        link: { url: requestUrl(first.id), label: t('cm.requested.link', 'View the request') },
        timeout: 8000,
      });
    },
    [t, toggleNotification, requestUrl]
  );
};

/** A dialog's content component, stable for the action's lifetime (the content manager renders it by type). */
const useDialogContent = (config: React.MutableRefObject<DialogConfig | null>) =>
  React.useMemo(
    () =>
      function ApprovalRequestDialog({ onClose }: { onClose: () => void }) {
        return <RequestDialog config={config} onClose={onClose} />;
      },
    [config]
  );

type DocumentKind = 'update' | 'publish' | 'delete';

/**
 * The approval version of a content-manager document action, or null where the content manager's
 * own action stays (the type or entry is not managed for this operation, the viewer bypasses
 * approval, or their role cannot read the status). Its hooks run on every render, whatever it returns.
 */
const useApprovalDocumentAction = (kind: DocumentKind, props: DocumentActionProps, original: DocumentActionDescription | null) => {
  const t = useT();
  const { model, collectionType, documentId, document } = props;
  const inList = useMatch(LIST_PATH) !== null;
  const creating = !documentId && collectionType !== SINGLE_TYPES;
  const operation: Operation = kind === 'update' && creating ? 'create' : kind;
  const locale = typeof document?.locale === 'string' ? document.locale : null;
  // The row menus of the list view ask about the type (one call for the page), the edit view about its entry.
  const status = useEntryStatus(model, inList ? null : documentId, locale);
  const [{ query }] = useQueryParams<Values>();
  const getValues = useForm('ApprovalAction', (state) => state.getValues);
  const initialValues = useForm('ApprovalAction', (state) => state.initialValues);
  const validate = useForm('ApprovalAction', (state) => state.validate);
  const setSubmitting = useForm('ApprovalAction', (state) => state.setSubmitting);
  const resetForm = useForm('ApprovalAction', (state) => state.resetForm);
  const labels = useFieldLabels();
  const { toggleNotification } = useNotification();
  const navigate = useNavigate();
  const refresh = useRefreshApprovalData();
  const announce = useAnnounce();
  const config = React.useRef<DialogConfig | null>(null);
  const Content = useDialogContent(config);

  if (!original) return null;
  if (status.state === 'loading') return { ...original, disabled: true };
  if (status.state === 'failed' || status.data.bypass || !status.data.operations.includes(operation)) return null;
  const urgentAllowed = status.data.urgentAllowed;

  const write: CmWrite = kind === 'delete' ? 'delete' : operation === 'create' ? 'create' : kind;
  const target = { model, collectionType, documentId, params: kind === 'delete' ? { locale: '*' } : paramsOf(query) };

  const onDone = (outcome: Done, revised: boolean) => {
    announce(outcome, revised);
    if (outcome.kind === 'requested' && operation === 'create') {
      // Leaves the create form (a second click cannot open a second request) while it counts as
      // submitting: the form's navigation guard, updated once that state is committed, lets it go.
      flushSync(() => setSubmitting(true));
      navigate(requestRoute(outcome.requests[0].id));
      return;
    }
    if (outcome.kind === 'applied') {
      if (kind === 'delete') navigate(`../${collectionType}/${model}`, { replace: true });
      else if (operation === 'create' && outcome.documentId) navigate(`../${outcome.documentId}`, { relative: 'path', replace: true });
      else resetForm(getValues());
    }
    // A request: the editor's values stay in the form; the side panel says the change awaits approval.
    refresh();
  };

  const onClick = async () => {
    if (kind === 'delete') {
      config.current = { write, target, body: () => undefined, summary: t('cm.dialog.delete', 'Ask for this entry to be deleted. It stays until the request is approved.'), items: [], urgentAllowed, onDone };
      return false;
    }
    const { errors } = await validate(true, { status: kind === 'publish' ? 'published' : 'draft' });
    if (errors) {
      toggleNotification({ type: 'danger', message: t('cm.invalid', 'There are validation errors in your document. Please fix them before sending a request.') });
      return true;
    }
    const values = getValues() as Values;
    const changed = changedFields(values, initialValues as Values).map((name) => labels[name] ?? name);
    const summary =
      kind === 'publish'
        ? t('cm.dialog.publish', 'Ask for this entry to be published{changed, select, true {, with these changes:} other {.}}', { changed: changed.length > 0 })
        : operation === 'create'
          ? t('cm.dialog.create', 'Ask for this entry to be created with these fields:')
          : t('cm.dialog.update', 'Ask for these changes:');
    config.current = { write, target, body: () => transformData(getValues()), summary, items: changed, urgentAllowed, onDone };
    return false;
  };

  return {
    ...original,
    label: labelOf(t, operation),
    onClick,
    dialog: { type: 'modal', title: labelOf(t, operation), content: Content },
    // The publish shortcut would open this dialog without `onClick` having prepared it.
    publishConfirmScope: undefined,
  } satisfies DocumentActionDescription;
};

type BulkKind = 'bulkPublish' | 'bulkDelete';

/** The approval version of a bulk action of the list view, for a managed collection (one request per entry). */
const useApprovalBulkAction = (kind: BulkKind | null, props: BulkActionComponentProps, original: BulkActionDescription | null) => {
  const t = useT();
  const { model, collectionType, documents } = props;
  const status = useEntryStatus(model);
  const [{ query }] = useQueryParams<Values>();
  const refresh = useRefreshApprovalData();
  const announce = useAnnounce();
  const config = React.useRef<DialogConfig | null>(null);
  const Content = useDialogContent(config);

  const operation: Operation = kind === 'bulkPublish' ? 'publish' : 'delete';
  if (!original || !kind) return null;
  if (status.state === 'loading') return { ...original, disabled: true };
  if (status.state === 'failed' || status.data.bypass || !status.data.operations.includes(operation)) return null;
  const documentIds = documents.map((document) => document.documentId);
  const onDone = (outcome: Done, revised: boolean) => {
    announce(outcome, revised);
    refresh();
  };
  const onClick = () => {
    config.current = {
      write: kind,
      target: { model, collectionType, params: paramsOf(query) },
      body: () => ({ documentIds }),
      summary:
        kind === 'bulkPublish'
          ? t('cm.dialog.bulk-publish', 'Ask for {count, plural, one {# entry} other {# entries}} to be published: one request each.', { count: documentIds.length })
          : t('cm.dialog.bulk-delete', 'Ask for {count, plural, one {# entry} other {# entries}} to be deleted: one request each.', { count: documentIds.length }),
      items: [],
      urgentAllowed: status.data.urgentAllowed,
      onDone,
    };
  };
  return {
    ...original,
    label: labelOf(t, kind),
    onClick,
    dialog: { type: 'modal', title: labelOf(t, kind), content: Content },
  } satisfies BulkActionDescription;
};

/** Wraps a content-manager document action: its own hooks always run, and it stays itself where approval does not apply. */
const wrapDocumentAction = (Original: DocumentActionComponent, kind: DocumentKind): DocumentActionComponent => {
  const Wrapped: DocumentActionComponent = (props) => {
    const original = Original(props);
    return useApprovalDocumentAction(kind, props, original) ?? original;
  };
  // Same name: the content manager picks some actions by name (the list view leaves out `PublishAction`).
  Object.defineProperty(Wrapped, 'name', { value: Original.name });
  Wrapped.type = Original.type;
  Wrapped.position = Original.position;
  return Wrapped;
};

const BULK_KINDS: Partial<Record<string, BulkKind>> = { publish: 'bulkPublish', delete: 'bulkDelete' };

/** The content manager's bulk publish has no `type`: its description says `actionType: 'publish'`. */
const bulkKindOf = (Original: BulkActionComponent, description: BulkActionDescription | null): BulkKind | null => {
  const type = Original.type ?? (description as { actionType?: string } | null)?.actionType;
  return (type && BULK_KINDS[type]) || null;
};

const wrapBulkAction = (Original: BulkActionComponent): BulkActionComponent => {
  const Wrapped: BulkActionComponent = (props) => {
    const original = Original(props);
    return useApprovalBulkAction(bulkKindOf(Original, original), props, original) ?? original;
  };
  Object.defineProperty(Wrapped, 'name', { value: Original.name });
  Wrapped.type = Original.type;
  return Wrapped;
};

const DOCUMENT_KINDS: Partial<Record<string, DocumentKind>> = { update: 'update', publish: 'publish', delete: 'delete' };

/** The content manager's save, publish and delete, each in its approval version where approval applies. */
export const withApprovalActions = (actions: DocumentActionComponent[]) =>
  actions.map((action) => {
    const kind = action.type ? DOCUMENT_KINDS[action.type] : undefined;
    return kind ? wrapDocumentAction(action, kind) : action;
  });

/** The list view's bulk publish and delete, each in its approval version for managed collections. */
export const withApprovalBulkActions = (actions: BulkActionComponent[]) =>
  actions.map((action) => (!action.type || BULK_KINDS[action.type] ? wrapBulkAction(action) : action));
