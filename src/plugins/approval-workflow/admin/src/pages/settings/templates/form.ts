import { PLUGIN_ID } from '../../../../../shared/constants';
import type { ObligationBody, StageBody, Template, TemplateBody } from '../../../../../shared/contracts/templates';
import type { DirectoryKind } from '../../../../../shared/contracts/directory';
import type { ExpiryAction, ObligationRule, OwnerRules, RejectionPolicy, SecurityLevel, StageRule } from '../../../../../shared/vocabulary';

export const templatesPath = (id?: string): string => `/${PLUGIN_ID}/templates${id ? `/${encodeURIComponent(id)}` : ''}`;

/** The units a time span is typed in; the rule stores whole minutes. */
export const TIME_UNITS = { minutes: 1, hours: 60, days: 24 * 60 } as const;
export type TimeUnit = keyof typeof TIME_UNITS;

/**
 * One obligation as the editor holds it: which directory it picks from (an admin user and a
 * content-API user are both `user` steps) and the chosen ref (`admin:3`, `user:5`, a role id, a
 * group's document id).
 */
export interface ObligationForm {
  key: string;
  kind: DirectoryKind;
  ref: string | null;
  minApprovals?: number;
}

export interface StageForm {
  key: string;
  name: string;
  criteria?: number;
  obligations: ObligationForm[];
  /** Empty: no time limit. */
  timeSpan?: number;
  timeUnit: TimeUnit;
  onExpiry: ExpiryAction;
}

export interface TemplateForm {
  name: string;
  description: string;
  securityLevel: SecurityLevel;
  urgentAllowed: boolean;
  rejectionPolicy: RejectionPolicy;
  ownerRules: OwnerRules;
  stages: StageForm[];
}

/** Field path → message: `name`, `stages`, `stages.0.name`, `stages.0.obligations.1.ref`… */
export type FormErrors = Record<string, string>;

let counter = 0;
/** A key that stays with a stage or an obligation while the list is reordered. */
export const newKey = (): string => `k${++counter}`;

export const newObligation = (kind: DirectoryKind = 'role'): ObligationForm => ({ key: newKey(), kind, ref: null });

export const newStage = (name = ''): StageForm => ({
  key: newKey(),
  name,
  criteria: 1,
  obligations: [newObligation()],
  timeUnit: 'hours',
  onExpiry: 'deny',
});

/** The server's defaults (validation/template.ts): stages in order, nothing else. */
export const emptyForm = (): TemplateForm => ({
  name: '',
  description: '',
  securityLevel: 'simple',
  urgentAllowed: false,
  rejectionPolicy: 'decline',
  ownerRules: {
    ownerApproval: false,
    separateOwnerApproval: false,
    separateGroupApproval: false,
    enforceApprovalOrder: true,
    enforceInitialOwnerApproval: false,
  },
  stages: [newStage()],
});

/** The largest unit that shows a time span in whole numbers. */
const unitOf = (minutes: number): TimeUnit => (minutes % TIME_UNITS.days === 0 ? 'days' : minutes % TIME_UNITS.hours === 0 ? 'hours' : 'minutes');

const obligationForm = (rule: ObligationRule): ObligationForm =>
  rule.kind === 'user'
    ? { key: newKey(), kind: rule.principal.startsWith('admin:') ? 'admin' : 'user', ref: rule.principal }
    : { key: newKey(), kind: rule.kind, ref: rule.id, minApprovals: rule.minApprovals };

export const stageForm = (stage: StageRule): StageForm => {
  const unit = stage.timeSpanMinutes ? unitOf(stage.timeSpanMinutes) : 'hours';
  return {
    key: newKey(),
    name: stage.name,
    criteria: stage.criteria,
    obligations: stage.obligations.map(obligationForm),
    timeSpan: stage.timeSpanMinutes ? stage.timeSpanMinutes / TIME_UNITS[unit] : undefined,
    timeUnit: unit,
    onExpiry: stage.onExpiry,
  };
};

