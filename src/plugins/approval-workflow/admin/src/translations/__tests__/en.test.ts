import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

import en from '../en.json';

const SRC = join(__dirname, '..', '..');

const sources = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === '__tests__' ? [] : sources(path);
    return /\.tsx?$/.test(entry.name) ? [path] : [];
  });

/** Every `t('id', 'default message')` of the admin (the plugin's `useT`), with the file it is in. */
const messages = sources(SRC).flatMap((file) =>
  [...readFileSync(file, 'utf8').matchAll(/\bt\(\s*'([^']+)',\s*'((?:[^'\\]|\\.)*)'/g)].map(([, id, message]) => ({
    file: file.slice(SRC.length + 1),
    id,
    message: message.replace(/\\'/g, "'"),
  }))
);

describe('en translations', () => {
  it('finds the admin strings', () => {
    expect(messages.length).toBeGreaterThan(100);
  });

  it('has every admin string, as its default message says it', () => {
    const catalogue: Record<string, string> = en;
    const wrong = messages.filter(({ id, message }) => catalogue[id] !== message);
    expect(wrong).toEqual([]);
  });
});
