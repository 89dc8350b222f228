import { proposalSchema } from '../proposal';

describe('proposalSchema: unchanged relations leave the proposal (issue 9)', () => {
  it('drops { connect: [], disconnect: [] } at any depth, keeps every real change', () => {
    const data = {
      title: 'New',
      section: { connect: [], disconnect: [] },
      author: { disconnect: [] },
      tags: { connect: [{ documentId: 'a' }], disconnect: [] },
      cleared: { set: [] },
      chapters: [{ title: 'One', note: { text: 'x', section: { connect: [], disconnect: [] } } }],
      blocks: [{ __component: 'guide.note', section: { connect: [], disconnect: [] } }],
      json: {},
    };
    expect(proposalSchema.parse(data)).toEqual({
      title: 'New',
      tags: { connect: [{ documentId: 'a' }], disconnect: [] },
      cleared: { set: [] },
      chapters: [{ title: 'One', note: { text: 'x' } }],
      blocks: [{ __component: 'guide.note' }],
      json: {},
    });
  });

  it('leaves what is not an object as it is (Strapi judges it)', () => {
    expect(proposalSchema.parse([{ connect: [] }])).toEqual([{ connect: [] }]);
  });
});
