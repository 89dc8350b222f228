import { TRANSITION_ERROR_CODES, TRANSITION_ERROR_MESSAGES, TransitionError, isTransitionError } from '../errors';

describe('TransitionError', () => {
  it.each(TRANSITION_ERROR_CODES.map((code) => [code]))('%s has its message in the product\'s words', (code) => {
    const error = new TransitionError(code, { requestId: 'r1', status: 'pending', event: 'approve' });
    expect(error.message).toBe(TRANSITION_ERROR_MESSAGES[code]);
    expect(error.message).not.toBe('');
  });

  it('has a message for every code and nothing else', () => {
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
