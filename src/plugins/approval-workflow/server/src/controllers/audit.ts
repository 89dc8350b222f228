import { Readable } from 'node:stream';
import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import type { AuditEvent, AuditFilters, ExportAudit, ListAuditEvents, VerifyAudit } from '../../../shared/contracts/audit';
import { csvRow } from '../utils/csv';
import { getService } from '../utils/get-service';
import { pageQuery, pageResponse } from '../utils/pagination';
import { auditExportSchema, auditFiltersSchema } from '../validation/audit';
import { parse } from '../validation/parse';

const CSV_COLUMNS = ['seq', 'at', 'action', 'actor', 'requestId', 'subject', 'details', 'prevHash', 'hash'] as const;

async function* csvOf(events: AsyncIterable<AuditEvent>) {
  yield csvRow([...CSV_COLUMNS]);
  for await (const event of events) {
    yield csvRow(CSV_COLUMNS.map((column) => (column === 'details' ? JSON.stringify(event.details) : event[column])));
  }
}

/** `ExportAudit.Response`, written as the events are read: `meta` (with the count) comes last. */
async function* jsonOf(events: AsyncIterable<AuditEvent>, meta: Omit<ExportAudit.Response['meta'], 'count'>) {
  yield '{"data":[';
  let count = 0;
  for await (const event of events) {
    yield `${count === 0 ? '' : ','}\n${JSON.stringify(event)}`;
    count += 1;
  }
  yield `\n],"meta":${JSON.stringify({ ...meta, count } satisfies ExportAudit.Response['meta'])}}\n`;
}

export const createAuditController = ({ strapi }: { strapi: Core.Strapi }) => ({
  async find(ctx: Context) {
    const filters = parse(auditFiltersSchema, ctx.query, 'filters');
    ctx.body = pageResponse(await getService(strapi, 'audit').list(filters, pageQuery(ctx))) satisfies ListAuditEvents.Response;
  },

  /** The selected events as a download, streamed while they are read in batches. */
  async export(ctx: Context) {
    const { format, ...filters } = parse(auditExportSchema, ctx.query, 'query');
    const exportedAt = new Date().toISOString();
    const events = getService(strapi, 'audit').events(filters satisfies AuditFilters);
    ctx.set('Content-Disposition', `attachment; filename="approval-audit-${exportedAt.slice(0, 19).replace(/:/g, '-')}.${format}"`);
    ctx.type = format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8';
    ctx.body = Readable.from(format === 'csv' ? csvOf(events) : jsonOf(events, { exportedAt, filters }));
  },

  async verify(ctx: Context) {
    ctx.body = { data: await getService(strapi, 'audit').verify() } satisfies VerifyAudit.Response;
  },
});
