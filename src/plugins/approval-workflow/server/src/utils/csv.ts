/**
 * One CSV cell (RFC 4180): quoted when it holds a comma, a quote or a line break, quotes doubled.
 * A cell that a spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`, a tab or a
 * carriage return: OWASP "CSV injection") is prefixed with `'` and read as text.
 */
export const csvCell = (value: string | number | null): string => {
  if (value === null) return '';
  const raw = String(value);
  const safe = /^[=+\-@\t\r]/.test(raw) ? `'${raw}` : raw;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

/** One CSV line, ended by CRLF as RFC 4180 writes it. */
export const csvRow = (cells: Array<string | number | null>): string => `${cells.map(csvCell).join(',')}\r\n`;
