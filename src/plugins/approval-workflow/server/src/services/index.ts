import { createApplyService, type ApplyService } from './apply';
import { createAuditService, type AuditService } from './audit';
import { createDirectoryService, type DirectoryService } from './directory';
import { createEntriesService, type EntriesService } from './entries';
import { createGroupsService, type GroupsService } from './groups';
import { createManagedObjectsService, type ManagedObjectsService } from './managed-objects';
import { createOutboxService, type OutboxService } from './outbox';
import { createProposalService, type ProposalService } from './proposal';
import { createRequestsService, type RequestsService } from './requests';
import { createSettingsService, type SettingsService } from './settings';
import { createSnapshotService, type SnapshotService } from './snapshot';
import { createTemplatesService, type TemplatesService } from './templates';

export default {
  apply: createApplyService,
  audit: createAuditService,
  directory: createDirectoryService,
  entries: createEntriesService,
  groups: createGroupsService,
  managedObjects: createManagedObjectsService,
  outbox: createOutboxService,
  proposal: createProposalService,
  requests: createRequestsService,
  settings: createSettingsService,
  snapshot: createSnapshotService,
  templates: createTemplatesService,
};

export interface Services {
  apply: ApplyService;
  audit: AuditService;
  directory: DirectoryService;
  entries: EntriesService;
  groups: GroupsService;
  managedObjects: ManagedObjectsService;
  outbox: OutboxService;
  proposal: ProposalService;
  requests: RequestsService;
  settings: SettingsService;
  snapshot: SnapshotService;
  templates: TemplatesService;
}
