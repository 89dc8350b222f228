import { screen, within } from '@testing-library/react';

import type { DiffEntryView } from '../../../../../shared/contracts/requests';
import { DiffView } from '../DiffView';
import { renderInAdmin } from '../../__tests__/render';

const entry = (over: Partial<DiffEntryView> & Pick<DiffEntryView, 'path'>): DiffEntryView => ({
  labels: [over.path],
  type: 'string',
  kind: 'changed',
  before: undefined,
  after: undefined,
  ...over,
});

const row = (container: HTMLElement, path: string) => {
  const found = container.querySelector<HTMLElement>(`[data-diff-path="${path}"]`);
  if (!found) throw new Error(`no diff row for ${path}`);
  return found;
};

const side = (container: HTMLElement, path: string, which: 'before' | 'after') => {
  const found = row(container, path).querySelector<HTMLElement>(`[data-diff-side="${which}"]`);
  if (!found) throw new Error(`no ${which} side for ${path}`);
  return found;
};

const texts = (elements: NodeListOf<Element>) => [...elements].map((e) => e.textContent);

describe('DiffView', () => {
  it('strikes the removed words of a text and marks the added ones', () => {
    const { container } = renderInAdmin(
      <DiffView
        operation="update"
        diff={[entry({ path: 'title', labels: ['Title'], before: 'Welcome to our site', after: 'Welcome to the new website' })]}
      />
    );
    const before = side(container, 'title', 'before');
    const after = side(container, 'title', 'after');
    expect(before.textContent).toBe('Welcome to our site');
    expect(after.textContent).toBe('Welcome to the new website');
    expect(texts(before.querySelectorAll('del'))).toEqual(['our site']);
    expect(texts(after.querySelectorAll('ins'))).toEqual(['the new website']);
    expect(before.querySelectorAll('ins')).toHaveLength(0);
    expect(screen.getByText('Title')).toBeTruthy();
    expect(screen.getByText('1 field changes when this request is approved.')).toBeTruthy();
  });

  it.each([['text'], ['email'], ['uid']] as const)('diffs %s fields word by word', (type) => {
    const { container } = renderInAdmin(
      <DiffView operation="update" diff={[entry({ path: 'f', type, before: 'one two', after: 'one three' })]} />
    );
    expect(texts(side(container, 'f', 'before').querySelectorAll('del'))).toEqual(['two']);
    expect(texts(side(container, 'f', 'after').querySelectorAll('ins'))).toEqual(['three']);
  });

  it('diffs a string of no known type (a key inside a JSON field) as text', () => {
    const { container } = renderInAdmin(
      <DiffView operation="update" diff={[entry({ path: 'meta.note', type: 'other', before: 'call me', after: 'call us' })]} />
    );
    expect(texts(side(container, 'meta.note', 'before').querySelectorAll('del'))).toEqual(['me']);
    expect(texts(side(container, 'meta.note', 'after').querySelectorAll('ins'))).toEqual(['us']);
  });

  it('reads markdown as text and diffs its words', () => {
    const { container } = renderInAdmin(
      <DiffView
        operation="update"
        diff={[
          entry({
            path: 'body',
            type: 'richtext',
            before: '## Plans\n\nWe offer **two** plans.',
            after: '## Plans\n\nWe offer **three** plans, see [pricing](/pricing).',
          }),
        ]}
      />
    );
    expect(side(container, 'body', 'before').textContent).toBe('Plans\n\nWe offer two plans.');
    expect(texts(side(container, 'body', 'before').querySelectorAll('del'))).toEqual(['two plans.']);
    expect(side(container, 'body', 'after').textContent).toBe('Plans\n\nWe offer three plans, see pricing.');
    expect(side(container, 'body', 'after').textContent).not.toContain('**');
  });

  it('reads blocks (paragraphs, headings, lists, quotes, code) as text and diffs their words', () => {
    const paragraph = (text: string) => ({ type: 'paragraph', children: [{ type: 'text', text }] });
    const before = [
      { type: 'heading', level: 2, children: [{ type: 'text', text: 'Opening hours' }] },
      paragraph('Open on weekdays.'),
      { type: 'list', format: 'unordered', children: [{ type: 'list-item', children: [{ type: 'text', text: 'Monday' }] }] },
    ];
    const after = [
      { type: 'heading', level: 2, children: [{ type: 'text', text: 'Opening hours' }] },
      {
        type: 'paragraph',
        children: [
          { type: 'text', text: 'Open ' },
          { type: 'link', url: 'https://x', children: [{ type: 'text', text: 'every day' }] },
          { type: 'text', text: '.' },
        ],
      },
      { type: 'list', format: 'ordered', children: [{ type: 'list-item', children: [{ type: 'text', text: 'Monday' }] }] },
      { type: 'quote', children: [{ type: 'text', text: 'Best shop' }] },
      { type: 'code', children: [{ type: 'text', text: 'npm start' }] },
    ];
    const { container } = renderInAdmin(<DiffView operation="update" diff={[entry({ path: 'content', type: 'blocks', before, after })]} />);
    expect(side(container, 'content', 'before').textContent).toBe('Opening hours\n\nOpen on weekdays.\n\n• Monday');
    expect(side(container, 'content', 'after').textContent).toBe(
      'Opening hours\n\nOpen every day.\n\n1. Monday\n\n“Best shop”\n\nnpm start'
    );
    expect(texts(side(container, 'content', 'before').querySelectorAll('del'))).toContain('on weekdays.');
    expect(texts(side(container, 'content', 'after').querySelectorAll('ins'))).toContain('every day.');
  });

  it('shows relations by their titles, marks the added and removed ones, and links them to the content manager', () => {
    const tag = (documentId: string, title: string | null) => ({ uid: 'api::tag.tag', documentId, title });
    const { container } = renderInAdmin(
      <DiffView
        operation="update"
        diff={[
          entry({
            path: 'author',
            labels: ['Author'],
            type: 'relation',
            before: { uid: 'api::author.author', documentId: 'a1', title: 'Ada' },
            after: { uid: 'api::author.author', documentId: 'a2', title: 'Grace' },
          }),
          entry({ path: 'tags[documentId=t1]', labels: ['Tags', 'News'], type: 'relation', kind: 'removed', before: tag('t1', 'News') }),
          entry({ path: 'tags[documentId=t2]', labels: ['Tags', 'Events'], type: 'relation', kind: 'added', after: tag('t2', 'Events') }),
        ]}
      />
    );
    const ada = within(side(container, 'author', 'before')).getByRole('link', { name: 'Ada' });
    expect(ada.getAttribute('href')).toBe('/admin/content-manager/collection-types/api::author.author/a1');
    expect(
      within(side(container, 'author', 'after'))
        .getByRole('link', { name: 'Grace' })
        .getAttribute('href')
    ).toBe('/admin/content-manager/collection-types/api::author.author/a2');
    // The two elements of the to-many relation are one field: Tags, News removed, Events added.
    const tags = row(container, 'tags');
    expect(within(tags).getByText('Tags')).toBeTruthy();
    expect(within(side(container, 'tags', 'before')).getByRole('link', { name: 'News' })).toBeTruthy();
    expect(within(side(container, 'tags', 'before')).getByText('removed')).toBeTruthy();
    expect(within(side(container, 'tags', 'after')).getByRole('link', { name: 'Events' })).toBeTruthy();
    expect(within(side(container, 'tags', 'after')).getByText('added')).toBeTruthy();
  });

  it('shows media as thumbnails, relative urls on the backend', () => {
    (window as unknown as { strapi: { backendURL: string } }).strapi = { backendURL: 'http://cms.test' };
    const { container } = renderInAdmin(
      <DiffView
        operation="update"
        diff={[
          entry({
            path: 'cover',
            labels: ['Cover'],
            type: 'media',
            before: { id: 1, name: 'old.png', url: '/uploads/old.png', thumbnailUrl: '/uploads/thumbnail_old.png', mime: 'image/png' },
            after: { id: 2, name: 'new.jpg', url: 'https://cdn.test/new.jpg', thumbnailUrl: null, mime: 'image/jpeg' },
          }),
        ]}
      />
    );
    const old = within(side(container, 'cover', 'before')).getByAltText('old.png');
    expect(old.getAttribute('src')).toBe('http://cms.test/uploads/thumbnail_old.png');
    const next = within(side(container, 'cover', 'after')).getByAltText('new.jpg');
    expect(next.getAttribute('src')).toBe('https://cdn.test/new.jpg');
  });

  it('groups the fields of components and dynamic-zone items under their labels, nested', () => {
    const { container } = renderInAdmin(
      <DiffView
        operation="update"
        diff={[
          entry({ path: 'seo.metaTitle', labels: ['SEO', 'Meta title'], before: 'Old', after: 'New' }),
          entry({ path: 'seo.metaDescription', labels: ['SEO', 'Meta description'], type: 'text', before: 'a', after: 'b' }),
          entry({ path: 'blocks[id=3].body', labels: ['Blocks', 'Hero', 'Body'], type: 'text', before: 'Hi', after: 'Hello' }),
          entry({ path: 'blocks[id=3].cta.label', labels: ['Blocks', 'Hero', 'Call to action', 'Label'], before: 'Go', after: 'Start' }),
        ]}
      />
    );
    const seo = screen.getByRole('group', { name: 'SEO' });
    expect(within(seo).getByText('Meta title')).toBeTruthy();
    expect(within(seo).getByText('Meta description')).toBeTruthy();
    const hero = within(screen.getByRole('group', { name: 'Blocks' })).getByRole('group', { name: 'Hero' });
    expect(within(hero).getByText('Body')).toBeTruthy();
    const cta = within(hero).getByRole('group', { name: 'Call to action' });
    expect(within(cta).getByText('Label')).toBeTruthy();
    expect(texts(side(container, 'blocks[id=3].cta.label', 'after').querySelectorAll('ins'))).toEqual(['Start']);
  });

  it('reads labels given per dotted segment: items of a dynamic zone apart, to-many elements as one field', () => {
    const tag = (documentId: string, title: string) => ({ uid: 'api::tag.tag', documentId, title });
    const { container } = renderInAdmin(
      <DiffView
        operation="update"
        diff={[
          entry({ path: 'blocks[id=3].body', labels: ['Hero', 'Body'], type: 'text', before: 'Hi', after: 'Hello' }),
          entry({ path: 'blocks[id=4].body', labels: ['Quote', 'Body'], type: 'text', before: 'A', after: 'B' }),
          entry({ path: 'tags[documentId=t1]', labels: ['Tags'], type: 'relation', kind: 'removed', before: tag('t1', 'News') }),
          entry({ path: 'tags[documentId=t2]', labels: ['Tags'], type: 'relation', kind: 'added', after: tag('t2', 'Events') }),
        ]}
      />
    );
    expect(within(screen.getByRole('group', { name: 'Hero' })).getByText('Body')).toBeTruthy();
    expect(within(screen.getByRole('group', { name: 'Quote' })).getByText('Body')).toBeTruthy();
    expect(container.querySelectorAll('[data-diff-path="tags"]')).toHaveLength(1);
    expect(side(container, 'tags', 'before').textContent).toContain('News');
    expect(side(container, 'tags', 'after').textContent).toContain('Events');
  });

  it('shows booleans, numbers, dates, enumerations and JSON plainly', () => {
    const { container } = renderInAdmin(
      <DiffView
        operation="update"
        diff={[
          entry({ path: 'featured', type: 'boolean', before: false, after: true }),
          entry({ path: 'price', type: 'decimal', before: 10.5, after: 1200 }),
          entry({ path: 'day', type: 'date', before: '2026-01-31', after: '2026-02-01' }),
          entry({ path: 'kind', type: 'enumeration', before: 'draft', after: 'final' }),
          entry({ path: 'meta', type: 'json', before: { a: 1 }, after: { a: 2 } }),
          entry({ path: 'extra', type: 'other', before: null, after: { deep: [1] } }),
        ]}
      />
    );
    expect(side(container, 'featured', 'before').textContent).toBe('No');
    expect(side(container, 'featured', 'after').textContent).toBe('Yes');
    expect(side(container, 'price', 'after').textContent).toBe('1,200');
    expect(side(container, 'day', 'before').textContent).toBe('Jan 31, 2026');
    expect(side(container, 'kind', 'after').textContent).toBe('final');
    expect(side(container, 'meta', 'after').querySelector('pre')?.textContent).toBe('{\n  "a": 2\n}');
    expect(side(container, 'extra', 'before').textContent).toBe('(none)');
    expect(side(container, 'extra', 'after').textContent).toBe('{\n  "deep": [\n    1\n  ]\n}');
  });

  it('says that a private field or a password changes, never what it holds', () => {
    const { container } = renderInAdmin(
      <DiffView
        operation="update"
        diff={[
          entry({ path: 'secretNote', type: 'text', before: null, after: null }),
          entry({ path: 'pin', type: 'password', before: null, after: null }),
        ]}
      />
    );
    for (const path of ['secretNote', 'pin']) {
      expect(side(container, path, 'before').textContent).toBe('(not shown: a private field)');
      expect(side(container, path, 'after').textContent).toBe('(not shown: a private field)');
    }
  });

  it('shows a component added whole field by field, related entries and files by name', () => {
    const { container } = renderInAdmin(
      <DiffView
        operation="update"
        diff={[
          entry({
            path: 'blocks[id=2]',
            labels: ['Blocks', 'Gallery 2'],
            type: 'component',
            kind: 'added',
            after: {
              id: 2,
              __component: 'blocks.gallery',
              caption: 'Summer',
              author: { uid: 'api::author.author', documentId: 'a1', title: 'Ada' },
              image: { id: 7, name: 'beach.jpg', url: '/uploads/beach.jpg', thumbnailUrl: null, mime: 'image/jpeg' },
            },
          }),
        ]}
      />
    );
    const group = screen.getByRole('group', { name: 'Blocks' });
    expect(within(group).getByText('Gallery 2')).toBeTruthy();
    const after = side(container, 'blocks[id=2]', 'after');
    expect(within(after).getByText('caption')).toBeTruthy();
    expect(within(after).getByText('Summer')).toBeTruthy();
    expect(within(after).getByText('Ada')).toBeTruthy();
    expect(within(after).getByText('beach.jpg')).toBeTruthy();
    expect(side(container, 'blocks[id=2]', 'before').textContent).toBe('(none)');
  });

  it('for a create, says so and shows every proposed field', () => {
    const { container } = renderInAdmin(
      <DiffView
        operation="create"
        diff={[
          entry({ path: 'title', labels: ['Title'], kind: 'added', after: 'Hello world' }),
          entry({ path: 'seo', labels: ['SEO'], type: 'component', kind: 'added', after: { id: 1, metaTitle: 'Hello' } }),
        ]}
      />
    );
    expect(screen.getByText('A new entry: approving creates it with these fields.')).toBeTruthy();
    expect(screen.getByText('Proposed value')).toBeTruthy();
    expect(screen.queryByText('Before')).toBeNull();
    expect(row(container, 'title').querySelector('[data-diff-side="before"]')).toBeNull();
    expect(side(container, 'title', 'after').textContent).toBe('Hello world');
    expect(within(side(container, 'seo', 'after')).getByText('metaTitle')).toBeTruthy();
    expect(within(side(container, 'seo', 'after')).getByText('Hello')).toBeTruthy();
  });

  it('for a delete, says so and shows the entry as it is', () => {
    const { container } = renderInAdmin(
      <DiffView operation="delete" diff={[entry({ path: 'title', labels: ['Title'], kind: 'removed', before: 'Old news' })]} />
    );
    expect(screen.getByText('A deletion: approving deletes the entry as it is shown here.')).toBeTruthy();
    expect(screen.getByText('Current value')).toBeTruthy();
    expect(row(container, 'title').querySelector('[data-diff-side="after"]')).toBeNull();
    expect(side(container, 'title', 'before').textContent).toBe('Old news');
  });

  it.each([
    ['update', '2 fields were proposed to change.'],
    ['create', 'A new entry, proposed with these fields.'],
    ['delete', 'A deletion of the entry as it is shown here.'],
  ] as const)('once the request is closed, says what the %s proposed', (operation, summary) => {
    renderInAdmin(
      <DiffView
        operation={operation}
        pending={false}
        diff={[entry({ path: 'a', kind: 'added', after: 'x', before: 'y' }), entry({ path: 'b', kind: 'added', after: 'x', before: 'y' })]}
      />
    );
    expect(screen.getByText(summary)).toBeTruthy();
  });

  it('says when approving changes no field (a publish of a draft as it is)', () => {
    renderInAdmin(<DiffView operation="publish" diff={[]} />);
    expect(screen.getByText('Approving this request changes no field.')).toBeTruthy();
  });
});
