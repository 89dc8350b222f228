// What the benchmark measures, one function per figure of issue 13. Everything goes through the
// public HTTP routes (content manager, /approval-workflow/*) as the demo's accounts, except what
// only SQL can do fast enough or check from outside: 100k requests and 10k due stages are copies
// of requests made over HTTP (see seed.js), 10k mails are copies of a real outbox message, and the
// exactly-once checks count rows.
const { expect, inParallel, quantile, sleep } = require('./http');
const { literal } = require('./database');
const { REQUESTS, PREFIX, copyRequest, copyOutboxMessage, requestRow, averageRowBytes } = require('./seed');

const ARTICLE = 'api::article.article';
const SECTION = 'api::section.section';
const cm = (uid, documentId) => `/content-manager/collection-types/${uid}${documentId ? `/${documentId}` : ''}`;
const AUDIT = `${PREFIX}audit_events`;
const OUTBOX = `${PREFIX}outbox`;

// About 1 KB of text: with its base (the article as it was) and the engine state, a request row is ~3 KB.
const BODY = Array.from({ length: 9 }, (_, i) => `Paragraph ${i + 1}: what the editors changed, and why the approvers should care.`).join('\n\n');
let serial = 0;
const article = (label) => ({ title: `Bench ${label} ${(serial += 1)}`, body: BODY });

/** The request an intercepted content-manager write opened (the admin API answers 400 ApprovalRequiredError with it). */
const openedRequest = (res, what) => {
  if (res.status !== 400 || res.body?.error?.name !== 'ApprovalRequiredError') throw new Error(`${what}: expected an approval request, got ${res.status} ${JSON.stringify(res.body).slice(0, 400)}`);
  return res.body.error.details.approvalRequest.id;
};

/** Creates `count` articles as the approval admin (applied directly), a few at a time; their document ids. */
const createArticles = (admin, count, label) =>
  inParallel(Array.from({ length: count }), 4, async () => expect(await admin.as('POST', cm(ARTICLE), article(label)), [200, 201], 'create article').body.data.documentId);

/** The editor's update of each article: one pending request each; their ids. */
const openUpdates = (editor, documentIds) =>
  inParallel(documentIds, 4, async (documentId) => openedRequest(await editor.as('PUT', cm(ARTICLE, documentId), article('proposal')), 'open update request'));

/**
 * Alternating rounds: round 0 warms up (not recorded), then every round runs each variant once,
 * the order reversed every other round (ABBA…), so that drift of a shared machine falls on both.
 * `run(record)` records milliseconds under a key: `record(key, ms)`.
 */
const alternate = async (rounds, variants) => {
  const samples = Object.fromEntries(variants.map((v) => [v.name, {}]));
  for (let round = 0; round <= rounds; round += 1) {
    const order = round % 2 === 1 ? [...variants].reverse() : variants;
    for (const variant of order) {
      await variant.enter?.();
      await variant.run((key, ms) => {
        if (round === 0) return;
        (samples[variant.name][key] ??= []).push(ms);
      });
    }
  }
  return samples;
};

/** The demo's approval admin, editor and approver (Lee Legal: no right to read every request), logged in on `base`. */
const logIn = async (base, accounts, login) => {
  const [admin, editor, approver] = await Promise.all([login(base, accounts.admin), login(base, accounts.editor), login(base, accounts.approver)]);
  return { admin, editor, approver };
};

/** The setup every scenario starts from: nothing managed, and two templates for the one approver. */
const prepare = async ({ admin, approver }) => {
  const managed = expect(await admin.as('GET', '/approval-workflow/managed-objects?pageSize=100'), [200], 'list managed objects').body.data;
  for (const object of managed) expect(await admin.as('DELETE', `/approval-workflow/managed-objects/${object.id}`), [200], 'unmark');
  const template = async (name, stage) =>
    expect(
      await admin.as('POST', '/approval-workflow/templates', { name, stages: [{ name: 'Approver', obligations: [{ kind: 'user', principal: approver.principal }], ...stage }] }),
      [201],
      `template ${name}`
    ).body.data.id;
  return { templates: { oneStep: await template('Bench: one approver', {}), expiring: await template('Bench: expires', { timeSpanMinutes: 60, onExpiry: 'deny' }) }, articlesManaged: null };
};

