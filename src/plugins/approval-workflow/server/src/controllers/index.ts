import { createAuditController } from './audit';
import { createEntriesController } from './entries';
import { createGroupsController } from './groups';
import { createManagedObjectsController } from './managed-objects';
import { createRequestsController } from './requests';
import { createSettingsController } from './settings';
import { createTemplatesController } from './templates';

export default {
  audit: createAuditController,
  entries: createEntriesController,
  groups: createGroupsController,
  'managed-objects': createManagedObjectsController,
  requests: createRequestsController,
  settings: createSettingsController,
  templates: createTemplatesController,
};
