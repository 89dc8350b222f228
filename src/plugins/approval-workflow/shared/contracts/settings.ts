import type { NotifyReason } from '../vocabulary';

/** One switch per kind of mail (all on by default): off, that kind of mail is not sent (the outbox records it as `skipped`). */
export type MailSwitches = Record<NotifyReason, boolean>;

/** GET/PUT /approval-workflow/settings */
export interface Settings {
  /** Admin role ids whose members apply their writes directly and may decide any request. */
  bypassRoles: number[];
  /** Urgent mode (post-approval, seed 001) for the whole installation; off by default. */
  urgentMode: boolean;
  /** Remind approvers of a request pending longer than this, once per interval (default 48 h). */
  reminderIntervalMinutes: number;
  /** Escalate to the approval admins after this long pending; null = never. */
  escalationAfterMinutes: number | null;
  /** The global default template (document id): used when nothing more specific applies. */
  defaultTemplateId: string | null;
  /**
   * Which mails are sent: `request-opened` (to the approvers of a new request), `stage-started`
   * (to the next stage's approvers), `delegated` (to the delegate), `decided` (the outcome, to the
   * requester), `reminder` (to pending approvers), `escalation` (to the approval admins),
   * `urgent-applied` (an urgent change was applied, to its approvers and the approval admins).
   * PUT takes the whole object.
   */
  mail: MailSwitches;
}

export namespace GetSettings {
  export interface Response {
    data: Settings;
  }
}

export namespace UpdateSettings {
  export type Request = { body: Partial<Settings> };
  export interface Response {
    data: Settings;
  }
}