/** Articles managed (with the one-approver template) or not: marked or unmarked over the API. */
const manageArticles = async (setup, managed) => {
  if (managed && !setup.articlesManaged) {
    setup.articlesManaged = expect(
      await setup.admin.as('POST', '/approval-workflow/managed-objects', { kind: 'collection', uid: ARTICLE, templateId: setup.templates.oneStep }),
      [201],
      'mark articles'
    ).body.data.id;
  }
  if (!managed && setup.articlesManaged) {
    expect(await setup.admin.as('DELETE', `/approval-workflow/managed-objects/${setup.articlesManaged}`), [200], 'unmark articles');
    setup.articlesManaged = null;
  }
};

/** Sections (never managed) written by the editor, with articles managed vs nothing managed at all. */
const unmanagedWrites = async ({ setup, scale, report }) => {
  const write = async (record) => {
    for (let i = 0; i < scale.opsPerRound; i += 1) {
      const created = expect(await setup.editor.as('POST', cm(SECTION), { name: `Bench section ${(serial += 1)}`, description: BODY }), [200, 201], 'create section');
      record('create', created.ms);
      const updated = expect(
        await setup.editor.as('PUT', cm(SECTION, created.body.data.documentId), { name: `Bench section ${(serial += 1)}`, description: `${BODY}\nEdited.` }),
        [200],
        'update section'
      );
      record('update', updated.ms);
    }
  };
  const samples = await alternate(scale.rounds, [
    { name: 'plugin', enter: () => manageArticles(setup, true), run: write },
    { name: 'baseline', enter: () => manageArticles(setup, false), run: write },
  ]);
  for (const key of ['create', 'update']) {
    report.ratio(`unmanaged ${key} (section; articles managed vs nothing managed)`, samples.plugin[key], samples.baseline[key], '≈1.00');
  }
};

/** The editor's create of a managed article (a request opens) vs the approval admin's create of one (applied). */
const openVersusCreate = async ({ setup, scale, report }) => {
  await manageArticles(setup, true);
  const samples = await alternate(scale.rounds, [
    {
      name: 'open',
      run: async (record) => {
        for (let i = 0; i < scale.opsPerRound; i += 1) {
          const res = await setup.editor.as('POST', cm(ARTICLE), article('new'));
          openedRequest(res, 'open create request');
          record('ms', res.ms);
        }
      },
    },
    {
      name: 'create',
      run: async (record) => {
        for (let i = 0; i < scale.opsPerRound; i += 1) record('ms', expect(await setup.admin.as('POST', cm(ARTICLE), article('new')), [200, 201], 'create article').ms);
      },
    },
  ]);
  report.ratio('request open vs plain create (article)', samples.open.ms, samples.create.ms, '≤1.10');
};

/** The approver's approval of an update (applied in the same call) vs the approval admin's plain update. */
const approveVersusUpdate = async ({ setup, scale, report }) => {
  await manageArticles(setup, true);
  const plain = await createArticles(setup.admin, scale.opsPerRound, 'plain');
  const samples = await alternate(scale.rounds, [
    {
      name: 'approve',
      run: async (record) => {
        const requests = await openUpdates(setup.editor, await createArticles(setup.admin, scale.opsPerRound, 'approved'));
        for (const id of requests) {
          const res = expect(await setup.approver.as('POST', `/approval-workflow/requests/${id}/approve`, {}), [200], 'approve');
          if (res.body.data.status !== 'approved') throw new Error(`approve ${id}: the request is ${res.body.data.status}, not approved`);
          record('ms', res.ms);
        }
      },
    },
    {
      name: 'update',
      run: async (record) => {
        for (const documentId of plain) record('ms', expect(await setup.admin.as('PUT', cm(ARTICLE, documentId), article('updated')), [200], 'update article').ms);
      },
    },
  ]);
  report.ratio('approve+apply vs plain update (article)', samples.approve.ms, samples.update.ms, 'no regression');
};

