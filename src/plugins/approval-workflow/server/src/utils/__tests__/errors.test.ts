import { errors } from '@strapi/utils';
import { TRANSITION_ERROR_CODES, TRANSITION_ERROR_MESSAGES, TransitionError } from '../../domain';
import { fromTransitionError, TRANSITION_ERROR_ANSWERS } from '../errors';

/** What Strapi's error middleware answers: an ApplicationError's status by its class (404 not found, else 400), an http-error's own. */
const answered = (error: Error & { status?: number; details?: unknown }) => ({
  status: error instanceof errors.ApplicationError ? (error instanceof errors.NotFoundError ? 404 : 400) : error.status,
  message: error.message,
  details: error.details,
});

describe('engine refusals over HTTP', () => {
  it.each([
    ['not-an-approver', 403],
    ['requester-cannot-decide', 403],
    ['only-requester-can-cancel', 403],
    ['stage-not-started', 403],
    ['request-closed', 409],
    ['already-decided', 409],
    ['urgent-approve-only', 409],
    ['already-delegated', 403],
    ['delegate-already-approver', 409],
    ['unknown-obligation', 404],
  ] as const)('%s answers HTTP %i with the code and nothing of the engine’s state', (code, status) => {
    const error = fromTransitionError(new TransitionError(code, { requestId: 'r1', status: 'pending', event: 'approve' }));
    expect(answered(error)).toEqual({ status, message: TRANSITION_ERROR_MESSAGES[code], details: { code } });
  });

  it.each([
    ['urgent-not-allowed', 'urgent'],
    ['invalid-delegate', 'to'],
  ] as const)('%s is a 400 naming the field %s', (code, field) => {
    const error = fromTransitionError(new TransitionError(code, { requestId: 'never-opened', status: null, event: 'start' }));
    expect(error.name).toBe('ValidationError');
    expect(answered(error)).toEqual({
      status: 400,
      message: TRANSITION_ERROR_MESSAGES[code],
      details: { code, errors: [{ path: [field], message: TRANSITION_ERROR_MESSAGES[code], name: 'ValidationError' }] },
    });
  });

  it('invalid-rule is a 400 with the rule problems the engine found', () => {
    const problems = [{ path: 'name', message: 'A rule needs a name.' }];
    const error = fromTransitionError(new TransitionError('invalid-rule', { requestId: 'r2', status: null, event: 'start' }, 'bad rule', { problems }));
    expect(error.name).toBe('ValidationError');
    expect(answered(error)).toEqual({ status: 400, message: 'bad rule', details: { code: 'invalid-rule', problems } });
  });

  it('answers every code the engine has, and no other', () => {
    expect(Object.keys(TRANSITION_ERROR_ANSWERS).sort()).toEqual([...TRANSITION_ERROR_CODES].sort());
  });
});
