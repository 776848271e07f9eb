// An event of a sitting's log in the reader's language (issue 10: every word
// in the reader's language). The server keeps an English `detail` for the
// audit and the logs and, since migration 11, the figures behind it in
// `args` ({"seconds": 6.0, "faces": 2}); the words here are built from those.
//
//   eventText({ kind, detail, args, violation, strike }) → { label, detail, known }
//
// label: the kind in words (ev_<kind>; "Event" for a kind this page does not
// know, `known` false, so a caller may show the code beside it). detail: built
// from args in the current language; when the event has no args (written
// before migration 11) or the kind has no figures, a Kazakh or Russian reader
// gets '' (the label alone, never the English), an English one the server's
// detail.
import { catalogue, getLang } from './i18n.js';
import strings from './events.strings.js';

const words = catalogue(strings);
const { t, has } = words;

const LOCALE = { kk: 'kk-KZ', ru: 'ru-RU', en: 'en-GB' };

/** A number as the reader writes it (6,0 in kk and ru), with `digits` decimals. */
function num(x, digits = 0) {
  const v = Number(x);
  if (!Number.isFinite(v)) return null;
  try {
    return new Intl.NumberFormat(LOCALE[getLang()] ?? 'en-GB', {
      minimumFractionDigits: digits, maximumFractionDigits: digits, useGrouping: false,
    }).format(v);
  } catch {
    return v.toFixed(digits);
  }
}

/** args as an object: the server sends an object; a string of JSON is read; anything else is none. */
function argsOf(e) {
  let a = e?.args;
  if (typeof a === 'string') {
    try { a = JSON.parse(a); } catch { return null; }
  }
  return a && typeof a === 'object' && !Array.isArray(a) ? a : null;
}

/** t(key, params) when every param is a number we could write; else null (the detail falls back). */
function figures(key, params) {
  return Object.values(params).every((v) => v !== null && v !== undefined) ? t(key, params) : null;
}

const secondsOnly = (a) => figures('evd_seconds', { s: num(a.seconds, 1) });
const stream = (a) => figures('evd_stream', {
  interval_s: num(a.interval_s, 1), width: num(a.width), height: num(a.height), kbps: num(a.link_kbps),
});

/** The detail of each kind from its args, or null when the args lack what it needs. */
const DETAIL = {
  no_face: secondsOnly,
  movement: secondsOnly,
  camera_blocked: secondsOnly,
  camera_lost: secondsOnly,
  microphone_lost: secondsOnly,
  multiple_faces: (a) => figures('evd_multiple_faces', { faces: num(a.faces), s: num(a.seconds, 1) }),
  identity_mismatch: (a) => figures('evd_identity_mismatch', { distance: num(a.distance, 3), s: num(a.seconds, 1) }),
  noise: (a) => figures('evd_noise', { dbfs: num(a.dbfs, 1), s: num(a.seconds, 1) }),
  identity_confirmed: (a) => figures('evd_distance', { distance: num(a.distance, 3) }),
  identity_not_confirmed: (a) => figures('evd_distance', { distance: num(a.distance, 3) }),
  frames_summary: (a) => figures('evd_frames_summary',
    { dropped: num(a.dropped ?? 0), unreadable: num(a.unreadable ?? 0), throttled: num(a.throttled ?? 0) }),
  frames_throttled: (a) => figures('evd_frames_throttled', { ms: num(a.cpu_ms_per_minute) }),
  frame_unreadable: (a) => {
    if (a.max_scans !== undefined) return figures('evd_frame_scans', { n: num(a.max_scans) });
    return has(`q_${a.quality}`) ? t(`q_${a.quality}`) : null;
  },
  room_scan_requested: (a) => (has(`r_${a.reason}`) ? t(`r_${a.reason}`) : null),
  room_scan_timeout: (a) => figures('evd_room_scan_timeout', { s: num(a.max_s) }),
  events_rate_limited: (a) => figures('evd_events_rate_limited', { refused: num(a.refused), per_minute: num(a.per_minute) }),
  late_answer: (a) => figures('evd_late_answer', { question: num(a.question), late_s: num(a.late_s, 1) }),
  connection_restored: (a) => figures('evd_connection_restored', { away_s: num(a.away_s, 1), credit_s: num(a.credit_s, 1) }),
  connection_lost_limit: (a) => figures('evd_connection_lost_limit', { away_s: num(a.away_s, 1), limit_s: num(a.limit_s) }),
  stream_reduced: (a) => stream(a),
  stream_restored: (a) => stream(a),
  audio_check_failed: (a) => figures('evd_audio_check', { claimed: num(a.claimed_dbfs, 1), measured: num(a.measured_dbfs, 1) }),
};

export function eventText(e) {
  const kind = String(e?.kind ?? '');
  const known = has(`ev_${kind}`);
  const label = t(known ? `ev_${kind}` : 'ev_unknown');
  const a = argsOf(e);
  let detail = null;
  if (a && DETAIL[kind]) {
    try { detail = DETAIL[kind](a); } catch { detail = null; }
  }
  if (detail === null) detail = getLang() === 'en' ? String(e?.detail ?? '') : '';
  return { label, detail, known };
}

/** The label of a kind alone (a violation's or an act's). */
export function eventLabel(kind) {
  return eventText({ kind }).label;
}