/** `count` approvals at once vs `count` plain updates at once, in alternating rounds: errors and throughput. */
const concurrentApprovers = async ({ setup, scale, report }) => {
  await manageArticles(setup, true);
  const count = scale.concurrent;
  const plain = await createArticles(setup.admin, count, 'plain');
  const burst = async (calls) => {
    const started = performance.now();
    const results = await Promise.all(calls.map((c) => c().catch((error) => ({ status: 0, body: String(error) }))));
    return { seconds: (performance.now() - started) / 1000, results };
  };
  const totals = { approve: { seconds: 0, calls: 0, errors: 0 }, update: { seconds: 0, calls: 0, errors: 0 } };
  const samples = await alternate(scale.concurrentRounds, [
    {
      name: 'approve',
      run: async (record) => {
        const requests = await openUpdates(setup.editor, await createArticles(setup.admin, count, 'concurrent'));
        const { seconds, results } = await burst(requests.map((id) => () => setup.approver.as('POST', `/approval-workflow/requests/${id}/approve`, {})));
        record('seconds', seconds);
        record('errors', results.filter((r) => r.status !== 200 || r.body?.data?.status !== 'approved').length);
      },
    },
    {
      name: 'update',
      run: async (record) => {
        const { seconds, results } = await burst(plain.map((documentId) => () => setup.admin.as('PUT', cm(ARTICLE, documentId), article('concurrent'))));
        record('seconds', seconds);
        record('errors', results.filter((r) => r.status !== 200).length);
      },
    },
  ]);
  for (const kind of ['approve', 'update']) {
    totals[kind].seconds = samples[kind].seconds.reduce((a, b) => a + b, 0);
    totals[kind].calls = count * samples[kind].seconds.length;
    totals[kind].errors = samples[kind].errors.reduce((a, b) => a + b, 0);
  }
  const rate = (t) => t.calls / t.seconds;
  report.row(
    `${count} concurrent approvals vs ${count} plain updates`,
    `${rate(totals.approve).toFixed(1)}/s, ${totals.approve.errors} errors`,
    `${rate(totals.update).toFixed(1)}/s, ${totals.update.errors} errors`,
    (rate(totals.approve) / rate(totals.update)).toFixed(2),
    '≈1.00, 0 errors'
  );
};

/** The pending request (awaiting the approver) and the approved one that the inbox's rows are copies of. */
const requestTemplates = async (setup) => {
  await manageArticles(setup, true);
  const [pendingTarget, approvedTarget] = await createArticles(setup.admin, 2, 'template');
  const [pending, approved] = await openUpdates(setup.editor, [pendingTarget, approvedTarget]);
  expect(await setup.approver.as('POST', `/approval-workflow/requests/${approved}/approve`, {}), [200], 'approve template request');
  return { pending: { documentId: pending, targetDocumentId: pendingTarget }, approved: { documentId: approved, targetDocumentId: approvedTarget } };
};

const count = async (sql, table, where) => Number((await sql.all(`SELECT COUNT(*) AS n FROM ${table} WHERE ${where}`))[0].n);

/**
 * The inbox at two sizes: `inboxPending` pending requests awaiting the approver, then as many
 * more closed (approved) ones as make `inboxTotal`. p50/p95 of three lists, interleaved.
 */
