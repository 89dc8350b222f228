import auditEvent from './audit-event';
import auditHead from './audit-head';
import decision from './decision';
import externalLink from './external-link';
import group from './group';
import managedObject from './managed-object';
import outbox from './outbox';
import request from './request';
import requestParty from './request-party';
import template from './template';
import templateVersion from './template-version';

export default {
  template,
  'template-version': templateVersion,
  group,
  'managed-object': managedObject,
  request,
  'request-party': requestParty,
  'outbox-message': outbox,
  decision,
  'external-link': externalLink,
  'audit-event': auditEvent,
  'audit-head': auditHead,
};
