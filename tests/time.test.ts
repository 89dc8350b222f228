/**
 * Seed 003's time spans, through the sweep: a stage that runs out of time approves itself or
 * closes the request as expired; four eyes still hold; reminders and escalation are sent once.
 * The sweep is called with an explicit `now` (the engine has no clock of its own).
 */
import { UID } from '../src/plugins/approval-workflow/server/src/constants';
import { startApp, type TestApp } from './helpers/app';
import type { Caller } from './helpers/actors';
import { ARTICLE, cast, cm, createTemplate, manage, requestRow, row, seedDocument, type Cast, awaitingOf } from './helpers/fixtures';

let app: TestApp;
let c: Cast;

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const q = (uid: string) => app.strapi.db.query(uid as never);

const sweep = (now: number) =>
  (app.strapi.plugin('approval-workflow').service('requests') as { sweep(now: number): Promise<{ due: number; ticked: number }> }).sweep(now);

type Obligation = { id: string; holder: string; status: string; decidedBy: string | null };
type Stage = { name: string; kind: string; status: string; deadline: string | null; obligations: Obligation[] };
type State = { createdAt: string; status: string; stages: Stage[]; remindersSent: number; escalatedAt: string | null };

const stateOf = async (id: string) => (await requestRow(app, id))?.state as State;
const ms = (value: unknown) => (value === null || value === undefined ? null : new Date(value as string).getTime());
const auditOf = async (id: string) =>
  ((await q(UID.auditEvent).findMany({ where: { requestId: id }, orderBy: { seq: 'asc' } })) as Array<{ action: string; actor: string; details: Record<string, unknown> }>);
const actionsOf = async (id: string) => (await auditOf(id)).map((e) => e.action);
const count = (list: string[], item: string) => list.filter((x) => x === item).length;

let seq = 0;
/** An editor's update of a fresh article under its own template: the request id and the article. */
const openUnder = async (stages: Array<Record<string, unknown>>) => {
  seq += 1;
  const templateId = await createTemplate(c.admin, { name: `Timed ${seq}`, stages });
  const { documentId } = await seedDocument(app, ARTICLE, { title: `Original ${seq}` });
  await manage(c.admin, { kind: 'entry', uid: ARTICLE, documentId, templateId });
  const res = await c.editor.call('put', cm(ARTICLE, documentId)).send({ title: `Proposed ${seq}` });
  if (res.status !== 400) throw new Error(`no request: ${res.status} ${JSON.stringify(res.body)}`);
  const id = res.body.error.details.approvalRequest.id as string;
  return { id, documentId, original: `Original ${seq}`, proposed: `Proposed ${seq}`, created: Date.parse((await stateOf(id)).createdAt) };
};

const approve = (who: Caller, id: string) => who.call('post', `/approval-workflow/requests/${id}/approve`).send({});

beforeAll(async () => {
  app = await startApp();
  c = await cast(app);
});
afterAll(async () => {
  await app.stop();
});

