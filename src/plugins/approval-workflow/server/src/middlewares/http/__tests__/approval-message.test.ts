import type { RequestSummary } from '../../../../../shared/contracts/requests';
import { approvalMessage, requestOptions } from '../approval-context';

const summary = (id: string, extra: Partial<RequestSummary> = {}): RequestSummary => ({
  id,
  status: 'pending',
  operation: 'update',
  uid: 'api::article.article',
  documentId: `doc-${id}`,
  locale: null,
  urgent: false,
  ...extra,
});

describe('approvalMessage: what the requester reads', () => {
  it.each<[string, RequestSummary[], string]>([
    ['one waiting request', [summary('a')], 'Change submitted for approval (request a). It will be applied once approved.'],
    [
      'one urgent request, applied at once',
      [summary('a', { urgent: true })],
      'Change submitted for approval (request a). Urgent: it was applied at once and still needs approval.',
    ],
    [
      'one urgent request whose apply failed',
      [summary('a', { urgent: true, status: 'failed' })],
      'Change submitted for approval (request a). Applying it failed: the request is closed as failed.',
    ],
    ['several waiting requests', [summary('a'), summary('b')], '2 changes submitted for approval (requests a, b). They will be applied once approved.'],
    [
      'several urgent requests',
      [summary('a', { urgent: true }), summary('b', { urgent: true })],
      '2 changes submitted for approval (requests a, b). Urgent: they were applied at once and still need approval.',
    ],
    [
      'several urgent requests, one failed',
      [summary('a', { urgent: true }), summary('b', { urgent: true, status: 'failed' })],
      '2 changes submitted for approval (requests a, b). Urgent: request a was applied at once and still needs approval. Applying b failed: closed as failed.',
    ],
    [
      'waiting and urgent mixed',
      [summary('a'), summary('b', { urgent: true })],
      '2 changes submitted for approval (requests a, b). Request a will be applied once approved. Urgent: request b was applied at once and still needs approval.',
    ],
  ])('%s', (_what, summaries, message) => {
    expect(approvalMessage(summaries)).toBe(message);
  });
});

describe('approvalMessage: a revised request', () => {
  it('says the request was revised and its approvals reset', () => {
    expect(approvalMessage([summary('a')], ['a'])).toBe('Approval request a revised: the approvals given so far were reset. It will be applied once approved.');
    expect(approvalMessage([summary('a'), summary('b')], ['b'])).toBe(
      '2 changes submitted for approval (requests a, b). They will be applied once approved. Revised: b (the approvals given so far were reset).'
    );
  });
});

describe('requestOptions: the requester’s headers', () => {

  const ctx = (headers: Record<string, string>) => ({ get: (name: string) => headers[name.toLowerCase()] ?? '' }) as never;

  it('decodes a URL-encoded comment and keeps one that is not valid URL encoding as written', () => {
    expect(requestOptions(ctx({ 'x-approval-comment': encodeURIComponent('10 € → 12 €') })).comment).toBe('10 € → 12 €');
    expect(requestOptions(ctx({ 'x-approval-comment': '50% off' })).comment).toBe('50% off');
    expect(requestOptions(ctx({ 'x-approval-comment': '  ' })).comment).toBeNull();
  });

  it('reads the request to revise; a malformed id is a 400 naming the header', () => {
    expect(requestOptions(ctx({ 'x-approval-revise': ' abc123 ' })).revise).toBe('abc123');
    expect(() => requestOptions(ctx({ 'x-approval-revise': 'no such id!' }))).toThrow(/X-Approval-Revise/);
  });

  it('reads the urgent flag', () => {
    expect(requestOptions(ctx({ 'x-approval-urgent': 'true' })).urgent).toBe(true);
    expect(requestOptions(ctx({})).urgent).toBe(false);
    expect(requestOptions(undefined)).toEqual({ comment: null, urgent: false, revise: null });
  });
});