const inbox = async ({ setup, scale, report, sql, shared }) => {
  const templates = await requestTemplates(setup);
  shared.pendingCopies = scale.inboxPending;
  const lists = [
    ['awaiting=me (approver)', setup.approver, '/approval-workflow/requests?awaiting=me'],
    ['status=pending (approver)', setup.approver, '/approval-workflow/requests?status=pending'],
    ['status=pending (approval admin)', setup.admin, '/approval-workflow/requests?status=pending'],
  ];
  const measure = async () => {
    const ms = lists.map(() => []);
    let totals = [];
    for (let i = -5; i < scale.inboxSamples; i += 1) {
      for (let j = 0; j < lists.length; j += 1) {
        const k = (((i + j) % lists.length) + lists.length) % lists.length;
        const [what, who, path] = lists[k];
        const res = expect(await who.as('GET', path), [200], what);
        if (i >= 0) ms[k].push(res.ms);
        totals[k] = res.body.meta.pagination.total;
      }
    }
    return { ms, totals };
  };

  let started = performance.now();
  await copyRequest(sql, { ...templates.pending, prefix: 'bnchp', from: 1, to: scale.inboxPending, spacingMs: 60_000 });
  await sql.analyze();
  const small = { rows: await count(sql, REQUESTS, '1 = 1'), seeded: (performance.now() - started) / 1000 };
  const bytes = await averageRowBytes(sql, `document_id LIKE 'bnchp%'`);
  const first = await measure();

  started = performance.now();
  await copyRequest(sql, { ...templates.approved, prefix: 'bnchc', from: 1, to: scale.inboxTotal - scale.inboxPending, spacingMs: 90_000 });
  await sql.analyze();
  const large = { rows: await count(sql, REQUESTS, '1 = 1'), seeded: (performance.now() - started) / 1000 };
  const second = await measure();

  report.note(
    `inbox: ${small.rows} requests (seeded in ${small.seeded.toFixed(1)} s), then ${large.rows} (+${large.seeded.toFixed(1)} s); a request row ≈ ${(bytes / 1024).toFixed(1)} KB as JSON`
  );
  lists.forEach(([what], k) => {
    const p = (sample, q) => quantile(sample.ms[k], q);
    report.row(`inbox ${what} at ${small.rows} (total ${first.totals[k]})`, `p50 ${p(first, 0.5).toFixed(1)} ms, p95 ${p(first, 0.95).toFixed(1)} ms`, '', '', '');
    report.row(`inbox ${what} at ${large.rows} (total ${second.totals[k]})`, `p50 ${p(second, 0.5).toFixed(1)} ms, p95 ${p(second, 0.95).toFixed(1)} ms`, '', '', k === 0 ? 'p95 ≤ 30 ms' : '');
    report.row(`inbox ${what} growth ${small.rows}→${large.rows} (p95)`, '', '', `×${(p(second, 0.95) / p(first, 0.95)).toFixed(2)}`, '≤ ×1.5');
  });
};

/** Waits until `done()` is true (polled), or `timeoutS` has passed; the seconds it took, or null. */
const waitFor = async (done, started, timeoutS) => {
  for (;;) {
    if (await done()) return (performance.now() - started) / 1000;
    if ((performance.now() - started) / 1000 > timeoutS) return null;
    await sleep(100);
  }
};

/**
 * `sweepDue` pending requests whose stage runs out of time (auto-deny) at one moment, on every
 * running instance: the copies are made due at a tick of the sweep's cron (every
 * `sweepEverySeconds`, on the second), so the time from that moment until none is pending is the
 * sweep's own. Then exactly once — every closed request expired, one `expired` audit entry each,
 * no action audited twice for one request, one "decided" mail each, the audit chain verifies.
 */
