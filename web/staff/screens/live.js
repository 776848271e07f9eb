// Live proctoring (issue 10): the sittings in progress with their state, from
// the staff WebSocket /ws/staff/live (a one-time ticket per connect; reconnect
// with backoff; while it is down, GET /api/proctoring/live every 5 s), the
// events as they happen, and per sitting the latest frame, a room scan, its
// events and its recording. The server logs every viewing.
import { api, apiBlob } from '../../lib/api.js';
import { $, el } from '../../lib/dom.js';
import { dmyTime } from '../../lib/dates.js';
import { session } from '../../lib/session.js';
import { toast } from '../../lib/ui.js';
import { eventText } from '../../lib/events.js'; // event kinds and details in the reader's words
import { stable } from '../widgets.js';
import { openRecording } from './recording.js';
import STRINGS, { t, has, error } from './live.strings.js';

const FEED_MAX = 200; // events kept in the feed
const POLL_MS = 5000; // the list while the socket is down
const FRAME_MS = 5000; // an open frame is fetched again
const PING_MS = 25000;

let shell = null;
let active = false; // the view is shown: the socket and timers run
let sittings = [];
let receivedAt = 0; // when `sittings` came (remaining_ms counts from it)
let feed = []; // newest first
let names = new Map(); // session → full name (the feed names sittings)
let socket = null;
let socketUp = false;
let backoff = 1000;
let reconnectTimer = null;
let pollTimer = null;
let pingTimer = null;
let loadError = null;
const frames = new Map(); // session → { url, t, error, timer, loading }
const eventsOpen = new Map(); // session → events list, null while loading, or an Error
const busy = new Set();

const timeOf = (ms) => dmyTime(ms, true, t('none'));

function setSittings(list) {
  sittings = list || [];
  receivedAt = Date.now();
  for (const s of sittings) names.set(s.session, s.full_name);
  loadError = null;
}

// ---- the socket -----------------------------------------------------------------

async function connect() {
  if (!active || socket) return;
  clearTimeout(reconnectTimer);
  let ticket;
  try {
    ticket = (await api('POST', '/api/proctoring/live/ws-ticket')).ticket;
  } catch (e) {
    if (e.status === 401) { session.expired(); return; }
    socketDown();
    return;
  }
  if (!active) return;
  const proto = location.protocol === 'https:' ? 'wss:' : 'ws:';
  const ws = new WebSocket(`${proto}//${location.host}/ws/staff/live?ticket=${encodeURIComponent(ticket)}`);
  socket = ws;
  ws.onopen = () => {
    socketUp = true;
    backoff = 1000;
    stopPolling();
    pingTimer = setInterval(() => { if (ws.readyState === 1) ws.send('{"type":"ping"}'); }, PING_MS);
    renderStatus();
  };
  ws.onmessage = (m) => {
    let msg;
    try { msg = JSON.parse(m.data); } catch { return; }
    if (msg.type === 'live') { setSittings(msg.sittings); render(); }
    else if (msg.type === 'event') onEvent(msg);
  };
  ws.onclose = () => {
    if (socket === ws) socket = null;
    clearInterval(pingTimer);
    socketDown();
  };
}

function socketDown() {
  socketUp = false;
  renderStatus();
  if (!active) return;
  startPolling();
  reconnectTimer = setTimeout(connect, backoff);
  backoff = Math.min(backoff * 2, 30000);
}

function disconnect() {
  clearTimeout(reconnectTimer);
  clearInterval(pingTimer);
  stopPolling();
  if (socket) { const ws = socket; socket = null; ws.onclose = null; ws.close(); }
  socketUp = false;
}

function startPolling() {
  if (pollTimer || !active) return;
  pollTimer = setInterval(poll, POLL_MS);
  poll();
}
function stopPolling() { clearInterval(pollTimer); pollTimer = null; }

async function poll() {
  try {
    setSittings((await api('GET', '/api/proctoring/live')).sittings);
  } catch (e) {
    if (e.status === 401) { session.expired(); return; }
    loadError = e;
  }
  render();
}

function onEvent(e) {
  feed.unshift(e);
  if (feed.length > FEED_MAX) feed.length = FEED_MAX;
  // The row shows it at once; the `live` list that follows is the truth.
  const row = sittings.find((s) => s.session === e.session);
  if (row) {
    row.last_event = e;
    if (e.violation && e.strike > row.strikes) row.strikes = e.strike;
  }
  if (eventsOpen.get(e.session) instanceof Array) eventsOpen.get(e.session).push(e);
  render();
}

// ---- per sitting ------------------------------------------------------------------

function toggleFrame(id) {
  const f = frames.get(id);
  if (f) { clearInterval(f.timer); if (f.url) URL.revokeObjectURL(f.url); frames.delete(id); render(); return; }
  const state = { url: null, t: null, error: null, loading: true, timer: null };
  frames.set(id, state);
  state.timer = setInterval(() => fetchFrame(id), FRAME_MS);
  fetchFrame(id);
  render();
}

