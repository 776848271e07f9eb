// Signing in and out, the same on every page that has an account: the form
// #login-form (#login, #password, #login-error), the button #logout, the token
// (api.js) and the account (GET /api/me). The page says what it does around it
// through the hooks given to start().
import { api, auth } from './api.js';
import { $ } from './dom.js';

const noop = () => {};

export const session = {
  me: null, // GET /api/me, once asked
  words: null,
  hooks: {},

  /**
   * words: the page's catalogue (login_missing, e_invalid_credentials, its errors);
   * hooks: signedIn() after a sign-in; showLogin(message, ...extra) shows the form;
   * stop() ends what runs before the token goes (an exam's socket, the camera);
   * reset() forgets the page's state once it has gone; clearForm() on a new try.
   */
  start(words, hooks) {
    this.words = words;
    this.hooks = { signedIn: noop, showLogin: noop, stop: noop, reset: noop, clearForm: noop, ...hooks };
    $('#login-form').addEventListener('submit', (ev) => this.onSubmit(ev));
    $('#logout').addEventListener('click', () => this.signOut());
  },

  get hasToken() { return Boolean(auth.token); },

  /** The signed-in account (asked once per sign-in); rejects with the ApiError. */
  async account() {
    if (!this.me) this.me = await api('GET', '/api/me');
    return this.me;
  },

  async onSubmit(ev) {
    ev.preventDefault();
    const err = $('#login-error');
    const login = $('#login').value.trim();
    const password = $('#password').value;
    err.textContent = '';
    this.hooks.clearForm();
    if (!login || !password) { err.textContent = this.words.t('login_missing'); return; }
    const button = ev.target.querySelector('button[type=submit]');
    button.disabled = true;
    try {
      const r = await api('POST', '/api/login', { login, password });
      auth.set(r.token);
      $('#password').value = '';
      this.me = null;
      await this.hooks.signedIn();
    } catch (e) {
      err.textContent = e.status === 401 ? this.words.t('e_invalid_credentials') : this.words.error(e);
    } finally {
      button.disabled = false;
    }
  },

  /** Signs out (the server forgets the token), then shows the form with `message`. */
  async signOut(message = '', ...extra) {
    this.hooks.stop();
    try { await api('POST', '/api/logout'); } catch { /* the token is dropped anyway */ }
    this.end(message, ...extra);
  },

  /** The server no longer knows the token (401): back to the form, saying so. */
  expired() {
    this.hooks.stop();
    this.end(this.words.t('e_unauthorized'));
  },

  end(message, ...extra) {
    auth.clear();
    this.me = null;
    this.hooks.reset();
    this.hooks.showLogin(message, ...extra);
  },
};