const sweep = async ({ setup, scale, report, sql, instances, outboxNext }) => {
  const n = scale.sweepDue;
  const expiring = expect(
    await setup.admin.as('POST', '/approval-workflow/managed-objects', { kind: 'collection', uid: SECTION, templateId: setup.templates.expiring }),
    [201],
    'mark sections'
  ).body.data.id;
  const section = expect(await setup.admin.as('POST', cm(SECTION), { name: `Bench expiring ${(serial += 1)}`, description: BODY }), [200, 201], 'create section').body.data.documentId;
  const id = openedRequest(await setup.editor.as('PUT', cm(SECTION, section), { name: `Bench expiring ${(serial += 1)}`, description: `${BODY}\nLate.` }), 'open expiring request');
  expect(await setup.admin.as('DELETE', `/approval-workflow/managed-objects/${expiring}`), [200], 'unmark sections');

  // The copies' stage runs out at a tick of the cron, far enough ahead for the copies to be written
  // first: the deadline in the state and the due time in the row.
  const row = await requestRow(sql, id);
  const state = typeof row.state === 'string' ? JSON.parse(row.state) : row.state;
  const deadline = state.stages.find((stage) => stage.deadline)?.deadline;
  if (!deadline) throw new Error(`request ${id} has no stage deadline: ${JSON.stringify(state).slice(0, 300)}`);
  const every = scale.sweepEverySeconds * 1000;
  const dueAt = Math.ceil((Date.now() + scale.sweepLeadSeconds * 1000) / every) * every;
  const columns = (await sql.columns(REQUESTS)).map((c) => c.name);
  const set = columns.includes('next_due_at') ? { next_due_at: await sql.time(REQUESTS, 'next_due_at', dueAt) } : {};
  await copyRequest(sql, { documentId: id, targetDocumentId: section, prefix: 'bnchs', from: 1, to: n, spacingMs: 1, set, replace: [[deadline, literal(new Date(dueAt).toISOString())]] });
  const late = Date.now() - dueAt;
  if (late > 0) report.note(`sweep: the copies were written ${(late / 1000).toFixed(1)} s after their due moment (raise sweepLeadSeconds): timed from their commit`);
  await sleep(Math.max(0, dueAt - Date.now()));
  const started = performance.now();
  const copies = `document_id LIKE 'bnchs%'`;
  const seconds = await waitFor(async () => (await count(sql, REQUESTS, `${copies} AND status = 'pending'`)) === 0, started, scale.timeoutS);
  const elapsed = (performance.now() - started) / 1000;
  const left = await count(sql, REQUESTS, `${copies} AND status = 'pending'`);
  // Not done in time: the rest is taken off the sweep's list, so that it does not run into the outbox figure.
  if (left > 0 && set.next_due_at) await sql.run(`UPDATE ${REQUESTS} SET next_due_at = NULL WHERE ${copies} AND status = 'pending'`);
  const closed = n - left;

  const statuses = await sql.all(`SELECT status, COUNT(*) AS n FROM ${REQUESTS} WHERE ${copies} GROUP BY status ORDER BY status`);
  const expired = Number(statuses.find((s) => s.status === 'expired')?.n ?? 0);
  const auditedExpired = await count(sql, AUDIT, `request_id LIKE 'bnchs%' AND action = 'expired'`);
  const twice = (await sql.all(`SELECT request_id, action FROM ${AUDIT} WHERE request_id LIKE 'bnchs%' GROUP BY request_id, action HAVING COUNT(*) > 1`)).length;
  // The mails of the expiries go out meanwhile; before the outbox figure, wait for them, so they are not counted in it.
  const unsent = () => count(sql, OUTBOX, `request_id LIKE 'bnchs%' AND status = 'pending'`);
  const mailed = outboxNext ? await waitFor(async () => (await unsent()) === 0, started, scale.timeoutS) : undefined;
  const mails = await count(sql, OUTBOX, `request_id LIKE 'bnchs%'`);
  const mailedTwice = (await sql.all(`SELECT request_id FROM ${OUTBOX} WHERE request_id LIKE 'bnchs%' GROUP BY request_id HAVING COUNT(*) > 1`)).length;
  const verified = expect(await setup.admin.as('GET', '/approval-workflow/audit/verify'), [200], 'verify audit').body.data;
  const once = expired === closed && auditedExpired === closed && twice === 0 && mails === closed && mailedTwice === 0 && verified.valid;
  report.row(
    `sweep of ${n} due stages on ${instances} instance${instances > 1 ? 's' : ''} (cron every ${scale.sweepEverySeconds} s)`,
    seconds === null ? `not done after ${elapsed.toFixed(0)} s: ${closed} closed (${(closed / elapsed).toFixed(1)}/s)` : `${seconds.toFixed(1)} s (${(n / seconds).toFixed(0)}/s)`,
    '',
    '',
    '≤ 5 s at 10k (2 instances)'
  );
  report.row(
    `sweep exactly once (of ${closed} closed)`,
    once ? 'yes' : 'NO',
    `${statuses.map((s) => `${s.n} ${s.status}`).join(', ')}; ${auditedExpired} audited expired, ${twice} audited twice; ${mails} mails (${mailedTwice} twice); chain ${verified.valid ? 'verifies' : 'BROKEN'} (${verified.checked} events)`,
    '',
    'each once'
  );
  report.note(
    mailed === undefined
      ? `sweep: ${mails - (await unsent())} of its ${mails} "decided" mails were delivered ${((performance.now() - started) / 1000).toFixed(1)} s after the due moment (not waited for: no outbox figure follows)`
      : `sweep: its ${mails} "decided" mails were all delivered ${mailed === null ? `— not within ${scale.timeoutS} s` : `${mailed.toFixed(1)} s after the due moment`}`
  );
};

