import { createHash, randomBytes } from 'node:crypto';
import type { Core } from '@strapi/strapi';
import { z } from 'zod/v4';
import { UID } from '../../constants';

/** A link row read back. */
const linkSchema = z.object({
  id: z.number(),
  requestId: z.string(),
  obligationId: z.string(),
  principal: z.string(),
  delegatedBy: z.string(),
  expiresAt: z.union([z.string(), z.date(), z.number()]).transform((value) => new Date(value)),
  usedAt: z.union([z.string(), z.date(), z.number()]).nullish(),
  revokedAt: z.union([z.string(), z.date(), z.number()]).nullish(),
});
export type LinkRecord = z.infer<typeof linkSchema>;

/** The 410 of a link that has decided already (found so on reading it, or on marking it used). */
export const USED_LINK = 'This link has been used already: each link decides once.';

/** Why a link cannot be used any more (410), or null while it can. */
export const spentReasonOf = (link: LinkRecord, now: number): string | null => {
  if (link.usedAt) return USED_LINK;
  if (link.revokedAt) return 'This link was revoked (a newer link may have replaced it).';
  if (link.expiresAt.getTime() <= now) return 'This link has expired.';
  return null;
};

/** The stored form of a token: its SHA-256, hex. */
const hashOf = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex');

/** What a token looks like: 32 random bytes, base64url (43 characters). Anything else is no token of ours. */
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

/**
 * The external approvers' links (one job: their rows). A token is 256 random bits, handed out once
 * and stored only as its hash; a link is used, revoked or expired by conditional updates, so that
 * two uses racing end with one.
 */
export const createLinkStore = (strapi: Core.Strapi) => {
  const query = () => strapi.db.query(UID.externalLink);
  const live = (now: number) => ({ usedAt: { $null: true }, revokedAt: { $null: true }, expiresAt: { $gt: new Date(now) } });

  /** Revokes the live links that match; how many. */
  const revoke = async (where: { requestId: string; obligationId?: string; id?: { $in: number[] } }, now: number): Promise<number> => {
    const { count } = await query().updateMany({ where: { ...where, ...live(now) }, data: { revokedAt: new Date(now) } });
    return count;
  };

  return {
    /**
     * A new link for one obligation, replacing (revoking) the live ones of that obligation: its row
     * and its token, which the caller hands on once and never stores.
     */
    async issue(data: { requestId: string; obligationId: string; principal: string; delegatedBy: string; expiresAt: number }, now: number) {
      const replaced = await revoke({ requestId: data.requestId, obligationId: data.obligationId }, now);
      const token = randomBytes(32).toString('base64url');
      const row = await query().create({ data: { ...data, tokenHash: hashOf(token), expiresAt: new Date(data.expiresAt) } });
      return { link: linkSchema.parse(row), token, replaced };
    },

    /** The link of a token, or null for a token never issued. */
    async find(token: string): Promise<LinkRecord | null> {
      if (!TOKEN.test(token)) return null;
      const row = await query().findOne({ where: { tokenHash: hashOf(token) } });
      return row ? linkSchema.parse(row) : null;
    },

    /** Marks a live link used; false when it was not live any more (used, revoked or expired meanwhile). */
    async use(id: number, now: number): Promise<boolean> {
      const { count } = await query().updateMany({ where: { id, ...live(now) }, data: { usedAt: new Date(now) } });
      return count === 1;
    },

    /** The live links of a request (of one obligation, or sent to one address). */
    async liveOf(where: { requestId: string; obligationId?: string; principal?: string }, now: number): Promise<LinkRecord[]> {
      const rows = await query().findMany({ where: { ...where, ...live(now) }, orderBy: { id: 'asc' } });
      return rows.map((row) => linkSchema.parse(row));
    },

    revoke,
  };
};

export type LinkStore = ReturnType<typeof createLinkStore>;
