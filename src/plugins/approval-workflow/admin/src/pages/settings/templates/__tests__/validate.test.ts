import { emptyForm, fieldOfPath, move, newObligation, newStage, templateBody, type TemplateForm } from '../form';
import { validateTemplate } from '../validate';

/** `t` as the admin runs it without translations: the default message. */
const t = (_id: string, message: string) => message;

const valid = (): TemplateForm => {
  const form = emptyForm();
  form.name = 'Two-stage review';
  form.stages = [{ ...newStage('Editors'), obligations: [{ ...newObligation('role'), ref: '3' }] }];
  return form;
};

const withStage = (patch: Partial<TemplateForm['stages'][number]>): TemplateForm => {
  const form = valid();
  form.stages = [{ ...form.stages[0], ...patch }];
  return form;
};

describe('validateTemplate', () => {
  it('accepts a complete template', () => {
    expect(validateTemplate(valid(), t)).toEqual({});
  });

  it.each<[string, TemplateForm, Record<string, string>]>([
    ['no name', { ...valid(), name: '   ' }, { name: 'A template needs a name.' }],
    ['a name over 200 characters', { ...valid(), name: 'x'.repeat(201) }, { name: 'At most 200 characters.' }],
    ['no stage', { ...valid(), stages: [] }, { stages: 'A template needs at least one stage.' }],
    ['a stage without a name', withStage({ name: ' ' }), { 'stages.0.name': 'A stage needs a name.' }],
    ['a stage without obligations', withStage({ obligations: [] }), { 'stages.0.obligations': 'A stage needs at least one obligation.' }],
    ['an obligation with nobody chosen', withStage({ obligations: [newObligation('admin')] }), { 'stages.0.obligations.0.ref': 'Choose a user.' }],
    ['a role not chosen', withStage({ obligations: [newObligation('role')] }), { 'stages.0.obligations.0.ref': 'Choose a role.' }],
    ['a group not chosen', withStage({ obligations: [newObligation('group')] }), { 'stages.0.obligations.0.ref': 'Choose a group.' }],
    [
      'the same role twice',
      withStage({ obligations: [{ ...newObligation('role'), ref: '3' }, { ...newObligation('role'), ref: '3' }] }),
      { 'stages.0.obligations.1.ref': 'The same user or group is listed twice in this stage.' },
    ],
    [
      'the same user picked as admin user twice',
      withStage({ obligations: [{ ...newObligation('admin'), ref: 'admin:1' }, { ...newObligation('admin'), ref: 'admin:1' }] }),
      { 'stages.0.obligations.1.ref': 'The same user or group is listed twice in this stage.' },
    ],
    ['criteria -1', withStage({ criteria: -1 }), { 'stages.0.criteria': 'A whole number, 0 or more (0 = every obligation).' }],
    ['criteria 1.5', withStage({ criteria: 1.5 }), { 'stages.0.criteria': 'A whole number, 0 or more (0 = every obligation).' }],
    ['a time span of 0', withStage({ timeSpan: 0 }), { 'stages.0.timeSpan': 'A whole number, 1 or more; empty for no limit.' }],
    ['a time span of 1.5', withStage({ timeSpan: 1.5 }), { 'stages.0.timeSpan': 'A whole number, 1 or more; empty for no limit.' }],
    [
      'a minimum of 0 approvals',
      withStage({ obligations: [{ ...newObligation('group'), ref: 'g1', minApprovals: 0 }] }),
      { 'stages.0.obligations.0.minApprovals': 'A whole number, 1 or more.' },
    ],
  ])('names the field of %s', (_, form, errors) => {
    expect(validateTemplate(form, t)).toEqual(errors);
  });

  it.each<[string, TemplateForm]>([
    ['criteria 0 (every obligation)', withStage({ criteria: 0 })],
    ['criteria larger than the obligations (reduced by the server)', withStage({ criteria: 5 })],
    ['criteria left empty (the default, 1)', withStage({ criteria: undefined })],
    ['no time span', withStage({ timeSpan: undefined })],
    ['a group without a minimum', withStage({ obligations: [{ ...newObligation('group'), ref: 'g1' }] })],
    ['the same ref as a role and as a group', withStage({ obligations: [{ ...newObligation('role'), ref: '3' }, { ...newObligation('group'), ref: '3' }] })],
  ])('does not refuse what the server accepts: %s', (_, form) => {
    expect(validateTemplate(form, t)).toEqual({});
  });
});

describe('the body the editor sends', () => {
  it('writes user steps as principals, groups with their minimum, the time span in minutes', () => {
    const form = valid();
    form.description = '  ';
    form.stages = [
      {
        ...newStage(' Editors and legal '),
        criteria: 2,
        obligations: [
          { ...newObligation('role'), ref: '3' },
          { ...newObligation('group'), ref: 'legal', minApprovals: 2 },
        ],
      },
      { ...newStage('Sign-off'), obligations: [{ ...newObligation('admin'), ref: 'admin:7' }], timeSpan: 2, timeUnit: 'days', onExpiry: 'approve' },
    ];
    expect(templateBody(form, 'secret')).toEqual({
      name: 'Two-stage review',
      description: null,
      securityLevel: 'simple',
      urgentAllowed: false,
      rejectionPolicy: 'decline',
      ownerRules: form.ownerRules,
      stages: [
        {
          name: 'Editors and legal',
          criteria: 2,
          obligations: [
            { kind: 'role', id: '3' },
            { kind: 'group', id: 'legal', minApprovals: 2 },
          ],
          timeSpanMinutes: null,
          onExpiry: 'deny',
        },
        { name: 'Sign-off', criteria: 1, obligations: [{ kind: 'user', principal: 'admin:7' }], timeSpanMinutes: 2880, onExpiry: 'approve' },
      ],
      password: 'secret',
    });
  });

  it('maps server error paths to the editor fields', () => {
    expect(fieldOfPath(['stages', 0, 'obligations', 1, 'id'])).toBe('stages.0.obligations.1.ref');
    expect(fieldOfPath(['stages', '1', 'obligations', '0', 'principal'])).toBe('stages.1.obligations.0.ref');
    expect(fieldOfPath(['stages', 2, 'timeSpanMinutes'])).toBe('stages.2.timeSpan');
    expect(fieldOfPath(['name'])).toBe('name');
  });

  it('moves a stage', () => {
    expect(move(['a', 'b', 'c'], 2, 0)).toEqual(['c', 'a', 'b']);
    expect(move(['a', 'b', 'c'], 0, 1)).toEqual(['b', 'a', 'c']);
    expect(move(['a', 'b', 'c'], 0, 3)).toEqual(['a', 'b', 'c']);
  });
});
