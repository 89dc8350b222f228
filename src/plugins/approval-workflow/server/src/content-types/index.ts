import auditEvent from './audit-event';
import auditHead from './audit-head';
import decision from './decision';
import group from './group';
import managedObject from './managed-object';
import request from './request';
import template from './template';
import templateVersion from './template-version';

export default {
  template,
  'template-version': templateVersion,
  group,
  'managed-object': managedObject,
  request,
  decision,
  'audit-event': auditEvent,
  'audit-head': auditHead,
};
