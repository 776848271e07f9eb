// The commission's queue (GET /api/commission/queue): the day and what is
// overdue, above the lists drawn from it by acts.js, practical.js and
// protocols.js; an administrator sees it read only.
import { api } from '../../lib/api.js';
import { $, el } from '../../lib/dom.js';
import { session } from '../../lib/session.js';
import { fmtDate } from '../widgets.js';
import STRINGS, { t, error } from './queue.strings.js';

/** Only commission members review, score and sign; others see the queue read only. */
export const canAct = () => session.me?.role === 'commission';

let data = null;
let loadError = null;
let loading = false;
let shell = null;

/** The queue as last loaded, null before. */
export const queue = () => data;

/** Loads the queue, then draws the view again; every action on a card ends with it. */
export async function loadQueue() {
  loading = true;
  renderStatus();
  try {
    data = await api('GET', '/api/commission/queue');
    loadError = null;
  } catch (e) {
    if (e.status === 401) { session.expired(); return; }
    loadError = e;
  } finally {
    loading = false;
  }
  shell.render();
}

/** Draws the view again, as after a load (a card's busy state, its error). */
export const renderQueue = () => shell.render();

function renderStatus() {
  const s = $('#queue-status');
  s.classList.toggle('error', !!loadError);
  if (loadError) { s.textContent = error(loadError); return; }
  if (!data) { s.textContent = t('loading'); return; }
  const parts = [t('queue_summary', { today: fmtDate(data.today) })];
  parts.push(data.overdue > 0 ? t('queue_overdue', { n: data.overdue }) : t('queue_none_overdue'));
  if (loading) parts.push(t('loading'));
  s.replaceChildren(...parts.map((p, i) => el('span', { class: i === 1 && data.overdue > 0 ? 'overdue-count' : '' }, `${p} `)));
}

export default {
  views: ['queue'],
  roles: ['commission', 'admin'],
  strings: STRINGS,
  mount(s) {
    shell = s;
    $('#queue-reload').addEventListener('click', () => shell.enter());
  },
  enter: loadQueue,
  render() {
    renderStatus();
    $('#queue-readonly').hidden = !session.me || canAct();
  },
  reset() { data = null; loadError = null; },
};
