import { createSettingsController } from './settings';

export default {
  settings: createSettingsController,
};
