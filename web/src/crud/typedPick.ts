// 9.1: what Enter in a picker of master data takes, given the text typed and the rows the
// search for exactly that text answered. Never a row from an earlier list (the one shown
// before the search answered): the caller waits for this text's answer.
import type { Row } from '../api/types';

const lower = (v: unknown) => (typeof v === 'string' ? v.trim().toLowerCase() : '');

/** The texts that name a row exactly: its code (a document's number, a user's name), its barcode, its units' barcodes. */
function exactNames(row: Row): string[] {
  const names = [lower(row.code), lower(row.number), lower(row.username), lower(row.barcode)];
  const units = Array.isArray(row.units) ? (row.units as { barcode?: unknown }[]) : [];
  for (const u of units) names.push(lower(u?.barcode));
  return names.filter(Boolean);
}

/**
 * The row a typed text picks: the one whose code, number or barcode is exactly the text
 * (any case, surrounding blanks ignored) wins; else the first row the search found (a part
 * of a name); none when nothing was found or nothing was typed.
 */
export function typedPick(text: string, rows: readonly Row[], excludeId?: string): Row | null {
  const want = lower(text);
  if (!want) return null;
  const candidates = rows.filter((r) => r.id !== excludeId);
  return candidates.find((r) => exactNames(r).includes(want)) ?? candidates[0] ?? null;
}