describe('seed 003: time spans through the sweep', () => {
  it('auto-approve: nothing before the deadline; after it the stage approves itself, then the next person decides (four eyes)', async () => {
    const r = await openUnder([
      { name: 'Timed review', obligations: [{ kind: 'role', id: c.reviewersRole }], timeSpanMinutes: 60, onExpiry: 'approve' },
      { name: 'Legal', obligations: [{ kind: 'user', principal: c.legal.principal }] },
    ]);
    const initial = await requestRow(app, r.id);
    const deadline = Date.parse((initial?.state as State).stages[0].deadline as string);
    expect(deadline).toBe(r.created + 60 * MINUTE);
    expect(ms(initial?.nextDueAt)).toBe(deadline);

    // Before the deadline the sweep changes nothing.
    const auditBefore = await q(UID.auditEvent).count();
    await sweep(r.created + 59 * MINUTE);
    const untouched = await requestRow(app, r.id);
    expect(untouched?.state).toEqual(initial?.state);
    expect(ms(untouched?.nextDueAt)).toBe(deadline);
    expect(ms(untouched?.updatedAt)).toBe(ms(initial?.updatedAt));
    expect(await q(UID.auditEvent).count()).toBe(auditBefore);

    // After it, the timed stage is auto-approved by `system` and Legal's stage starts.
    await sweep(r.created + 61 * MINUTE);
    const after = await requestRow(app, r.id);
    const state = after?.state as State;
    expect(after?.status).toBe('pending');
    expect(state.stages[0].status).toBe('fulfilled');
    expect(state.stages[0].obligations.length).toBeGreaterThan(0);
    for (const o of state.stages[0].obligations) expect(o).toMatchObject({ status: 'auto-approved', decidedBy: 'system' });
    expect(state.stages[1]).toMatchObject({ name: 'Legal', status: 'active' });
    expect(await awaitingOf(app, r.id)).toEqual([c.legal.principal]);
    // Legal's stage has no time span: the next thing due is the first reminder (48 h).
    expect(ms(after?.nextDueAt)).toBe(r.created + 48 * HOUR);
    const decisions = await q(UID.decision).findMany({ where: { requestId: r.id } });
    expect(decisions).toEqual([expect.objectContaining({ kind: 'auto-approve', by: 'system' })]);
    const actions = await actionsOf(r.id);
    expect(actions).toEqual(expect.arrayContaining(['stage-expired', 'auto-approved', 'stage-fulfilled']));
    expect(actions).not.toContain('applied');
    expect((await row(app, ARTICLE, r.documentId))?.title).toBe(r.original);

    // The same view over HTTP.
    const detail = await c.legal.call('get', `/approval-workflow/requests/${r.id}`);
    expect(detail.body.data.stages[0].obligations[0]).toMatchObject({ status: 'auto-approved', decidedBy: { principal: 'system' } });
    expect(detail.body.data.viewer.canApprove).toBe(true);

    // A second sweep at the same moment does nothing more.
    await sweep(r.created + 61 * MINUTE);
    expect(await actionsOf(r.id)).toEqual(actions);

    const decided = await approve(c.legal, r.id);
    expect(decided.body.data.status).toBe('approved');
    expect((await row(app, ARTICLE, r.documentId))?.title).toBe(r.proposed);
    expect((await requestRow(app, r.id))?.nextDueAt).toBeNull();
  });

  it('a single auto-approved stage with no human approval falls to the approval admins instead of applying', async () => {
    const r = await openUnder([{ name: 'Timed only', obligations: [{ kind: 'role', id: c.reviewersRole }], timeSpanMinutes: 60, onExpiry: 'approve' }]);
    await sweep(r.created + 61 * MINUTE);

    const stored = await requestRow(app, r.id);
    const state = stored?.state as State;
    expect(stored?.status).toBe('pending');
    expect(state.stages[0]).toMatchObject({ status: 'fulfilled' });
    expect(state.stages[0].obligations.every((o) => o.status === 'auto-approved' && o.decidedBy === 'system')).toBe(true);
    const admins = state.stages.find((s) => s.kind === 'admins');
    expect(admins).toMatchObject({ status: 'active', obligations: [expect.objectContaining({ holder: 'approval-admins', status: 'open' })] });
    expect(await awaitingOf(app, r.id)).toEqual(['approval-admins']);
    expect(await actionsOf(r.id)).toContain('fell-to-admins');
    expect((await row(app, ARTICLE, r.documentId))?.title).toBe(r.original);

    // The reviewers' time is over: only an approval admin may approve now.
    const reviewer = await approve(c.reviewer, r.id);
    expect(reviewer.status).toBe(409);
    expect(reviewer.body.error.details.code).toBe('already-decided');
    const queue = await c.admin.call('get', '/approval-workflow/requests?awaiting=me');
    expect(queue.body.data.map((x: { id: string }) => x.id)).toContain(r.id);
    const decided = await approve(c.admin, r.id);
    expect(decided.body.data.status).toBe('approved');
    expect((await row(app, ARTICLE, r.documentId))?.title).toBe(r.proposed);
  });

  it("onExpiry 'deny': the request expires with a reason naming the stage; nothing is applied", async () => {
    const r = await openUnder([{ name: 'Quick review', obligations: [{ kind: 'role', id: c.reviewersRole }], timeSpanMinutes: 30, onExpiry: 'deny' }]);
    await sweep(r.created + 29 * MINUTE);
    expect((await requestRow(app, r.id))?.status).toBe('pending');

    await sweep(r.created + 31 * MINUTE);
    const stored = await requestRow(app, r.id);
    expect(stored).toMatchObject({ status: 'expired', openKey: null, nextDueAt: null });
    expect(await awaitingOf(app, r.id)).toEqual([]);
    expect(stored?.reason).toMatch(/"Quick review"/);
    expect(ms(stored?.closedAt)).toBe(r.created + 31 * MINUTE);
    expect((stored?.state as State).stages[0].status).toBe('expired');
    expect((await row(app, ARTICLE, r.documentId))?.title).toBe(r.original);
    const events = await auditOf(r.id);
    expect(events.filter((e) => e.action === 'expired')).toEqual([expect.objectContaining({ actor: 'system' })]);
    expect(events.map((e) => e.action)).not.toContain('applied');
    expect(await q(UID.decision).count({ where: { requestId: r.id } })).toBe(0);

    const late = await approve(c.reviewer, r.id);
    expect(late.status).toBe(409);
    expect(late.body.error.details.code).toBe('request-closed');
    // The entry may get a new request now.
    const again = await c.editor.call('put', cm(ARTICLE, r.documentId)).send({ title: 'Second try' });
    expect(again.status).toBe(400);
    expect(again.body.error.name).toBe('ApprovalRequiredError');
  });

  it('the earliest deadline of parallel stages is what nextDueAt holds; it moves as stages close', async () => {
    const templateId = await createTemplate(c.admin, {
      name: 'Parallel timed',
      ownerRules: { enforceApprovalOrder: false },
      stages: [
        { name: 'Short', obligations: [{ kind: 'user', principal: c.reviewer.principal }], timeSpanMinutes: 30, onExpiry: 'approve' },
        { name: 'Long', obligations: [{ kind: 'user', principal: c.legal.principal }], timeSpanMinutes: 120, onExpiry: 'approve' },
      ],
    });
    const { documentId } = await seedDocument(app, ARTICLE, { title: 'Parallel' });
    await manage(c.admin, { kind: 'entry', uid: ARTICLE, documentId, templateId });
    const res = await c.editor.call('put', cm(ARTICLE, documentId)).send({ title: 'Parallel, edited' });
    const id = res.body.error.details.approvalRequest.id as string;
    const created = Date.parse((await stateOf(id)).createdAt);
    expect(ms((await requestRow(app, id))?.nextDueAt)).toBe(created + 30 * MINUTE);

    // A person approves the short stage in time; the long one is the next deadline.
    expect((await approve(c.reviewer, id)).body.data.status).toBe('pending');
    expect(ms((await requestRow(app, id))?.nextDueAt)).toBe(created + 120 * MINUTE);

    // The long stage approves itself: a person (the reviewer) approved, so the change is applied.
    await sweep(created + 121 * MINUTE);
    expect(await requestRow(app, id)).toMatchObject({ status: 'approved', nextDueAt: null });
    expect((await row(app, ARTICLE, documentId))?.title).toBe('Parallel, edited');
  });
});

