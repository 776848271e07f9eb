// Dates as Kazakhstan reads them. The server's deadlines are local dates
// ('YYYY-MM-DD' in UTC+5, the single zone since 2024, no daylight saving) and
// are never shifted; instants are UTC milliseconds shown in UTC+5.

const KZ_OFFSET_MS = 5 * 3600 * 1000;
const pad = (n) => String(n).padStart(2, '0');

/** 'YYYY-MM-DD' → 'DD.MM.YYYY'; `none` when it is not a date. */
export function dmy(iso, none = '—') {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(String(iso ?? ''));
  return m ? `${m[3]}.${m[2]}.${m[1]}` : none;
}

/** UTC milliseconds → 'DD.MM.YYYY' (with ' HH:MM' when `withTime`) in Kazakhstan's time. */
export function dmyTime(ms, withTime = true, none = '—') {
  if (typeof ms !== 'number' || !Number.isFinite(ms)) return none;
  const d = new Date(ms + KZ_OFFSET_MS);
  const day = `${pad(d.getUTCDate())}.${pad(d.getUTCMonth() + 1)}.${d.getUTCFullYear()}`;
  return withTime ? `${day} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}` : day;
}

/** UTC milliseconds → 'HH:MM:SS' in Kazakhstan's time (a recording's moments). */
export function hms(ms, none = '—') {
  if (typeof ms !== 'number' || !Number.isFinite(ms)) return none;
  const d = new Date(ms + KZ_OFFSET_MS);
  return `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

/** Today in Kazakhstan by this device's clock, 'YYYY-MM-DD' (comparable with the server's dates). */
export function kzToday(now = Date.now()) {
  return new Date(now + KZ_OFFSET_MS).toISOString().slice(0, 10);
}
