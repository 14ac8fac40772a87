import type { FigureRow } from './figures.js';

/** A row flattened to CSV columns: nested objects become `<field><Part>` columns. Pure. */
function flat(row: FigureRow): Record<string, string | number | null> {
  const { businessHoursToDecision, ...rest } = row;
  const out: Record<string, string | number | null> = {};
  for (const [k, v] of Object.entries(rest)) {
    out[k] = v as string | number | null;
    if (k === 'eVisaDecidedWithinTarget') {
      out.businessHoursToDecisionMedian = businessHoursToDecision.median;
      out.businessHoursToDecisionP90 = businessHoursToDecision.p90;
    }
  }
  return out;
}

const cell = (v: string | number | null): string => {
  if (v === null) return '';
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** The rows as CSV (RFC 4180), a header line of the row's field names first. Pure. */
export function toCsv(rows: readonly FigureRow[], emptyRow: FigureRow): string {
  const header = Object.keys(flat(emptyRow));
  const lines = [header.join(','), ...rows.map((r) => header.map((h) => cell(flat(r)[h])).join(','))];
  return `${lines.join('\r\n')}\r\n`;
}
