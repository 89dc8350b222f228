/**
 * The first writes of a fresh installation, at the same moment. Later writes serialize on rows
 * they lock (the audit chain head, the settings' store row); those rows exist from bootstrap on,
 * so that two first writers do not both create one.
 */
import { startApp, type TestApp } from './helpers/app';

let app: TestApp;
const N = 6;

const service = <T>(name: string) => app.strapi.plugin('approval-workflow').service(name) as T;

beforeAll(async () => {
  // Not a copy of the test run's template: Strapi builds every table, as on a real first start.
  app = await startApp({}, { template: false });
});
afterAll(async () => {
  await app.stop();
});

it(`${N} audited writes at once on a fresh database: all recorded, in one unbroken chain`, async () => {
  const audit = service<{
    append(entries: Array<Record<string, unknown>>): Promise<void>;
    verify(): Promise<{ valid: boolean; checked: number }>;
  }>('audit');
  const results = await Promise.allSettled(
    Array.from({ length: N }, (_, i) => audit.append([{ action: 'rule-created', actor: 'system', at: new Date().toISOString(), details: { i } }]))
  );
  expect(results.map((r) => (r.status === 'rejected' ? String(r.reason) : r.status))).toEqual(Array(N).fill('fulfilled'));
  expect(await audit.verify()).toEqual({ valid: true, checked: N, brokenAt: null, reason: null });
});

it('the first settings updates, of different fields at once: every field kept', async () => {
  const settings = service<{
    update(patch: Record<string, unknown>, actor: string): Promise<unknown>;
    get(): Promise<Record<string, unknown>>;
  }>('settings');
  const wanted = { urgentMode: true, reminderIntervalMinutes: 61, escalationAfterMinutes: 121 };
  await Promise.all(Object.entries(wanted).map(([field, value]) => settings.update({ [field]: value }, 'system')));
  expect(await settings.get()).toMatchObject(wanted);
});
