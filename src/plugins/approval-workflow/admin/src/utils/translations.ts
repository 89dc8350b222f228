import { PLUGIN_ID } from '../../../shared/constants';

/** The full message id of one of the plugin's translations (`approval-workflow.<id>`). */
export const getTranslation = (id: string): string => `${PLUGIN_ID}.${id}`;

/**
 * The admin keeps one message catalogue for every plugin: the plugin's keys are prefixed with its
 * id so that they cannot collide with another plugin's.
 */
export const prefixPluginTranslations = (messages: Record<string, string>): Record<string, string> =>
  Object.fromEntries(Object.entries(messages).map(([key, value]) => [getTranslation(key), value]));
