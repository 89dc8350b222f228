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
