// Tanu staff page (staff.html): the shell. Sign-in and sign-out (lib/session.js),
// the header, the language, and the registry of the screens: one module per
// domain in screens/, each with its own state and its own words, drawn on one
// of the page's views (section#screen-NAME) for the roles it names.
//
// A screen module's default export:
//   views    the views it is drawn on (the first is the home of its roles)
//   roles    the roles that see it: its data is loaded only for them
//   strings  its catalogue { en, ru, kk } (screens/<domain>.strings.js)
//   mount(shell)  once at start: its listeners, what it builds in the page
//   enter(view)   the view is shown (or reloaded): load what it shows
//   render(view)  draw from its state (after a load, a language change)
//   leave(view)   another view is shown: stop what runs for this one (sockets, timers)
//   reset()       sign-out: forget its state
import { applyStatic, catalogue, merged, onLangChange } from '../lib/i18n.js';
import { $, showScreen } from '../lib/dom.js';
import { languageChoice } from '../lib/ui.js';
import { session } from '../lib/session.js';
import SHARED from '../lib/strings.js';
import STRINGS, { words, t, has } from './strings.js';
import { forgetBlobs } from './widgets.js';
import queue from './screens/queue.js';
import acts from './screens/acts.js';
import practical from './screens/practical.js';
import protocols from './screens/protocols.js';
import notices from './screens/notices.js';
import documents from './screens/documents.js';
import appeals from './screens/appeals.js';
import applications from './screens/applications.js';
import scheduling from './screens/scheduling.js';
import commissions from './screens/commissions.js';
import programmes from './screens/programmes.js';
import signing from './screens/signing.js';
import live from './screens/live.js';
import recording from './screens/recording.js';
import candidates from './screens/candidates.js';
import accounts from './screens/accounts.js';
import calendar from './screens/calendar.js';
import briefing from './screens/briefing.js';
import offline from './screens/offline.js';
import person from './screens/person.js';

// The registry, in the order the screens are drawn: one line per screen.
const SCREENS = [
  queue, //      the commission's queue: the day, what is overdue
  acts, //       violation acts to confirm or annul
  practical, //  practical checklists to score
  protocols, //  protocols to sign, and those signed here
  notices, //    admin: notices the outbox has not delivered
  documents, //  admin: revoking a document; every document's box and links
  applications, // registrar, head, admin: applications (W1), the contract, the refusal and its signature
  scheduling, // registrar, admin (commission, head read): dates and places (W2), reschedules, sick leave, technical failures (W3)
  appeals, //    the appeal commission: appeals, the record of a sitting, the decision
  commissions, // admin, registrar: the exam and appeal commissions, their members, quorum and programmes
  programmes, // admin: programmes and their settings (W11), question banks and their imports
  signing, //    the head of the centre: documents awaiting the signature (admin: read only)
  live, //       live proctoring: the sittings in progress, events as they happen, frames
  recording, //  a sitting's recording: frames, audio levels and events on a timeline
  candidates, // admin, registrar: the candidates, their cards and ID photos, a new candidate
  accounts, //   admin: the staff accounts, their roles, disabling and enabling
  calendar, //   admin: the working-day calendar (holidays, moved days off) as a month grid
  briefing, //   admin, registrar, commission: the safety briefings' journal entries (W6, p.8)
  offline, //    commission (admin reads): the day's exams in the centre, attendance, oral warnings, acts (W7, p.10, p.13-14)
  person, //     admin, registrar, head: a candidate's personal file (W10, p.14) and its PDF, opened from the candidate's card
];

/** Every word of the page: its static texts come from here (tests/web: no key twice). */
export const STAFF = merged(STRINGS, ...SCREENS.map((s) => s.strings), SHARED);
const page = catalogue(STAFF);

let view = null;
const on = (name) => SCREENS.filter((s) => s.views.includes(name));
/** Every role the account holds (a user may hold several); older servers name one. */
const held = (me = session.me) => (me ? me.roles ?? [me.role] : []);
const allowed = (s) => s.roles.some((r) => held().includes(r));

/** What the screens may ask of the page. */
const shell = {
  get view() { return view; },
  /** Shows a view and the header for it. */
  go(name) {
    if (view && view !== name) for (const s of on(view)) if (!s.views.includes(name)) s.leave?.(view);
    view = name;
    updateHeader();
    showScreen(name);
  },
  /** Draws every screen of the current view. */
  render() { for (const s of on(view)) s.render?.(view); },
  /** Loads what the current view's screens show, those the role sees. */
  enter() { for (const s of on(view)) if (allowed(s)) s.enter?.(view); },
  show(name) {
    shell.go(name);
    shell.render();
    shell.enter();
  },
};

function updateHeader() {
  const me = session.me;
  $('#logout').hidden = !session.hasToken || view === 'login';
  const who = $('#whoami');
  who.hidden = !me || view === 'login';
  if (me) {
    const role = held(me).map((r) => (has(`role_${r}`) ? t(`role_${r}`) : r)).join(', ');
    who.textContent = t('signed_in_as', { login: me.login, role });
  }
  $('#admin-nav').hidden = !held(me).includes('admin') || view !== 'queue';
  // Between the views the account's roles see (the queue, the live view, the applications), for those who see several.
  const links = [...document.querySelectorAll('#staff-nav a[data-view]')];
  for (const a of links) a.hidden = a.dataset.view === view || !on(a.dataset.view).some(allowed);
  $('#staff-nav').hidden = view === 'login' || links.filter((a) => on(a.dataset.view).some(allowed)).length < 2;
}

function showLogin(message = '', examLink = false) {
  $('#login-error').textContent = message;
  $('#login-exam').hidden = !examLink;
  shell.go('login');
  $('#login').focus();
}

function resetState() {
  for (const s of SCREENS) s.reset?.();
  forgetBlobs();
}

/** After sign-in (or a reload with a token): the home view of the account's role. */
async function start() {
  let me;
  try {
    me = await session.account();
  } catch (e) {
    if (e.status === 401) { session.expired(); return; }
    showLogin(words.error(e));
    return;
  }
  const home = SCREENS.find((s) => s.roles.some((r) => held(me).includes(r)));
  if (home) shell.show(home.views[0]);
  else await session.signOut(t('not_staff'), true);
}

function boot() {
  for (const s of SCREENS) s.mount?.(shell);
  for (const a of document.querySelectorAll('#staff-nav a[data-view]')) {
    a.addEventListener('click', (e) => { e.preventDefault(); shell.show(a.dataset.view); });
  }
  applyStatic(page);
  languageChoice();
  onLangChange(() => {
    applyStatic(page);
    updateHeader(); // focus stays on the language list
    shell.render();
  });
  session.start(words, {
    signedIn: start,
    showLogin,
    reset: resetState,
    clearForm: () => { $('#login-exam').hidden = true; },
  });
  if (!session.hasToken) { showLogin(); return; }
  start();
}

boot();