describe('reminders and escalation', () => {
  it('a request pending for 49 hours is reminded once (a second sweep at that time adds none)', async () => {
    const r = await openUnder([{ name: 'Review', obligations: [{ kind: 'role', id: c.reviewersRole }] }]);
    expect(ms((await requestRow(app, r.id))?.nextDueAt)).toBe(r.created + 48 * HOUR);

    await sweep(r.created + 47 * HOUR);
    expect(await actionsOf(r.id)).not.toContain('reminded');

    await sweep(r.created + 49 * HOUR);
    await sweep(r.created + 49 * HOUR);
    const events = (await auditOf(r.id)).filter((e) => e.action === 'reminded');
    expect(events).toEqual([expect.objectContaining({ actor: 'system', details: { count: 1 } })]);
    const stored = await requestRow(app, r.id);
    expect(stored?.status).toBe('pending');
    expect((stored?.state as State).remindersSent).toBe(1);
    expect(ms(stored?.nextDueAt)).toBe(r.created + 96 * HOUR);

    // The next interval brings the next reminder.
    await sweep(r.created + 97 * HOUR);
    expect(count(await actionsOf(r.id), 'reminded')).toBe(2);
    await c.editor.call('post', `/approval-workflow/requests/${r.id}/cancel`).send({});
  });

  it('escalation after the configured time: escalated once, to the approval admins', async () => {
    const settings = await c.admin.call('put', '/approval-workflow/settings').send({ escalationAfterMinutes: 120 });
    expect(settings.status).toBe(200);
    try {
      const r = await openUnder([{ name: 'Review', obligations: [{ kind: 'role', id: c.reviewersRole }] }]);
      expect(ms((await requestRow(app, r.id))?.nextDueAt)).toBe(r.created + 120 * MINUTE);

      await sweep(r.created + 119 * MINUTE);
      expect(await actionsOf(r.id)).not.toContain('escalated');

      await sweep(r.created + 121 * MINUTE);
      await sweep(r.created + 121 * MINUTE);
      await sweep(r.created + 180 * MINUTE);
      const events = (await auditOf(r.id)).filter((e) => e.action === 'escalated');
      expect(events).toEqual([expect.objectContaining({ actor: 'system', details: expect.objectContaining({ afterMinutes: 120 }) })]);
      const stored = await requestRow(app, r.id);
      expect(stored?.status).toBe('pending');
      expect((stored?.state as State).escalatedAt).toBe(new Date(r.created + 121 * MINUTE).toISOString());
      expect(ms(stored?.nextDueAt)).toBe(r.created + 48 * HOUR);
      await c.editor.call('post', `/approval-workflow/requests/${r.id}/cancel`).send({});
    } finally {
      await c.admin.call('put', '/approval-workflow/settings').send({ escalationAfterMinutes: null });
    }
  });

  it('changed timing settings apply to requests already pending', async () => {
    const r = await openUnder([{ name: 'Review', obligations: [{ kind: 'role', id: c.reviewersRole }] }]);
    expect(ms((await requestRow(app, r.id))?.nextDueAt)).toBe(r.created + 48 * HOUR);
    await c.admin.call('put', '/approval-workflow/settings').send({ escalationAfterMinutes: 60, reminderIntervalMinutes: 24 * 60 });
    try {
      expect(ms((await requestRow(app, r.id))?.nextDueAt)).toBe(r.created + 60 * MINUTE);
      await sweep(r.created + 61 * MINUTE);
      expect(count(await actionsOf(r.id), 'escalated')).toBe(1);
      expect(ms((await requestRow(app, r.id))?.nextDueAt)).toBe(r.created + 24 * HOUR);
      await sweep(r.created + 25 * HOUR);
      expect(count(await actionsOf(r.id), 'reminded')).toBe(1);
    } finally {
      await c.admin.call('put', '/approval-workflow/settings').send({ escalationAfterMinutes: null, reminderIntervalMinutes: 48 * 60 });
      await c.editor.call('post', `/approval-workflow/requests/${r.id}/cancel`).send({});
    }
  });
});
