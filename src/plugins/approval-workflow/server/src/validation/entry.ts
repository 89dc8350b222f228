import { z } from 'zod/v4';
import type { GetEntryStatus, ListPendingEntries } from '../../../shared/contracts/requests';
import { documentId, identifier, locale, text } from './common';
import { forContract } from './contract';

/** How many entries one `/entries/pending` call may ask about (a page of the content manager's list holds at most 100). */
export const MAX_PENDING_IDS = 100;

/** The query of `GET /entries/status` (`GetEntryStatus`): a content type, and optionally one of its entries in a locale. */
export const entryStatusQuerySchema = forContract<GetEntryStatus.Request['query']>()(
  z.object({ uid: identifier, documentId: documentId.optional(), locale: locale.optional() })
);

/** The query of `GET /entries/pending` (`ListPendingEntries`): a content type and up to 100 comma-separated document ids. */
export const pendingEntriesQuerySchema = forContract<ListPendingEntries.Request['query']>()(
  z
    .object({
      uid: identifier,
      documentIds: text
        .max(MAX_PENDING_IDS * 256)
        .transform((value) => [...new Set(value.split(',').map((id) => id.trim()).filter(Boolean))])
        .pipe(z.array(documentId).min(1, 'must name at least one document id').max(MAX_PENDING_IDS, `must name at most ${MAX_PENDING_IDS} document ids`)),
    })
);
