import { TRANSITION_ERROR_CODES, TRANSITION_ERROR_HTTP_STATUS, TRANSITION_ERROR_MESSAGES, TransitionError, isTransitionError } from '../errors';

describe('TransitionError', () => {
  it.each([
    ['not-an-approver', 403],
    ['requester-cannot-decide', 403],
    ['only-requester-can-cancel', 403],
    ['stage-not-started', 403],
    ['request-closed', 409],
    ['already-decided', 409],
    ['urgent-approve-only', 409],
    ['urgent-not-allowed', 400],
    ['invalid-delegate', 400],
    ['already-delegated', 403],
    ['delegate-already-approver', 409],
    ['unknown-obligation', 404],
    ['invalid-rule', 400],
  ] as const)('%s answers HTTP %i', (code, http) => {
    expect(TRANSITION_ERROR_HTTP_STATUS[code]).toBe(http);
    const error = new TransitionError(code, { requestId: 'r1', status: 'pending', event: 'approve' });
    expect(error.httpStatus).toBe(http);
    expect(error.message).toBe(TRANSITION_ERROR_MESSAGES[code]);
  });

  it('maps every code to a status and a message', () => {
    expect(Object.keys(TRANSITION_ERROR_HTTP_STATUS).sort()).toEqual([...TRANSITION_ERROR_CODES].sort());
    expect(Object.keys(TRANSITION_ERROR_MESSAGES).sort()).toEqual([...TRANSITION_ERROR_CODES].sort());
  });

  it('carries the request id, status, event, message and details', () => {
    const error = new TransitionError('invalid-rule', { requestId: 'r2', status: null, event: 'start' }, 'bad rule', { problems: [] });
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({ name: 'TransitionError', code: 'invalid-rule', requestId: 'r2', status: null, event: 'start' });
    expect(error.message).toBe('bad rule');
    expect(error.details).toEqual({ problems: [] });
    expect(isTransitionError(error)).toBe(true);
    expect(isTransitionError(new Error('x'))).toBe(false);
  });
});
