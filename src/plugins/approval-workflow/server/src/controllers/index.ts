import { createAuditController } from './audit';
import { createDirectoryController } from './directory';
import { createEntriesController } from './entries';
import { createExternalController } from './external';
import { createGroupsController } from './groups';
import { createManagedObjectsController } from './managed-objects';
import { createOutboxController } from './outbox';
import { createRequestsController } from './requests';
import { createSettingsController } from './settings';
import { createTemplatesController } from './templates';

export default {
  audit: createAuditController,
  directory: createDirectoryController,
  entries: createEntriesController,
  external: createExternalController,
  groups: createGroupsController,
  'managed-objects': createManagedObjectsController,
  outbox: createOutboxController,
  requests: createRequestsController,
  settings: createSettingsController,
  templates: createTemplatesController,
};
