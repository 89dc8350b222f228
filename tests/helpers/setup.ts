/**
 * Before each integration test file (jest.config.ts `setupFiles`): the app under test hashes
 * passwords with bcrypt's lowest cost (4 rounds) instead of the 10 that Strapi's admin and
 * users-permissions ask for. A cost-10 hash or check takes about 90 ms of CPU, and every actor a
 * test makes is hashed once and checked once at its login over HTTP: that was most of the time of
 * some files (permissions.test.ts makes about 70 users). Still the real bcrypt and the real
 * routes: a wrong password is refused all the same; only the work factor, which no test is about,
 * is lower. (The instances in child processes, startAppProcess, keep Strapi's cost.)
 */
jest.mock('bcryptjs', () => {
  interface Bcrypt {
    hash(text: string, salt: string | number, ...rest: unknown[]): unknown;
    hashSync(text: string, salt?: string | number): string;
  }
  const bcrypt = jest.requireActual<Bcrypt>('bcryptjs');
  const cheap = (salt: string | number | undefined) => (typeof salt === 'number' ? 4 : salt);
  return {
    ...bcrypt,
    hash: (text: string, salt: string | number, ...rest: unknown[]) => bcrypt.hash(text, cheap(salt)!, ...rest),
    hashSync: (text: string, salt?: string | number) => bcrypt.hashSync(text, cheap(salt)),
  };
});
