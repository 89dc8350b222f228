import { createAuditService, type AuditService } from './audit';
import { createSettingsService, type SettingsService } from './settings';

export default {
  audit: createAuditService,
  settings: createSettingsService,
};

export interface Services {
  audit: AuditService;
  settings: SettingsService;
}
