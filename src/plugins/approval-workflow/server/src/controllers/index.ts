import { createAuditController } from './audit';
import { createGroupsController } from './groups';
import { createManagedObjectsController } from './managed-objects';
import { createRequestsController } from './requests';
import { createSettingsController } from './settings';
import { createTemplatesController } from './templates';

export default {
  audit: createAuditController,
  groups: createGroupsController,
  'managed-objects': createManagedObjectsController,
  requests: createRequestsController,
  settings: createSettingsController,
  templates: createTemplatesController,
};
