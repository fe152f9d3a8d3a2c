import type { EventBreak, EventDay } from '@app/database';

/** Events run on Beijing time (no daylight saving), so local times map to one fixed offset. */
export const EVENT_UTC_OFFSET = '+08:00';

export interface EventSlot {
  /** Readable and stable: `2026-06-01T09:30` (local time of the slot start). */
  id: string;
  startsAt: Date;
  endsAt: Date;
}

const minutesOf = (hhmm: string): number => {
  const [h, m] = hhmm.split(':').map(Number);
  return h * 60 + m;
};
const hhmm = (minutes: number): string => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

export function localTime(date: string, time: string): Date {
  return new Date(`${date}T${time}:00${EVENT_UTC_OFFSET}`);
}

/**
 * Cuts every event day into back-to-back slots of `slotMinutes`, skipping the daily breaks;
 * a slot that would run into a break starts again when the break ends.
 */
export function buildEventSlots(event: { days: EventDay[]; breaks: EventBreak[]; slotMinutes: number }): EventSlot[] {
  const slots: EventSlot[] = [];
  const breaks = event.breaks.map((b) => ({ start: minutesOf(b.start), end: minutesOf(b.end) })).sort((a, b) => a.start - b.start);
  const days = [...event.days].sort((a, b) => (a.date + a.start).localeCompare(b.date + b.start));
  for (const day of days) {
    let t = minutesOf(day.start);
    const end = minutesOf(day.end);
    while (t + event.slotMinutes <= end) {
      const clash = breaks.find((b) => t < b.end && t + event.slotMinutes > b.start);
      if (clash) {
        t = clash.end;
        continue;
      }
      slots.push({ id: `${day.date}T${hhmm(t)}`, startsAt: localTime(day.date, hhmm(t)), endsAt: localTime(day.date, hhmm(t + event.slotMinutes)) });
      t += event.slotMinutes;
    }
  }
  return slots;
}

/** "2026-06-01 09:30" in event local time, for people and spreadsheets. */
export function formatLocal(date: Date): string {
  const shifted = new Date(date.getTime() + 8 * 3600_000);
  return shifted.toISOString().slice(0, 16).replace('T', ' ');
}
