/**
 * Rich text as an approver reads it: Strapi's blocks and markdown become plain text (paragraphs,
 * headings, list items and quotes on lines of their own) that the word diff compares.
 */

type Node = { type?: unknown; text?: unknown; children?: unknown; format?: unknown; image?: unknown; url?: unknown };

const isNode = (value: unknown): value is Node => typeof value === 'object' && value !== null && !Array.isArray(value);

const childrenOf = (node: Node): Node[] => (Array.isArray(node.children) ? node.children.filter(isNode) : []);

/** The text of inline nodes: text leaves and the text of links. */
const inline = (nodes: Node[]): string =>
  nodes.map((node) => (node.type === 'text' && typeof node.text === 'string' ? node.text : inline(childrenOf(node)))).join('');

const imageText = (image: unknown): string => {
  const file = isNode(image) ? (image as { alternativeText?: unknown; name?: unknown }) : {};
  const name = typeof file.alternativeText === 'string' && file.alternativeText !== '' ? file.alternativeText : file.name;
  return `[${typeof name === 'string' ? name : 'image'}]`;
};

const block = (node: Node): string[] => {
  switch (node.type) {
    case 'list':
      return childrenOf(node).flatMap((item, index) => {
        if (item.type === 'list') return block(item).map((line) => `  ${line}`);
        return [`${node.format === 'ordered' ? `${index + 1}.` : '•'} ${inline(childrenOf(item))}`];
      });
    case 'quote':
      return [`“${inline(childrenOf(node))}”`];
    case 'image':
      return [imageText(node.image)];
    default:
      // paragraph, heading, code, and any block a later Strapi adds: its text.
      return [inline(childrenOf(node))];
  }
};

/** Strapi's blocks rich text (an array of block nodes) as text, one block per paragraph. */
export const blocksToText = (value: unknown): string =>
  Array.isArray(value)
    ? value
        .filter(isNode)
        .map((node) => block(node).join('\n'))
        .join('\n\n')
    : '';

/** Markdown (the `richtext` field) without its markup: links and images by their text, list items with bullets. */
export const markdownToText = (value: string): string =>
  value
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '[$1]')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/^ {0,3}#{1,6}\s+/gm, '')
    .replace(/^ {0,3}>\s?/gm, '')
    .replace(/^(\s*)[-*+]\s+/gm, '$1• ')
    .replace(/(\*\*|__)(.+?)\1/g, '$2')
    .replace(/(^|[^\w*])[*_]([^*_\s][^*_]*?)[*_](?=[^\w*]|$)/g, '$1$2')
    .replace(/~~(.+?)~~/g, '$1')
    .replace(/`{1,3}([^`]*)`{1,3}/g, '$1')
    .replace(/<[^>]+>/g, '');