/** `outboxMessages` pending mails (copies of a real one, about the seeded requests) delivered to the local SMTP server. */
const outbox = async ({ setup, scale, report, sql, smtp, instances, shared }) => {
  await manageArticles(setup, true);
  const [target] = await createArticles(setup.admin, 1, 'mail');
  const [id] = await openUpdates(setup.editor, [target]);
  // Its "request opened" mail to the approver, once sent, is the message that is copied.
  await waitFor(async () => (await count(sql, OUTBOX, `request_id = ${literal(id)} AND status = 'sent'`)) > 0, performance.now(), 60);
  const [message] = await sql.all(`SELECT id FROM ${OUTBOX} WHERE request_id = ${literal(id)} AND status = 'sent' ORDER BY id LIMIT 1`);
  if (!message) throw new Error(`the mail of request ${id} was not sent (is SMTP_HOST passed to the app?)`);
  const n = scale.outboxMessages;
  const requestIdExpr = shared.pendingCopies ? `('bnchp' || (((g - 1) % ${shared.pendingCopies}) + 1))` : literal(id);
  const received = smtp.count;
  const before = await copyOutboxMessage(sql, { id: message.id, count: n, requestIdExpr, now: Date.now() });
  const started = performance.now();
  const seconds = await waitFor(async () => (await count(sql, OUTBOX, `id > ${before} AND status = 'pending'`)) === 0, started, scale.timeoutS);
  const statuses = await sql.all(`SELECT status, COUNT(*) AS n FROM ${OUTBOX} WHERE id > ${before} GROUP BY status ORDER BY status`);
  const sent = Number(statuses.find((s) => s.status === 'sent')?.n ?? 0);
  report.row(
    `outbox: ${n} mails to local SMTP (${instances} instance${instances > 1 ? 's' : ''})`,
    seconds === null ? `not done after ${scale.timeoutS} s` : `${seconds.toFixed(1)} s (${(n / seconds).toFixed(0)} mails/s)`,
    `${statuses.map((s) => `${s.n} ${s.status}`).join(', ')}; SMTP received ${smtp.count - received}`,
    '',
    sent === n && smtp.count - received === n ? 'each once: yes' : 'each once: NO'
  );
};

module.exports = { logIn, prepare, unmanagedWrites, openVersusCreate, approveVersusUpdate, concurrentApprovers, inbox, sweep, outbox, quantile };
