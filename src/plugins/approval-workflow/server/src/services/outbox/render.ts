import type { DiffEntryView, RequestDetail } from '../../../../shared/contracts/requests';
import type { NotifyReason, Operation, RequestStatus } from '../../domain';

export interface Mail {
  subject: string;
  text: string;
  html: string;
}

/** What a mail says about its request: the detail as an approval admin reads it, and the link to it. */
export interface MailInput {
  reason: NotifyReason;
  stageIndex?: number;
  request: Pick<RequestDetail, 'id' | 'operation' | 'title' | 'contentType' | 'status' | 'reason' | 'requester' | 'comment' | 'diff' | 'stages'>;
  link: string;
  /**
   * An external approver's invitation (a `delegated` mail to an `email:` delegate): the link is
   * their page, single use, until `expiresAt`; `delegatedBy` is the name of who handed it on.
   */
  invitation?: { expiresAt: string; delegatedBy: string };
}

const OPERATION_NAMES: Record<Operation, string> = {
  create: 'Create',
  update: 'Update',
  delete: 'Delete',
  publish: 'Publish',
  unpublish: 'Unpublish',
  discardDraft: 'Discard draft',
  clone: 'Duplicate',
};

const OUTCOMES: Record<RequestStatus, string> = {
  pending: 'Still pending',
  approved: 'Approved and applied',
  declined: 'Declined',
  cancelled: 'Cancelled',
  failed: 'Failed',
  expired: 'Expired',
};

const HEADLINES: Record<NotifyReason, (input: MailInput) => string> = {
  'request-opened': () => 'Approval requested',
  'stage-started': () => 'Your approval is needed',
  delegated: ({ invitation }) => (invitation ? 'Your approval is requested' : 'An approval was delegated to you'),
  decided: ({ request }) => OUTCOMES[request.status],
  reminder: () => 'Reminder: your approval is pending',
  escalation: () => 'Escalation: an approval is overdue',
  'urgent-applied': () => 'Urgent change applied, approval still needed',
};

/** At most this many changed fields are listed; the link shows them all. */
const MAX_FIELDS = 10;
const MAX_VALUE = 80;

const clip = (value: string) => (value.length > MAX_VALUE ? `${value.slice(0, MAX_VALUE - 1)}…` : value);

const isRecord = (value: unknown): value is Record<string, unknown> => Boolean(value) && typeof value === 'object' && !Array.isArray(value);

/** A value as one short line: texts quoted and clipped, relations by title, media by name, anything larger as "…". */
const shortValue = (value: unknown): string => {
  if (value === null || value === undefined || value === '') return '(empty)';
  if (typeof value === 'string') return `“${clip(value.replace(/\s+/g, ' '))}”`;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return value.length > 3 ? `${value.slice(0, 3).map(shortValue).join(', ')}, …` : value.map(shortValue).join(', ') || '(empty)';
  if (isRecord(value) && typeof value.title === 'string') return `“${clip(value.title)}”`;
  if (isRecord(value) && typeof value.name === 'string') return clip(value.name);
  return '…';
};

/**
 * One line per changed field. The diff already hides private fields (both sides null): they read
 * "changed", never their proposed value.
 */
const changeLine = (entry: DiffEntryView): string => {
  const field = entry.labels.join(' › ') || entry.path;
  if (entry.kind === 'added') return `${field}: ${shortValue(entry.after)}`;
  if (entry.kind === 'removed') return `${field}: removed (was ${shortValue(entry.before)})`;
  if (entry.before === null && entry.after === null) return `${field}: changed`;
  return `${field}: ${shortValue(entry.before)} → ${shortValue(entry.after)}`;
};

export const escapeHtml = (value: string) =>
  value.replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char] as string);

/** The entry a request is about, as mails and the external link's page name it: `Update of Article “Spring sale”`. */
export const entryHeading = (request: { operation: Operation; contentType: { displayName: string }; title: string | null }) =>
  `${OPERATION_NAMES[request.operation]} of ${request.contentType.displayName} “${request.title ?? '(untitled)'}”`;

/**
 * The mail of one notification: a subject naming what happened, the operation and the entry's
 * title; a few lines of context; the changed fields; the link to the request. Plain text and HTML
 * carry the same lines (every value escaped in the HTML).
 */
export const renderMail = (input: MailInput): Mail => {
  const { request } = input;
  const entry = entryHeading(request);
  const headline = HEADLINES[input.reason](input);
  const stage = input.stageIndex === undefined ? null : request.stages.find((s) => s.index === input.stageIndex);
  const { invitation } = input;
  const context = [
    ...(invitation ? [`${invitation.delegatedBy} asks you to approve or reject this change.`] : []),
    `Requested by ${request.requester.name}.`,
    ...(stage ? [`Stage: ${stage.name}.`] : []),
    ...(request.comment ? [`Comment: ${clip(request.comment)}`] : []),
    ...(input.reason === 'decided' && request.reason ? [`Reason: ${request.reason}`] : []),
  ];
  const changes = request.diff.slice(0, MAX_FIELDS).map(changeLine);
  const more = request.diff.length > MAX_FIELDS ? [`…and ${request.diff.length - MAX_FIELDS} more`] : [];
  const changeTitle = request.diff.length ? 'Changes:' : 'No field changes.';
  const action = invitation ? 'Review and decide' : 'Open the request';
  const validity = invitation ? [`The link works once, until ${invitation.expiresAt}. Do not forward this mail: whoever holds the link can decide.`] : [];
  const text = [
    `${headline}: ${entry}`,
    '',
    ...context,
    '',
    changeTitle,
    ...[...changes, ...more].map((line) => `- ${line}`),
    '',
    `${action}: ${input.link}`,
    ...validity,
    '',
  ].join('\n');
  const html = [
    '<!doctype html><html><body style="font-family:sans-serif">',
    `<p><strong>${escapeHtml(headline)}</strong>: ${escapeHtml(entry)}</p>`,
    ...context.map((line) => `<p>${escapeHtml(line)}</p>`),
    `<p>${escapeHtml(changeTitle)}</p>`,
    changes.length ? `<ul>${[...changes, ...more].map((line) => `<li>${escapeHtml(line)}</li>`).join('')}</ul>` : '',
    `<p><a href="${escapeHtml(input.link)}">${escapeHtml(action)}</a></p>`,
    ...validity.map((line) => `<p>${escapeHtml(line)}</p>`),
    '</body></html>',
  ].join('\n');
  return { subject: `${headline}: ${entry}`, text, html };
};
