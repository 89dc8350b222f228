import type { Core } from '@strapi/strapi';
import { WEBHOOK_EVENTS, type WebhookEvent } from '../../../../shared/constants';
import type { RequestState } from '../../domain';
import type { RequestRecord, StepRecord } from './store';

/** What a webhook says of a request: who, what, where — never the proposed values. */
export interface WebhookRequest {
  id: string;
  status: RequestState['status'];
  operation: RequestRecord['operation'];
  uid: string;
  documentId: string | null;
  locale: string | null;
  urgent: boolean;
  requester: string;
  template: { id: string; version: number; name: string };
}

/** The event a closed request's final status sends. */
const CLOSING: Partial<Record<RequestState['status'], WebhookEvent>> = {
  approved: WEBHOOK_EVENTS.APPROVAL_REQUEST_APPROVED,
  declined: WEBHOOK_EVENTS.APPROVAL_REQUEST_DECLINED,
  cancelled: WEBHOOK_EVENTS.APPROVAL_REQUEST_CANCELLED,
  failed: WEBHOOK_EVENTS.APPROVAL_REQUEST_FAILED,
  expired: WEBHOOK_EVENTS.APPROVAL_REQUEST_EXPIRED,
};

/**
 * The webhook events of one step of a request, in the order they happened: `created` when it
 * opened; `delegated` per delegation; `applied` when its change was applied (an urgent request is
 * applied while still pending); the closing status (`approved`, `declined`, `cancelled`, `failed`,
 * `expired`) when it closed in this step.
 */
export const webhookEventsOf = (before: RequestState | null, after: RequestState, auditActions: string[], applied: boolean): WebhookEvent[] => {
  const events: WebhookEvent[] = [];
  if (before === null) events.push(WEBHOOK_EVENTS.APPROVAL_REQUEST_CREATED);
  for (const action of auditActions) if (action === 'delegated') events.push(WEBHOOK_EVENTS.APPROVAL_REQUEST_DELEGATED);
  if (applied) events.push(WEBHOOK_EVENTS.APPROVAL_REQUEST_APPLIED);
  const closing = before?.status !== after.status || before === null ? CLOSING[after.status] : undefined;
  if (closing) events.push(closing);
  return events;
};

/** The request as webhooks show it. */
export const webhookRequestOf = (record: StepRecord, state: RequestState, documentId: string | null): WebhookRequest => ({
  id: record.id,
  status: state.status,
  operation: record.operation,
  uid: record.uid,
  documentId,
  locale: record.locale,
  urgent: record.urgent,
  requester: record.requester,
  template: { id: state.rule.id, version: state.rule.version, name: state.rule.name },
});

/** Registers the events with Strapi's webhook store, so `/admin/webhooks` accepts them. */
export const registerWebhookEvents = (strapi: Core.Strapi) => {
  for (const [key, event] of Object.entries(WEBHOOK_EVENTS)) strapi.get('webhookStore').addAllowedEvent(key, event);
};

/** Sends the events through Strapi's event hub (its webhook runner posts `{ event, createdAt, request }`). */
export const emitWebhooks = (strapi: Core.Strapi, events: Array<{ event: WebhookEvent; request: WebhookRequest }>) => {
  for (const { event, request } of events) void strapi.eventHub.emit(event, { request });
};
