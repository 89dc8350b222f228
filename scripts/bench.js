#!/usr/bin/env node
// `npm run bench`: the figures of issue 13, measured from outside against the built app (run
// `NODE_ENV=production npm run build` first; the plugin is rebuilt when stale). Not a test: it
// prints a table per database and fails only when something answers wrongly.
//
//   BENCH_DB=sqlite|postgres|both (default both; PostgreSQL on 127.0.0.1:5432, user postgres, a
//            throw-away database created and dropped here; BENCH_PG_HOST/PORT/USER/PASSWORD)
//   BENCH_SCALE=full|small (default full: inbox 10k → 100k, sweep and outbox 10k, 200 at once;
//            small: 1k → 10k, 1k, 50 at once)
//   BENCH_ONLY=writes,concurrent,inbox,sweep,outbox (default all)
//   BENCH_SWEEP_EVERY=5 (seconds between two runs of the sweep's cron while it is measured)
//
// Per database: one app instance (the demo seeded, a local SMTP server as its mail server, the
// sweep off) for the write path and the inbox; then the sweep (cron every 5 s) and the outbox (cron
// every second) on two instances of one database for PostgreSQL (one for SQLite: a single writer).
const os = require('node:os');
const path = require('node:path');
const { SMTPServer } = require('smtp-server');
const { withBuiltApp, root } = require('./lib/built-app');
const { createDatabase } = require('./bench/database');
const { login } = require('./bench/http');
const { createReport } = require('./bench/report');
const scenarios = require('./bench/scenarios');

const SCALES = {
  full: { rounds: 6, opsPerRound: 25, concurrent: 200, concurrentRounds: 3, inboxPending: 10_000, inboxTotal: 100_000, inboxSamples: 100, sweepDue: 10_000, sweepLeadSeconds: 20, outboxMessages: 10_000, timeoutS: 900 },
  small: { rounds: 4, opsPerRound: 10, concurrent: 50, concurrentRounds: 2, inboxPending: 1_000, inboxTotal: 10_000, inboxSamples: 40, sweepDue: 1_000, sweepLeadSeconds: 10, outboxMessages: 1_000, timeoutS: 300 },
};
const SCENARIOS = ['writes', 'concurrent', 'inbox', 'sweep', 'outbox'];

const scaleName = process.env.BENCH_SCALE ?? 'full';
if (!SCALES[scaleName]) throw new Error(`BENCH_SCALE: ${Object.keys(SCALES).join(' or ')}, not ${scaleName}`);
// The sweep's cron runs every BENCH_SWEEP_EVERY seconds (default 5, as the measurement): due stages are timed from a tick.
const scale = { ...SCALES[scaleName], sweepEverySeconds: Number(process.env.BENCH_SWEEP_EVERY ?? 5) };
if (!(scale.sweepEverySeconds >= 1 && 60 % scale.sweepEverySeconds === 0)) throw new Error('BENCH_SWEEP_EVERY: seconds that divide a minute (1, 2, 5, 10…)');
const databases = (process.env.BENCH_DB ?? 'both') === 'both' ? ['sqlite', 'postgres'] : [process.env.BENCH_DB];
const only = process.env.BENCH_ONLY ? process.env.BENCH_ONLY.split(',').map((s) => s.trim()) : SCENARIOS;
for (const name of only) if (!SCENARIOS.includes(name)) throw new Error(`BENCH_ONLY: some of ${SCENARIOS.join(', ')}, not ${name}`);
const wanted = (name) => only.includes(name);

// The demo's accounts as the built app knows them: the approval admin, an editor, an approver.
const { DEMO_ACCOUNTS } = require(path.join(root, 'dist', 'src', 'seed', 'demo.js'));
const account = (key) => DEMO_ACCOUNTS.find((a) => a.key === key);
const accounts = { admin: account('admin'), editor: account('editor'), approver: account('legal') };

