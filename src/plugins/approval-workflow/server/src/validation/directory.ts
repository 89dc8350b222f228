import { z } from 'zod/v4';
import { DIRECTORY_KINDS, type SearchDirectory } from '../../../shared/contracts/directory';
import { documentId, text } from './common';
import { forContract } from './contract';

/** How many entries one `refs` lookup may name (a picker shows at most a page of chosen ones). */
export const MAX_DIRECTORY_REFS = 100;

/** The query of `GET /directory` (`SearchDirectory`), paging aside. */
export const directoryQuerySchema = forContract<Omit<SearchDirectory.Request['query'], 'page' | 'pageSize' | 'pagination'>>()(
  z.object({
    kind: z.enum(DIRECTORY_KINDS),
    q: text.trim().max(200).optional(),
    refs: text
      .max(MAX_DIRECTORY_REFS * 256)
      .transform((value) => [...new Set(value.split(',').map((ref) => ref.trim()).filter(Boolean))])
      .pipe(z.array(documentId).max(MAX_DIRECTORY_REFS, `must name at most ${MAX_DIRECTORY_REFS} entries`))
      .optional(),
  })
);
