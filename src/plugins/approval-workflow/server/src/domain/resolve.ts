/** Where a request's template came from, most specific first (seed 003's domain tree, seed 002's item-level rules). */
export const TEMPLATE_LEVELS = ['entry', 'parent', 'collection', 'global'] as const;
export type TemplateLevel = (typeof TEMPLATE_LEVELS)[number];

/** The template assigned at each level for one entry; null or absent = none at that level. */
export interface TemplateCandidates<Id> {
  /** The entry's own item-level template. */
  entry?: Id | null;
  /** The template the entry inherits from its managed parent. */
  parent?: Id | null;
  /** The template of the entry's collection (content type). */
  collection?: Id | null;
  /** The installation's default template. */
  globalDefault?: Id | null;
}

export interface TemplateResolution<Id> {
  templateId: Id;
  level: TemplateLevel;
}

/**
 * The template of an entry: its own item-level template, else the one inherited from its managed
 * parent, else its collection's, else the global default — the first that is set, with the level
 * it came from. Null when no level has one (the entry is then not under approval by template).
 */
export function resolveTemplateId<Id>(candidates: TemplateCandidates<Id>): TemplateResolution<Id> | null {
  const levels: Array<[TemplateLevel, Id | null | undefined]> = [
    ['entry', candidates.entry],
    ['parent', candidates.parent],
    ['collection', candidates.collection],
    ['global', candidates.globalDefault],
  ];
  for (const [level, templateId] of levels) {
    if (templateId !== null && templateId !== undefined) return { templateId, level };
  }
  return null;
}