/** A local SMTP server that accepts everything and counts it (nothing is parsed: the sender's time is measured, not ours). */
const startSmtp = () =>
  new Promise((resolve) => {
    const state = { count: 0 };
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onData(stream, _session, callback) {
        stream.on('end', () => {
          state.count += 1;
          callback();
        });
        stream.resume();
      },
    });
    server.listen(0, '127.0.0.1', () => resolve(Object.assign(state, { port: server.server.address().port, stop: () => new Promise((done) => server.close(done)) })));
  });

/** `count` instances of the app on one database, started one after the other; `work(bases)`. */
const withInstances = (count, name, env, work, bases = []) =>
  bases.length === count ? work(bases) : withBuiltApp({ name: `${name}-${bases.length + 1}`, env }, (base) => withInstances(count, name, env, work, [...bases, base]));

const step = async (label, work) => {
  const started = performance.now();
  console.log(`bench: ${label}…`);
  await work();
  console.log(`bench: ${label} done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
};

const benchmark = async (client, smtp) => {
  const database = await createDatabase(client);
  const sql = await database.connect();
  const report = createReport(`${client} (BENCH_SCALE=${scaleName}; load average at start ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores)`);
  const env = {
    ...database.env,
    SEED_DEMO: 'true',
    SMTP_HOST: '127.0.0.1',
    SMTP_PORT: String(smtp.port),
    STRAPI_LOG_LEVEL: process.env.STRAPI_LOG_LEVEL ?? 'warn',
    // No sweep while the write path and the inbox are measured (once a year).
    APPROVAL_SWEEP_CRON: '0 0 1 1 *',
  };
  const context = { scale, report, sql, shared: {}, smtp };
  try {
    await withBuiltApp({ name: `bench-${client}`, env }, async (base) => {
      const actors = await scenarios.logIn(base, accounts, login);
      context.setup = { ...actors, ...(await scenarios.prepare(actors)) };
      if (wanted('writes')) {
        await step('unmanaged writes', () => scenarios.unmanagedWrites(context));
        await step('request open vs create', () => scenarios.openVersusCreate(context));
        await step('approve vs update', () => scenarios.approveVersusUpdate(context));
      }
      if (wanted('concurrent')) await step('concurrent approvers', () => scenarios.concurrentApprovers(context));
      if (wanted('inbox')) await step('inbox', () => scenarios.inbox(context));
    });
    if (wanted('sweep') || wanted('outbox')) {
      const instances = client === 'sqlite' ? 1 : 2;
      const frequent = { ...env, APPROVAL_SWEEP_CRON: `*/${scale.sweepEverySeconds} * * * * *`, APPROVAL_OUTBOX_CRON: '* * * * * *' };
      await withInstances(instances, `bench-${client}`, frequent, async ([base]) => {
        // A new process: log in again (the sessions of the first one are in the database, but a token may have run out).
        Object.assign(context.setup, await scenarios.logIn(base, accounts, login));
        if (wanted('sweep')) await step('sweep', () => scenarios.sweep({ ...context, instances, outboxNext: wanted('outbox') }));
        if (wanted('outbox')) await step('outbox', () => scenarios.outbox({ ...context, instances }));
      });
    }
  } finally {
    await sql.close();
    await database.drop();
  }
  report.print();
  return report;
};

const main = async () => {
  const started = performance.now();
  const smtp = await startSmtp();
  const reports = [];
  try {
    for (const client of databases) reports.push(await benchmark(client, smtp));
  } finally {
    await smtp.stop();
  }
  console.log(`\nbench: BENCH_SCALE=${scaleName} BENCH_DB=${databases.join(',')} BENCH_ONLY=${only.join(',')} — ${((performance.now() - started) / 1000).toFixed(0)} s in all`);
  if (reports.length > 1) for (const report of reports) report.print();
};

main().catch((error) => {
  console.error(`bench: FAILED - ${error.stack ?? error.message}`);
  process.exitCode = 1;
});
