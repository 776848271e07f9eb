// The recording player (issue 10): a sitting's frames on a timeline (a range
// and play/pause at one frame a second), its audio levels as a bar chart on
// the same time axis, and its events as marks there (violations in red) that
// jump to their moment. Frames are fetched with the token one at a time; only
// the one shown is kept as an object URL. Opening the list is logged by the server.
import { api, apiBlob } from '../../lib/api.js';
import { $, el } from '../../lib/dom.js';
import { dmyTime, hms } from '../../lib/dates.js';
import { session } from '../../lib/session.js';
import { eventText } from '../../lib/events.js'; // event kinds and details in the reader's words
import STRINGS, { t, error } from './recording.strings.js';

const SVG = 'http://www.w3.org/2000/svg';
const W = 1000; // the chart's user units across
const H = 80;


let shell = null;
let current = null; // { id, name, back, data, events, error, idx }
let playTimer = null;
let shownUrl = null; // the object URL of the frame shown
let fetching = 0; // the number of the newest frame request (older answers are dropped)

// Within a recording seconds matter; its span says the day.
const timeOf = (ms) => hms(ms, t('none'));

/** Opens the player of a sitting; `back` is the view to return to. */
export async function openRecording(id, name, back) {
  stop();
  current = { id, name, back: back || 'live', data: null, events: [], error: null, idx: 0 };
  shell.show('recording');
}

async function load() {
  if (!current) return;
  const c = current;
  c.data = null;
  c.error = null;
  renderAll();
  try {
    const [data, events] = await Promise.all([
      api('GET', `/api/sessions/${c.id}/recording`),
      api('GET', `/api/sessions/${c.id}/events`),
    ]);
    if (current !== c) return;
    c.data = data;
    c.events = events || [];
  } catch (e) {
    if (e.status === 401) { session.expired(); return; }
    c.error = e;
  }
  renderAll();
  showFrame();
}

function span() {
  const d = current.data;
  const ts = [...d.frames.map((f) => f.t_ms), ...d.audio.map((a) => a.t_ms), ...current.events.map((e) => e.t_ms)];
  const t0 = Math.min(...ts);
  const t1 = Math.max(...ts);
  return { t0, t1, x: (ms) => (t1 > t0 ? ((ms - t0) / (t1 - t0)) * W : W / 2) };
}

/** The frame at or before `ms` (the first when none is). */
function frameAt(ms) {
  const fr = current.data.frames;
  let best = 0;
  for (let i = 0; i < fr.length; i++) if (fr[i].t_ms <= ms) best = i;
  return best;
}

function seek(i) {
  const n = current.data.frames.length;
  current.idx = Math.max(0, Math.min(n - 1, i));
  const r = $('#rec-range');
  if (r) r.value = String(current.idx);
  showFrame();
}

async function showFrame() {
  const c = current;
  if (!c?.data?.frames.length) return;
  const f = c.data.frames[c.idx];
  const img = $('#rec-frame');
  const cap = $('#rec-caption');
  cap.textContent = `${t('rec_frame_of', { i: c.idx + 1, n: c.data.frames.length, time: timeOf(f.t_ms) })}${f.part === 'room_scan' ? ` · ${t('rec_part_room_scan')}` : ''}`;
  const cursor = $('#rec-cursor');
  if (cursor) { const x = span().x(f.t_ms); cursor.setAttribute('x1', x); cursor.setAttribute('x2', x); }
  const mine = ++fetching;
  try {
    const blob = await apiBlob(f.url);
    if (mine !== fetching || current !== c) return;
    if (shownUrl) URL.revokeObjectURL(shownUrl);
    shownUrl = URL.createObjectURL(blob);
    img.src = shownUrl;
    img.alt = t('rec_frame_alt', { time: timeOf(f.t_ms) });
    img.hidden = false;
    $('#rec-frame-error').textContent = '';
  } catch (e) {
    if (e.status === 401) { session.expired(); return; }
    if (mine === fetching) $('#rec-frame-error').textContent = t('rec_frame_failed', { msg: error(e) });
  }
}

function play() {
  if (playTimer) { stop(); renderPlay(); return; }
  if (current.idx >= current.data.frames.length - 1) seek(0);
  playTimer = setInterval(() => {
    if (!current?.data || current.idx >= current.data.frames.length - 1) { stop(); renderPlay(); return; }
    seek(current.idx + 1);
  }, 1000);
  renderPlay();
}

function stop() { clearInterval(playTimer); playTimer = null; }

function renderPlay() {
  const b = $('#rec-play');
  if (b) { b.textContent = t(playTimer ? 'rec_pause' : 'rec_play'); b.setAttribute('aria-pressed', playTimer ? 'true' : 'false'); }
}

function svg(tag, attrs = {}) {
  const e = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  return e;
}