async function fetchFrame(id) {
  const state = frames.get(id);
  if (!state) return;
  try {
    const blob = await apiBlob(`/api/sessions/${id}/frame`);
    if (frames.get(id) !== state) return; // closed meanwhile
    if (state.url) URL.revokeObjectURL(state.url);
    state.url = URL.createObjectURL(blob);
    state.t = Date.now();
    state.error = null;
  } catch (e) {
    if (e.status === 401) { session.expired(); return; }
    state.error = e.status === 404 ? t('live_frame_none') : error(e);
  }
  state.loading = false;
  render();
}

function forgetFrames() {
  for (const f of frames.values()) { clearInterval(f.timer); if (f.url) URL.revokeObjectURL(f.url); }
  frames.clear();
}

async function askScan(s) {
  if (!window.confirm(t('live_scan_confirm', { name: s.full_name }))) return;
  const key = `scan:${s.session}`;
  busy.add(key);
  render();
  try {
    await api('POST', `/api/sessions/${s.session}/room-scan`);
    toast(t('live_scan_asked', { id: s.session }));
    s.room_scan = s.room_scan || 'owed';
  } catch (e) {
    if (e.status === 401) { session.expired(); return; }
    toast(error(e), 'error');
  } finally {
    busy.delete(key);
    render();
  }
}

async function toggleEvents(id) {
  if (eventsOpen.has(id)) { eventsOpen.delete(id); render(); return; }
  eventsOpen.set(id, null);
  render();
  try {
    eventsOpen.set(id, await api('GET', `/api/sessions/${id}/events`));
  } catch (e) {
    if (e.status === 401) { session.expired(); return; }
    eventsOpen.set(id, e);
  }
  render();
}

// ---- drawing ----------------------------------------------------------------------

function renderStatus() {
  const s = $('#live-status');
  if (!s) return;
  s.classList.toggle('error', !!loadError || !socketUp);
  const parts = [t(socketUp ? 'live_socket_on' : 'live_socket_off')];
  if (receivedAt) parts.push(t('live_updated', { time: timeOf(receivedAt) }));
  if (loadError) parts.push(error(loadError));
  s.textContent = parts.join(' ');
  s.dataset.socket = socketUp ? 'up' : 'down';
}

function strikesCell(n) {
  const k = Math.min(n, 2);
  return el('span', { class: `strikes strikes-${k}` }, t(`live_strikes_${k}`));
}

function identityText(kind) {
  if (!kind) return t('live_id_pending');
  return has(`live_id_${kind}`) ? t(`live_id_${kind}`) : kind;
}

function lastText(e) {
  if (!e) return t('none');
  const w = eventText(e);
  return `${w.label}${w.detail ? ` — ${w.detail}` : ''} · ${timeOf(e.t_ms)}`;
}

function streamText(st) {
  if (!st) return t('none');
  const level = t(Number(st.level) === 0 ? 'live_stream_good' : 'live_stream_reduced'); // level 0: the best the server asks for
  if (!st.width || !st.height || !st.every_ms) return level;
  return t('live_stream_detail', { level, w: st.width, h: st.height, s: Math.round(st.every_ms / 100) / 10 });
}

function leftText(s) {
  const ms = Math.max(0, s.remaining_ms - (Date.now() - receivedAt));
  return t('live_min_left', { n: Math.ceil(ms / 60000) });
}

const cell = (label, ...content) => el('td', { 'data-label': label }, ...content);

