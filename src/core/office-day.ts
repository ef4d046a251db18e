// The office keeps China Standard Time (UTC+8, no daylight saving). Between 16:00 and
// 24:00 UTC the server's UTC date is still yesterday while the office is already on
// tomorrow's work, so every "today" the server decides is the office's.
const OFFICE_OFFSET_MS = 8 * 3600_000;

/** The office's calendar date (YYYY-MM-DD) at an instant. */
export function officeDay(at: Date | number): string {
  return new Date(new Date(at).getTime() + OFFICE_OFFSET_MS).toISOString().slice(0, 10);
}

/** The instant an office day (YYYY-MM-DD) begins, and the one the next begins. */
export function officeDayBounds(day: string): { start: Date; end: Date } {
  const start = new Date(`${day}T00:00:00+08:00`);
  return { start, end: new Date(start.getTime() + 86_400_000) };
}

/** Today's date in the office. */
export const officeToday = (): string => officeDay(Date.now());
