import type { DiffEntryView } from '../../../../../shared/contracts/requests';
import { renderMail, type MailInput } from '../render';

const entry = (overrides: Partial<DiffEntryView>): DiffEntryView => ({ path: 'title', labels: ['title'], type: 'string', kind: 'changed', before: 'Old', after: 'New', ...overrides });

const input = (overrides: Partial<MailInput> = {}, request: Partial<MailInput['request']> = {}): MailInput => ({
  reason: 'request-opened',
  link: 'https://cms.example.test/admin/plugins/approval-workflow/requests/r1',
  request: {
    id: 'r1',
    operation: 'update',
    title: 'Spring <sale>',
    contentType: { uid: 'api::article.article', displayName: 'Article' },
    status: 'pending',
    reason: null,
    requester: { principal: 'admin:2', kind: 'admin', name: 'Ed & Co', email: 'ed@example.test' },
    comment: null,
    diff: [entry({})],
    stages: [],
    ...request,
  },
  ...overrides,
});

describe('renderMail', () => {
  it('subject names what happened, the operation, the type and the title; both parts carry the link', () => {
    const mail = renderMail(input());
    expect(mail.subject).toBe('Approval requested: Update of Article “Spring <sale>”');
    expect(mail.text).toContain('- title: “Old” → “New”');
    expect(mail.text).toContain('Open the request: https://cms.example.test/admin/plugins/approval-workflow/requests/r1');
    expect(mail.html).toContain('<a href="https://cms.example.test/admin/plugins/approval-workflow/requests/r1">');
  });

  it('an external approver’s invitation: who asks, the link to decide, until when, and not to forward it', () => {
    const link = 'https://cms.example.test/api/approval-workflow/external/abc';
    const mail = renderMail(input({ reason: 'delegated', link, invitation: { expiresAt: '2026-12-04 15:00 UTC', delegatedBy: 'Lee & Legal' } }));
    expect(mail.subject).toBe('Your approval is requested: Update of Article “Spring <sale>”');
    expect(mail.text).toContain('Lee & Legal asks you to approve or reject this change.');
    expect(mail.text).toContain(`Review and decide: ${link}`);
    expect(mail.text).toContain('The link works once, until 2026-12-04 15:00 UTC. Do not forward this mail');
    expect(mail.html).toContain(`<a href="${link}">Review and decide</a>`);
    expect(mail.html).toContain('Lee &amp; Legal asks you');
    // Without an invitation, a delegation is the account holder's mail.
    expect(renderMail(input({ reason: 'delegated' })).subject).toMatch(/^An approval was delegated to you:/);
  });

  it('escapes every value in the HTML part', () => {
    const mail = renderMail(input({}, { diff: [entry({ after: '<script>alert(1)</script>' })], comment: '"quoted" & <b>' }));
    expect(mail.html).not.toMatch(/<script>|<b>|<sale>/);
    expect(mail.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(mail.html).toContain('Ed &amp; Co');
    expect(mail.html).toContain('&quot;quoted&quot; &amp; &lt;b&gt;');
  });

  it('a private field (hidden by the diff: both sides null) reads "changed", never a value', () => {
    const mail = renderMail(input({}, { diff: [entry({ path: 'reviewNote', labels: ['reviewNote'], type: 'text', before: null, after: null })] }));
    expect(mail.text).toContain('- reviewNote: changed');
  });

  it.each([
    ['decided', { status: 'declined' as const, reason: 'Rejected by Legal' }, 'Declined: Update of Article', 'Reason: Rejected by Legal'],
    ['decided', { status: 'approved' as const }, 'Approved and applied: Update of Article', 'Requested by Ed & Co.'],
    ['reminder', {}, 'Reminder: your approval is pending: Update', 'Changes:'],
    ['escalation', {}, 'Escalation: an approval is overdue: Update', 'Changes:'],
    ['delegated', {}, 'An approval was delegated to you: Update', 'Changes:'],
    ['urgent-applied', {}, 'Urgent change applied, approval still needed: Update', 'Changes:'],
  ] as const)('%s %j → subject and body', (reason, request, subject, line) => {
    const mail = renderMail(input({ reason }, request));
    expect(mail.subject.startsWith(subject)).toBe(true);
    expect(mail.text).toContain(line);
  });

  it('lists at most ten fields, clips long values, and names the stage that started', () => {
    const diff = Array.from({ length: 12 }, (_, i) => entry({ path: `f${i}`, labels: [`f${i}`], after: 'x'.repeat(200) }));
    const mail = renderMail(input({ reason: 'stage-started', stageIndex: 1 }, { diff, stages: [{ index: 1, name: 'Legal' }] as MailInput['request']['stages'] }));
    expect(mail.text.match(/^- f\d+:/gm)).toHaveLength(10);
    expect(mail.text).toContain('…and 2 more');
    expect(mail.text).toContain(`“${'x'.repeat(79)}…”`);
    expect(mail.text).toContain('Stage: Legal.');
  });
});