function sittingRows(s) {
  const id = s.session;
  const k = Math.min(s.strikes, 2);
  const f = frames.get(id);
  const evs = eventsOpen.get(id);
  const rows = [el('tr', { class: `live-row strike-${k}`, 'data-session': id },
    cell(t('live_col_name'), el('b', {}, s.full_name), el('div', { class: 'muted small' }, t('session_n', { id }))),
    cell(t('live_col_programme'), s.programme),
    cell(t('live_col_left'), leftText(s)),
    cell(t('live_col_link'), el('span', { class: s.connections > 0 ? 'link-on' : 'link-off' },
      t(s.connections > 0 ? 'live_connected' : 'live_disconnected')),
    s.room_scan ? el('div', { class: 'muted small' }, t(`live_scan_${s.room_scan}`)) : null),
    cell(t('live_col_identity'), identityText(s.identity)),
    cell(t('live_col_strikes'), strikesCell(s.strikes)),
    cell(t('live_col_last'), el('span', { class: s.last_event?.violation ? 'last-violation' : '' }, lastText(s.last_event))),
    cell(t('live_col_stream'), streamText(s.stream)),
    cell(t('live_col_actions'), el('div', { class: 'row live-actions' },
      el('button', { type: 'button', class: 'live-frame-btn', 'aria-expanded': f ? 'true' : 'false', onclick: () => toggleFrame(id) },
        t(f ? 'live_frame_hide' : 'live_frame')),
      el('button', { type: 'button', class: 'live-scan-btn', disabled: busy.has(`scan:${id}`), onclick: () => askScan(s) }, t('live_scan')),
      el('button', { type: 'button', class: 'live-events-btn', 'aria-expanded': evs !== undefined ? 'true' : 'false', onclick: () => toggleEvents(id) }, t('live_events')),
      el('button', { type: 'button', class: 'live-rec-btn', onclick: () => openRecording(id, s.full_name, 'live') }, t('live_recording')))))];
  if (f) {
    rows.push(el('tr', { class: 'live-extra live-frame-row', 'data-session': id }, el('td', { colspan: 9 },
      f.url ? el('img', { class: 'live-frame', src: f.url, alt: t('live_frame_alt', { id }) }) : null,
      el('p', { class: 'muted small', role: 'status' },
        f.error || (f.loading ? t('live_frame_loading') : t('live_frame_taken', { time: timeOf(f.t) }))))));
  }
  if (evs !== undefined) {
    let body;
    if (evs === null) body = el('p', { class: 'muted' }, t('loading'));
    else if (evs instanceof Error) body = el('p', { class: 'error' }, error(evs));
    else if (!evs.length) body = el('p', { class: 'muted' }, t('live_events_empty'));
    else body = el('ol', { class: 'plain-list live-events' }, ...evs.slice(-50).reverse().map(eventItem));
    rows.push(el('tr', { class: 'live-extra', 'data-session': id }, el('td', { colspan: 9 },
      el('h3', {}, t('live_events_title', { id })), body)));
  }
  return rows;
}

function eventItem(e) {
  const w = eventText(e);
  return el('li', { class: e.violation ? 'ev-violation' : '' },
    el('span', { class: 'muted' }, `${timeOf(e.t_ms)} · `),
    el('b', {}, w.label), w.detail ? ` — ${w.detail}` : '',
    e.violation ? el('span', { class: 'badge bad' }, `${t('live_violation')} ${e.strike}/2`) : null);
}

function feedItem(e) {
  const w = eventText(e);
  const name = names.get(e.session) || t('session_n', { id: e.session });
  return el('li', { class: `feed-item${e.violation ? ' ev-violation' : ''}`, 'data-session': e.session, 'data-kind': e.kind },
    el('span', { class: 'muted' }, `${timeOf(e.t_ms)} · №${e.session} ${name}: `),
    el('b', {}, w.label), w.detail ? ` — ${w.detail}` : '',
    e.violation ? el('span', { class: 'badge bad' }, `${t('live_violation')} ${e.strike}/2`) : null);
}

/** Which row button has the keyboard focus, to give it back after a redraw (the list is redrawn every 5 s). */
function focusedButton() {
  const b = document.activeElement;
  const row = b?.closest?.('#live-body tr[data-session]');
  return row && b.tagName === 'BUTTON' ? { session: row.dataset.session, cls: b.className.split(' ')[0] } : null;
}

function render() {
  if (!$('#live-body')) return;
  renderStatus();
  const focus = focusedButton();
  const list = stable(sittings, (a, b) => b.strikes - a.strikes || a.started_ms - b.started_ms);
  $('#live-body').replaceChildren(...(list.length ? list.flatMap(sittingRows)
    : [el('tr', {}, el('td', { colspan: 9, class: 'muted empty' }, receivedAt ? t('live_none') : t('loading')))]));
  if (focus) $(`#live-body tr[data-session="${CSS.escape(focus.session)}"] button.${CSS.escape(focus.cls)}`)?.focus({ preventScroll: true });
  $('#live-feed').replaceChildren(...(feed.length ? feed.map(feedItem) : [el('li', { class: 'muted empty' }, t('live_feed_empty'))]));
}

function head() {
  $('#live-head').replaceChildren(el('tr', {}, ...['name', 'programme', 'left', 'link', 'identity', 'strikes', 'last', 'stream', 'actions']
    .map((k) => el('th', { scope: 'col' }, t(`live_col_${k}`)))));
}

export default {
  views: ['live'],
  roles: ['admin', 'commission'],
  strings: STRINGS,
  mount(s) { shell = s; },
  enter() {
    active = true;
    if (!socket) connect();
    if (!socketUp) startPolling();
  },
  leave() {
    active = false;
    disconnect();
    forgetFrames();
  },
  render() { head(); render(); },
  reset() {
    active = false;
    disconnect();
    forgetFrames();
    sittings = []; feed = []; names = new Map(); receivedAt = 0; loadError = null;
    eventsOpen.clear(); busy.clear();
  },
};
