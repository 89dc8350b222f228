import { AsyncLocalStorage } from 'node:async_hooks';

const scope = new AsyncLocalStorage<'plugin-apply'>();

/**
 * The plugin's own writes (applying an approved change) pass the interceptor through this one
 * explicit scope, never through a parameter a caller could forge.
 */
export const asPluginApply = <T>(work: () => Promise<T>): Promise<T> => scope.run('plugin-apply', work);

export const isPluginApply = (): boolean => scope.getStore() === 'plugin-apply';