export const templateForm = (template: Template): TemplateForm => ({
  name: template.name,
  description: template.description ?? '',
  securityLevel: template.securityLevel,
  urgentAllowed: template.urgentAllowed,
  rejectionPolicy: template.rejectionPolicy,
  ownerRules: { ...template.ownerRules },
  stages: template.stages.map(stageForm),
});

const obligationBody = ({ kind, ref, minApprovals }: ObligationForm): ObligationBody =>
  kind === 'admin' || kind === 'user'
    ? { kind: 'user', principal: ref ?? '' }
    : { kind, id: ref ?? '', ...(minApprovals === undefined ? {} : { minApprovals }) };

const stageBody = (stage: StageForm): StageBody => ({
  name: stage.name.trim(),
  ...(stage.criteria === undefined ? {} : { criteria: stage.criteria }),
  obligations: stage.obligations.map(obligationBody),
  timeSpanMinutes: stage.timeSpan === undefined ? null : stage.timeSpan * TIME_UNITS[stage.timeUnit],
  onExpiry: stage.onExpiry,
});

/** The body of POST /templates and PUT /templates/:id (the whole template). */
export const templateBody = (form: TemplateForm, password?: string): TemplateBody => ({
  name: form.name.trim(),
  description: form.description.trim() || null,
  securityLevel: form.securityLevel,
  urgentAllowed: form.urgentAllowed,
  rejectionPolicy: form.rejectionPolicy,
  ownerRules: form.ownerRules,
  stages: form.stages.map(stageBody),
  ...(password === undefined ? {} : { password }),
});

/** The form field a server error path names (`['stages', 0, 'obligations', 1, 'id']` → `stages.0.obligations.1.ref`). */
export const fieldOfPath = (path: ReadonlyArray<string | number>): string => {
  const segments = path.map(String);
  const last = segments[segments.length - 1];
  if (segments[0] === 'stages' && segments[2] === 'obligations' && (last === 'id' || last === 'principal')) segments[segments.length - 1] = 'ref';
  if (last === 'timeSpanMinutes') segments[segments.length - 1] = 'timeSpan';
  return segments.join('.');
};

/** Moves the item at `from` to `to` (a new array). */
export const move = <T>(items: T[], from: number, to: number): T[] => {
  if (from === to || to < 0 || to >= items.length) return items;
  const next = [...items];
  const [item] = next.splice(from, 1);
  next.splice(to, 0, item);
  return next;
};

/** An error answer of the admin API, as Strapi shapes it (`{ error: { status, name, message, details } }`). */
export interface ApiError {
  status: number | null;
  message: string;
  /** `details.code` (`password-required`, `wrong-password`…). */
  code: string | null;
  details: Record<string, unknown>;
  /** `details.errors`: the fields a validation error names. */
  errors: Array<{ path: Array<string | number>; message: string }>;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

/** The API error inside a failed fetch (the admin's `FetchError` keeps the answer in `response.data`), or null. */
export const apiErrorOf = (failure: unknown): ApiError | null => {
  const response = isRecord(failure) && isRecord(failure.response) ? failure.response : null;
  const error = response && isRecord(response.data) && isRecord(response.data.error) ? response.data.error : null;
  if (!error) return null;
  const details = isRecord(error.details) ? error.details : {};
  const errors = Array.isArray(details.errors) ? details.errors : [];
  return {
    status: typeof error.status === 'number' ? error.status : null,
    message: typeof error.message === 'string' ? error.message : '',
    code: typeof details.code === 'string' ? details.code : null,
    details,
    errors: errors.flatMap((entry) =>
      isRecord(entry) && Array.isArray(entry.path) && typeof entry.message === 'string'
        ? [{ path: entry.path.filter((part): part is string | number => typeof part === 'string' || typeof part === 'number'), message: entry.message }]
        : []
    ),
  };
};
