import { createHash } from 'node:crypto';
import type { ExternalLinkView } from '../../../shared/contracts/external';
import type { DiffEntryView } from '../../../shared/contracts/requests';
import { entryHeading, escapeHtml } from '../services/outbox/render';

/**
 * The pages of an external approver's link: plain HTML, every value escaped, no script at all; the
 * only style is the sheet below, allowed by its hash in the Content-Security-Policy.
 */
const STYLE = [
  'body{font-family:system-ui,sans-serif;margin:0;background:#f6f6f9;color:#32324d}',
  'main{max-width:56rem;margin:2rem auto;background:#fff;padding:2rem;border-radius:4px;box-shadow:0 1px 4px rgba(33,33,52,.1)}',
  'h1{font-size:1.5rem;margin-top:0}',
  'table{border-collapse:collapse;width:100%;margin:1rem 0}',
  'th,td{border:1px solid #dcdce4;padding:.5rem;text-align:left;vertical-align:top}',
  'td pre{margin:0;white-space:pre-wrap;word-break:break-word;font-family:inherit}',
  '.removed{background:#fcecea}.added{background:#eafbe7}.muted{color:#666687}',
  'textarea{width:100%;min-height:5rem;box-sizing:border-box}',
  'button{font-size:1rem;padding:.5rem 1.25rem;margin:.75rem .5rem 0 0;border-radius:4px;border:1px solid #4945ff;cursor:pointer}',
  '.approve{background:#4945ff;color:#fff}.reject{background:#fff;color:#d02b20;border-color:#d02b20}',
].join('\n');

const STYLE_HASH = `'sha256-${createHash('sha256').update(STYLE, 'utf8').digest('base64')}'`;

/** The headers of every answer of a link: not cached, not referred, not framed, no script. */
export const LINK_HEADERS: Record<string, string> = {
  'Cache-Control': 'no-store',
  'Referrer-Policy': 'no-referrer',
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Content-Security-Policy': `default-src 'none'; style-src ${STYLE_HASH}; form-action 'self'; base-uri 'none'; frame-ancestors 'none'`,
};

const MAX_VALUE = 2000;

const isRecord = (value: unknown): value is Record<string, unknown> => Boolean(value) && typeof value === 'object' && !Array.isArray(value);

/** A value as text: strings as they are, relations by title, media by name, anything else as JSON (clipped). */
const valueText = (value: unknown): string => {
  if (value === null || value === undefined || value === '') return '(empty)';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (isRecord(value) && typeof value.title === 'string') return value.title;
  if (isRecord(value) && typeof value.name === 'string') return value.name;
  if (Array.isArray(value) && value.every((item) => isRecord(item) && (typeof item.title === 'string' || typeof item.name === 'string'))) {
    return value.map(valueText).join(', ');
  }
  const json = JSON.stringify(value, null, 2);
  return json.length > MAX_VALUE ? `${json.slice(0, MAX_VALUE - 1)}…` : json;
};

const cell = (value: unknown, kind: string) => `<td class="${kind}"><pre>${escapeHtml(valueText(value))}</pre></td>`;

/** One row per changed field; a private field (both sides hidden by the diff) reads "changed". */
const diffRow = (entry: DiffEntryView) => {
  const field = `<th scope="row">${escapeHtml(entry.labels.join(' › ') || entry.path)}</th>`;
  if (entry.before === null && entry.after === null && entry.kind === 'changed') return `<tr>${field}<td colspan="2" class="muted">changed (not shown)</td></tr>`;
  return `<tr>${field}${cell(entry.kind === 'added' ? null : entry.before, 'removed')}${cell(entry.kind === 'removed' ? null : entry.after, 'added')}</tr>`;
};

const page = (title: string, body: string[]) =>
  [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="robots" content="noindex, nofollow">',
    `<title>${escapeHtml(title)}</title>`,
    `<style>${STYLE}</style>`,
    '</head><body><main>',
    ...body,
    '</main></body></html>',
  ].join('\n');

/** The page of a usable link: the change and a form that approves or rejects it (posting to `action`/approve or /reject). */
export const linkPage = (view: ExternalLinkView, action: string) => {
  const { request } = view;
  const heading = entryHeading(request);
  const until = `${view.expiresAt.slice(0, 16).replace('T', ' ')} UTC`;
  return page(`Approval requested: ${heading}`, [
    `<h1>${escapeHtml(heading)}</h1>`,
    `<p>Requested by ${escapeHtml(request.requester.name)}. Stage: ${escapeHtml(request.stage.name)}.${request.urgent ? ' Urgent: already applied, it still needs approval.' : ''}</p>`,
    ...(request.comment ? [`<p>Comment: ${escapeHtml(request.comment)}</p>`] : []),
    view.diff.length
      ? `<table><thead><tr><th scope="col">Field</th><th scope="col">Before</th><th scope="col">After</th></tr></thead><tbody>${view.diff.map(diffRow).join('')}</tbody></table>`
      : '<p>No field changes.</p>',
    `<form method="post" action="${escapeHtml(`${action}/approve`)}">`,
    '<label for="comment">Comment (optional)</label>',
    '<textarea id="comment" name="comment" maxlength="5000"></textarea>',
    '<button type="submit" class="approve">Approve</button>',
    ...(request.urgent ? [] : [`<button type="submit" class="reject" formaction="${escapeHtml(`${action}/reject`)}">Reject</button>`]),
    '</form>',
    `<p class="muted">This link works once, until ${escapeHtml(until)}.</p>`,
  ]);
};

/** A page that says what happened (a decision recorded) or why the link cannot be used. */
export const messagePage = (title: string, message: string) => page(title, [`<h1>${escapeHtml(title)}</h1>`, `<p>${escapeHtml(message)}</p>`]);