/** The audio levels as bars, the events as marks, and the frame's cursor, on one axis. */
function chart() {
  const s = span();
  const box = svg('svg', { viewBox: `0 0 ${W} ${H}`, preserveAspectRatio: 'none', class: 'rec-chart', role: 'img', 'aria-label': t('rec_audio') });
  box.append(svg('rect', { x: 0, y: 0, width: W, height: H, class: 'rec-bg' }));
  const audio = current.data.audio;
  const bw = Math.max(1, Math.min(8, W / Math.max(1, audio.length)));
  for (const a of audio) {
    const h = Math.max(1, Math.min(1, (a.dbfs + 90) / 90) * (H - 10));
    box.append(svg('rect', { x: s.x(a.t_ms) - bw / 2, y: H - h, width: bw, height: h, class: 'rec-bar' }));
  }
  for (const e of current.events) {
    const x = s.x(e.t_ms);
    box.append(svg('line', { x1: x, x2: x, y1: 0, y2: H, class: e.violation ? 'rec-ev violation' : 'rec-ev' }));
  }
  const f = current.data.frames[current.idx];
  const cx = f ? s.x(f.t_ms) : 0;
  box.append(svg('line', { id: 'rec-cursor', x1: cx, x2: cx, y1: 0, y2: H, class: 'rec-cursor' }));
  return box;
}

function markList() {
  if (!current.events.length) return el('p', { class: 'muted' }, t('rec_no_events'));
  return el('ol', { class: 'rec-marks plain-list' }, ...current.events.map((e) => {
    const w = eventText(e);
    return el('li', {}, el('button', {
      type: 'button', class: `link-btn rec-mark${e.violation ? ' violation' : ''}`, 'data-kind': e.kind,
      onclick: () => { stop(); renderPlay(); seek(frameAt(e.t_ms)); },
    }, t('rec_mark', { time: timeOf(e.t_ms), label: w.detail ? `${w.label} — ${w.detail}` : w.label })));
  }));
}

function renderAll() {
  if (!current) return;
  $('#rec-title').textContent = t('rec_title', { id: current.id, name: current.name || '' });
  const status = $('#rec-status');
  const body = $('#rec-body');
  status.classList.toggle('error', !!current.error);
  if (current.error) { status.textContent = error(current.error); body.replaceChildren(); return; }
  if (!current.data) { status.textContent = t('loading'); body.replaceChildren(); return; }
  const d = current.data;
  if (!d.frames.length && !d.audio.length && !current.events.length) {
    status.textContent = t('rec_empty');
    body.replaceChildren();
    return;
  }
  status.textContent = d.frames.length
    ? t('rec_frames', { n: d.frames.length, from: `${dmyTime(d.frames[0].t_ms, false, t('none'))} ${hms(d.frames[0].t_ms)}`, to: timeOf(d.frames[d.frames.length - 1].t_ms) })
    : t('rec_empty');
  const range = el('input', { id: 'rec-range', type: 'range', min: 0, max: Math.max(0, d.frames.length - 1), step: 1, 'aria-label': t('rec_position') });
  range.value = String(current.idx);
  range.addEventListener('input', () => { stop(); renderPlay(); seek(Number(range.value)); });
  body.replaceChildren(...[
    d.frames.length ? el('figure', { class: 'rec-figure' },
      el('img', { id: 'rec-frame', class: 'rec-frame', alt: '', hidden: true }),
      el('figcaption', { id: 'rec-caption', class: 'muted small' }),
      el('p', { id: 'rec-frame-error', class: 'error', role: 'alert' })) : null,
    d.frames.length ? el('div', { class: 'row rec-controls' },
      el('button', { id: 'rec-play', type: 'button', class: 'primary', 'aria-pressed': 'false', onclick: play }, t(playTimer ? 'rec_pause' : 'rec_play')),
      range) : null,
    el('h2', {}, t('rec_audio')),
    d.audio.length || current.events.length ? chart() : null,
    d.audio.length ? null : el('p', { class: 'muted small' }, t('rec_audio_none')),
    el('h2', {}, t('rec_marks')),
    markList()].filter(Boolean)); // replaceChildren would write a null as text
}

export default {
  views: ['recording'],
  roles: ['admin', 'commission'],
  strings: STRINGS,
  mount(s) {
    shell = s;
    $('#rec-back').addEventListener('click', () => shell.show(current?.back || 'live'));
  },
  enter: load,
  render() {
    renderAll();
    if (current?.data?.frames.length) showFrame();
  },
  leave() {
    stop();
    if (shownUrl) { URL.revokeObjectURL(shownUrl); shownUrl = null; }
  },
  reset() {
    stop();
    if (shownUrl) { URL.revokeObjectURL(shownUrl); shownUrl = null; }
    current = null;
  },
};
