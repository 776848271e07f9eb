// The application form (seed 002 Appendix 1), for the candidate on
// apply.html and for the registrar's paper entry on the staff page: the
// applicant, the programme with its language and mode, the purpose and the
// claimed level, an earlier document, knowledge and skills, accessibility
// needs, the basis (own or an employer's referral), the two consents; saved as
// a draft (POST, then PUT /api/applications/{id}), its attachments
// (attachments.js), the server's check (defects in words, each a link to its
// field), then submitted (POST .../submit).
import { api } from '../lib/api.js';
import { $, el } from '../lib/dom.js';
import { dmy, kzToday } from '../lib/dates.js';
import { getLang } from '../lib/i18n.js';
import {
  defectText, defectField, fieldName, langText, modeText, levelText, FORMATS, MAX_FILE_BYTES,
} from './status.js';
import { attachmentsPart } from './attachments.js';

const FIELDS = ['surname', 'name', 'patronymic', 'iin', 'birth_date', 'address', 'email', 'mobile_phone', 'work_phone',
  'programme', 'claimed_nqf_level', 'knowledge', 'skills', 'language', 'mode', 'accessibility', 'signed_date',
  'employer_name', 'employer_bin', 'earlier_document_code', 'earlier_document_valid_until_year', 'purpose', 'basis'];

/** The id of a field's control on the page (a defect's link points there). */
export const fieldId = (name) => `ap-f-${name}`;

/**
 * An error of the API in words, for the form's calls: the file refusals
 * with the limits, a field the server names, else the catalogue's.
 */
export function formError(words, e) {
  if (e?.code === 'unsupported_file') return words.t('fm_att_bad_type', { formats: FORMATS });
  if (e?.code === 'body_too_large') return words.t('fm_att_too_big', { size: `> ${MAX_FILE_BYTES / 1048576}`, max: MAX_FILE_BYTES / 1048576 });
  if (e?.code === 'field_invalid' || e?.code === 'field_missing' || e?.code === 'bad_request' || e?.code === 'unprocessable') {
    const f = namedField(e.message);
    if (f) return words.t('fm_err_field', { field: fieldName(f) });
    if (e.code.startsWith('field_')) return words.t('fm_err_form');
  }
  return words.error(e);
}

/** The form's field a server message names ("email is not valid", "field_invalid: email"), the longest first. */
export function namedField(message) {
  const m = String(message ?? '');
  return [...FIELDS].sort((a, b) => b.length - a.length).find((f) => new RegExp(`(^|[^a-z_])${f}([^a-z_]|$)`).test(m)) ?? null;
}

/** The form's values from an application (or the prefill of a new one). */
function valuesOf(app, prefill = {}) {
  const a = { ...prefill, ...(app?.applicant ?? {}) };
  const s = (x) => (x == null ? '' : String(x));
  return {
    surname: s(a.surname), name: s(a.name), patronymic: s(a.patronymic), iin: s(a.iin), birth_date: s(a.birth_date),
    address: s(a.address), email: s(a.email), mobile_phone: s(a.mobile_phone), work_phone: s(a.work_phone),
    programme: s(app?.programme), language: s(app?.language), mode: s(app?.mode),
    purpose: app?.purpose || 'qualification_level',
    claimed_nqf_level: app?.claimed_nqf_level ? String(app.claimed_nqf_level) : '',
    has_earlier: !!app?.earlier_document,
    earlier_code: s(app?.earlier_document?.code), earlier_year: s(app?.earlier_document?.valid_until_year),
    knowledge: s(app?.knowledge), skills: s(app?.skills), accessibility: s(app?.accessibility),
    basis: app?.basis || 'own', employer_name: s(app?.employer?.name), employer_bin: s(app?.employer?.bin),
    consent_pd: !!app?.consents?.pd_processing?.given, consent_nqs: !!app?.consents?.nqs_publication?.given,
    signed_date: s(app?.signed_date) || kzToday(), registered_date: kzToday(),
  };
}

/** The form as the API takes it (POST/PUT /api/applications). */
function bodyOf(v) {
  const num = (x) => (String(x).trim() === '' ? null : Number(x));
  const trim = (x) => String(x ?? '').trim();
  return {
    applicant: {
      surname: trim(v.surname), name: trim(v.name), patronymic: trim(v.patronymic), iin: trim(v.iin),
      birth_date: v.birth_date || null, address: trim(v.address), email: trim(v.email),
      mobile_phone: trim(v.mobile_phone), work_phone: trim(v.work_phone),
    },
    basis: v.basis,
    employer: v.basis === 'employer_referral' ? { name: trim(v.employer_name), bin: trim(v.employer_bin) } : null,
    purpose: v.purpose, programme: v.programme, claimed_nqf_level: num(v.claimed_nqf_level),
    earlier_document: v.has_earlier ? { code: trim(v.earlier_code), valid_until_year: num(v.earlier_year) } : null,
    knowledge: trim(v.knowledge), skills: trim(v.skills), language: v.language, mode: v.mode,
    accessibility: trim(v.accessibility),
    consents: { pd_processing: !!v.consent_pd, nqs_publication: !!v.consent_nqs },
  };
}

export class ApplicationForm {
  /**
   * root: the element the form is drawn in. opts: words (a catalogue with the
   * form's, the terms' and the page's words), staff (the paper entry: the
   * applicant's account made, the dates given), app (an application to go on
   * with, or null), prefill (applicant fields of a new one), programmes (GET
   * /api/applications/programmes), hooks: saved(app), submitted(app),
   * back(), expired(), created(answer) (the POST's answer: initial_password).
   */
  constructor(root, opts) {
    this.root = root;
    this.o = { staff: false, app: null, prefill: {}, programmes: [], ...opts };
    this.app = this.o.app;
    this.v = valuesOf(this.app, this.o.prefill);
    if (!this.app) this.pickProgramme(this.o.programmes.length === 1 ? this.o.programmes[0].code : '');
    this.status = '';
    this.error = '';
    this.busy = false;
    this.confirming = false;
    this.account = null; // the paper entry's new account, shown once
    this.upload = {}; // the attachment being added (attachments.js)
  }

  get t() { return this.o.words.t; }
  get programme() { return this.o.programmes.find((p) => p.code === this.v.programme) ?? null; }
  get editable() {
    const s = this.app?.status ?? 'draft';
    return s === 'draft' || (this.o.staff && s === 'registered');
  }

  /** A new programme chosen: its level, and its language and mode when there is one choice. */
  pickProgramme(code) {
    this.v.programme = code;
    const p = this.programme;
    if (!p) return;
    this.v.claimed_nqf_level = p.nqf_level ? String(p.nqf_level) : '';
    const langs = p.languages ?? [];
    if (!langs.includes(this.v.language)) this.v.language = langs.length === 1 ? langs[0] : langs.includes(getLang()) ? getLang() : '';
    const modes = p.modes ?? [];
    if (!modes.includes(this.v.mode)) this.v.mode = modes.length === 1 ? modes[0] : '';
  }

  /** The defects to show: those of the last save (a draft has no date yet: it is given on submission). */
  defects() {
    const list = this.app?.check?.defects ?? [];
    if (this.app?.status !== 'draft') return list;
    return list.filter((d) => !(d.code === 'field_missing' && d.subject === 'signed_date'));
  }

  // ---- drawing -------------------------------------------------------------------

  render() {
    const t = this.t;
    const byField = new Map();
    for (const d of this.defects()) {
      const f = defectField(d);
      if (f && !byField.has(f)) byField.set(f, d);
    }
    this.byField = byField;
    const title = this.o.staff && !this.app ? t('fm_title_paper')
      : this.app?.reg_no ? t('fm_title_edit', { reg_no: this.app.reg_no })
        : this.app ? t('fm_title_draft') : t('fm_title_new');
    const noProgrammes = !this.o.programmes.length;
    this.root.replaceChildren(...[
      el('button', { type: 'button', class: 'link-btn back-btn', id: 'ap-form-back', onclick: () => this.o.back?.() }, t('fm_back')),
      el('h1', { id: 'ap-form-title', tabindex: -1 }, title),
      el('p', { class: 'muted' }, t(this.o.staff ? 'fm_intro_paper' : 'fm_intro')),
      this.accountBox(),
      noProgrammes ? el('p', { class: 'note-box', role: 'alert' }, t('fm_no_programmes')) : null,
      el('p', { class: 'muted small' }, t('fm_required_note')),
      this.formPart(),
      attachmentsPart(this),
      this.checkPart()].filter(Boolean));
  }

  /** The paper entry's new account: login and initial password, once. */
  accountBox() {
    if (!this.account) return null;
    const t = this.t;
    return el('section', { class: 'account-box', role: 'status', 'aria-labelledby': 'ap-account-title' },
      el('h2', { id: 'ap-account-title', tabindex: -1 }, t('fm_paper_account')),
      el('p', { class: 'strong' }, t('fm_paper_login', { login: this.account.login })),
      el('p', { class: 'strong initial-password' }, t('fm_paper_password', { password: this.account.password })),
      el('p', {}, t('fm_paper_password_note')));
  }

  /** One labelled control with its hint and its error, tied by aria-describedby. */
  field(name, control, { label, hint, required = false, errorKey = name } = {}) {
    const id = control.id || fieldId(name);
    control.id = id;
    const d = this.byField.get(errorKey);
    const hintId = hint ? `${id}-hint` : null;
    const errId = `${id}-err`;
    control.setAttribute('aria-describedby', [hintId, d ? errId : null].filter(Boolean).join(' ') || errId);
    if (d) control.setAttribute('aria-invalid', 'true');
    if (required) control.setAttribute('aria-required', 'true');
    if (!this.editable) control.disabled = true;
    return el('div', { class: `fld${d ? ' has-error' : ''}`, 'data-field': name },
      el('label', { for: id }, label ?? fieldName(name), required ? el('span', { class: 'req', 'aria-hidden': 'true' }, ' *') : null),
      hint ? el('p', { class: 'hint small', id: hintId }, hint) : null,
      control,
      el('p', { class: 'field-error', id: errId }, d ? this.fieldError(d) : ''));
  }

  fieldError(d) {
    if (d.code === 'field_missing') return this.t('fm_err_missing');
    if (d.code === 'field_invalid') return this.t('fm_err_invalid');
    return defectText(d);
  }

  input(name, attrs = {}) {
    const i = el('input', { name, maxlength: 100, ...attrs });
    i.value = this.v[name] ?? '';
    i.addEventListener('input', () => { this.v[name] = i.value; });
    return i;
  }

  textarea(name, attrs = {}) {
    const i = el('textarea', { name, rows: 3, maxlength: 4000, ...attrs });
    i.value = this.v[name] ?? '';
    i.addEventListener('input', () => { this.v[name] = i.value; });
    return i;
  }

  /** Radio buttons in a fieldset whose legend names the field; the group gets the field's id on its first radio. */
  radios(name, options, { legend, required = true, onPick } = {}) {
    const d = this.byField.get(name);
    const errId = `${fieldId(name)}-err`;
    const inputs = options.map(([value, text], i) => {
      const r = el('input', { type: 'radio', name: `ap-${name}`, value, id: i === 0 ? fieldId(name) : `${fieldId(name)}-${value}` });
      r.checked = this.v[name] === value;
      if (!this.editable) r.disabled = true;
      if (d) r.setAttribute('aria-describedby', errId);
      r.addEventListener('change', () => { if (r.checked) { this.v[name] = value; onPick?.(value); } });
      return el('label', { class: 'choice' }, r, el('span', {}, text));
    });
    return el('fieldset', { class: `fld radios${d ? ' has-error' : ''}`, 'data-field': name, 'aria-invalid': d ? 'true' : null },
      el('legend', {}, legend ?? fieldName(name), required ? el('span', { class: 'req', 'aria-hidden': 'true' }, ' *') : null),
      el('div', { class: 'choices' }, ...inputs),
      el('p', { class: 'field-error', id: errId }, d ? this.fieldError(d) : ''));
  }

  check(name, text, note) {
    const id = fieldId(name);
    const d = this.byField.get(name);
    const c = el('input', { type: 'checkbox', id, name });
    c.checked = !!this.v[name === 'consent_pd_processing' ? 'consent_pd' : 'consent_nqs'];
    if (!this.editable) c.disabled = true;
    const noteId = note ? `${id}-note` : null;
    c.setAttribute('aria-describedby', [noteId, `${id}-err`].filter(Boolean).join(' '));
    if (d) c.setAttribute('aria-invalid', 'true');
    c.addEventListener('change', () => { this.v[name === 'consent_pd_processing' ? 'consent_pd' : 'consent_nqs'] = c.checked; });
    return el('div', { class: `fld consent${d ? ' has-error' : ''}`, 'data-field': name },
      el('label', { class: 'check consent-label', for: id }, c, el('span', {}, text)),
      note ? el('p', { class: 'hint small', id: noteId }, note) : null,
      el('p', { class: 'field-error', id: `${id}-err` }, d ? defectText(d) : ''));
  }

  section(key, ...children) {
    return el('fieldset', { class: 'form-sec' }, el('legend', {}, this.t(key)), ...children);
  }

  formPart() {
    const t = this.t;
    const v = this.v;
    const p = this.programme;
    const req = { required: true };
    const applicant = this.section('fm_sec_applicant',
      el('div', { class: 'grid3' },
        this.field('surname', this.input('surname', { autocomplete: 'family-name' }), req),
        this.field('name', this.input('name', { autocomplete: 'given-name' }), req),
        this.field('patronymic', this.input('patronymic', { autocomplete: 'additional-name' }))),
      el('div', { class: 'grid3' },
        this.field('iin', this.input('iin', { inputmode: 'numeric', maxlength: 12, autocomplete: 'off', spellcheck: 'false' }),
          { ...req, hint: t('fm_iin_hint') }),
        this.field('birth_date', this.input('birth_date', { type: 'date', autocomplete: 'bday' }), req)),
      this.field('address', this.textarea('address', { rows: 2, maxlength: 300, autocomplete: 'street-address' }), req),
      el('div', { class: 'grid3' },
        this.field('email', this.input('email', { type: 'email', autocomplete: 'email', autocapitalize: 'none', spellcheck: 'false' }),
          { required: !this.o.staff }),
        this.field('mobile_phone', this.input('mobile_phone', { type: 'tel', autocomplete: 'tel' }), { ...req, hint: t('fm_phone_hint') }),
        this.field('work_phone', this.input('work_phone', { type: 'tel' }))));

    const select = el('select', { name: 'programme' },
      el('option', { value: '' }, t('fm_choose')),
      ...this.o.programmes.map((x) => el('option', { value: x.code }, `${x.profession || x.code} (${x.code})`)));
    select.value = v.programme;
    select.addEventListener('change', () => { this.pickProgramme(select.value); this.redraw(fieldId('programme')); });
    const langs = p?.languages ?? [];
    const modes = p?.modes ?? [];
    const request = this.section('fm_sec_request',
      this.field('programme', select, { ...req, hint: p ? this.programmeFacts(p) : null }),
      p ? this.admission(p) : null,
      langs.length ? this.radios('language', langs.map((l) => [l, langText(l)])) : null,
      modes.length > 1 ? this.radios('mode', modes.map((m) => [m, modeText(m)])) : null,
      this.radios('purpose', [['qualification_level', t('ap_purpose_qualification_level')], ['skill_level', t('ap_purpose_skill_level')]]),
      this.field('claimed_nqf_level', this.input('claimed_nqf_level', { type: 'number', min: 1, max: 8, inputmode: 'numeric', class: 'short' }),
        { ...req, hint: t('fm_level_hint') }),
      this.earlierPart());

    const about = this.section('fm_sec_about',
      this.field('knowledge', this.textarea('knowledge', { rows: 4 }), { hint: t('fm_knowledge_hint') }),
      this.field('skills', this.textarea('skills', { rows: 4 }), { hint: t('fm_skills_hint') }),
      this.field('accessibility', this.textarea('accessibility', { rows: 2 }), { hint: t('fm_accessibility_hint') }));

    const referred = v.basis === 'employer_referral';
    const basis = this.section('fm_sec_basis',
      this.radios('basis', [['own', t('ap_basis_own')], ['employer_referral', t('ap_basis_employer_referral')]],
        { onPick: () => this.redraw(`${fieldId('basis')}${v.basis === 'own' ? '' : '-employer_referral'}`) }),
      referred ? el('div', { class: 'grid3' },
        this.field('employer_name', this.input('employer_name'), req),
        this.field('employer_bin', this.input('employer_bin', { inputmode: 'numeric', maxlength: 12 }), { ...req, hint: t('fm_bin_hint') })) : null,
      referred ? el('p', { class: 'hint' }, t('fm_referral_hint')) : null);

    const consents = this.section('fm_sec_consents',
      this.check('consent_pd_processing', t('fm_consent_pd_text'), t('fm_consent_pd_note')),
      this.check('consent_nqs_publication', t('fm_consent_nqs_text')));

    const staffDates = this.o.staff && (this.app?.status ?? 'draft') === 'draft' ? el('div', { class: 'grid3' },
      this.field('signed_date', this.input('signed_date', { type: 'date', max: kzToday() }), { ...req, hint: t('fm_signed_date_hint') }),
      this.field('registered_date', this.input('registered_date', { type: 'date', max: kzToday() }),
        { label: t('fm_registered_date'), hint: t('fm_registered_date_hint') })) : null;

    const form = el('form', { id: 'ap-form', class: 'ap-form', novalidate: true },
      applicant, request, about, basis, consents, staffDates,
      el('p', { id: 'ap-form-status', class: 'form-status', role: 'status' }, this.status),
      el('p', { id: 'ap-form-error', class: 'error', role: 'alert' }, this.error),
      this.editable ? el('div', { class: 'actions start' },
        el('button', { type: 'submit', id: 'ap-save', disabled: this.busy || !this.o.programmes.length },
          t(this.o.staff ? 'fm_save_staff' : 'fm_save'))) : null);
    form.addEventListener('submit', (ev) => { ev.preventDefault(); this.save(); });
    return form;
  }

  programmeFacts(p) {
    const t = this.t;
    return t('fm_programme_facts', {
      level: levelText(p.nqf_level ?? '—'),
      langs: (p.languages ?? []).map(langText).join(', ') || '—',
      modes: (p.modes ?? []).map(modeText).join(', ') || '—',
    });
  }

  admission(p) {
    const t = this.t;
    const a = p.admission ?? {};
    const m = p.methodology?.[getLang()] ?? p.methodology?.ru ?? p.methodology?.kk ?? '';
    const lines = [
      a.education_required ? t('fm_admission_education') : null,
      a.experience_years > 0 ? t('fm_admission_experience', { n: a.experience_years }) : null,
      m ? t('fm_methodology', { text: m }) : null,
    ].filter(Boolean);
    return lines.length ? el('ul', { class: 'admission tips' }, ...lines.map((x) => el('li', {}, x))) : null;
  }

  earlierPart() {
    const t = this.t;
    const id = 'ap-f-has-earlier';
    const c = el('input', { type: 'checkbox', id });
    c.checked = this.v.has_earlier;
    if (!this.editable) c.disabled = true;
    c.addEventListener('change', () => { this.v.has_earlier = c.checked; this.redraw(id); });
    return el('div', { class: 'earlier' },
      el('label', { class: 'check', for: id }, c, el('span', {}, t('fm_earlier_has'))),
      this.v.has_earlier ? el('div', { class: 'grid3' },
        this.field('earlier_document_code', this.input('earlier_code', { id: fieldId('earlier_document_code') }), { required: true }),
        this.field('earlier_document_valid_until_year', this.input('earlier_year',
          { id: fieldId('earlier_document_valid_until_year'), type: 'number', min: 1990, max: 2100, inputmode: 'numeric', class: 'short' }),
        { hint: t('fm_year_hint') })) : null);
  }

  checkPart() {
    const t = this.t;
    const app = this.app;
    const defects = this.defects();
    const items = defects.map((d) => {
      const f = defectField(d);
      const target = f === 'attachments' ? 'ap-att-type' : f ? fieldId(f) : null;
      const text = defectText(d);
      return el('li', { 'data-code': d.code, 'data-subject': d.subject },
        target ? el('a', {
          href: `#${target}`, onclick: (ev) => {
            const to = document.getElementById(target) ?? $('#ap-att-list');
            if (!to) return;
            ev.preventDefault();
            to.scrollIntoView({ block: 'center' });
            to.focus?.();
          },
        }, text) : text);
    });
    const draft = (app?.status ?? 'draft') === 'draft';
    let summary;
    if (!app) summary = el('p', { class: 'muted' }, t('fm_check_wait'));
    else if (!defects.length) summary = el('p', { class: 'check-ok' }, t('fm_check_ok'));
    else summary = el('p', { class: 'strong' }, t('fm_check_defects', { n: defects.length }));
    const confirm = this.confirming ? el('div', { class: 'confirm-box', role: 'alert' },
      el('p', { class: 'strong' }, t('fm_submit_confirm')),
      el('div', { class: 'actions start' },
        el('button', { type: 'button', class: 'primary', id: 'ap-submit-anyway', disabled: this.busy, onclick: () => this.submit(true) }, t('fm_submit_anyway')),
        el('button', { type: 'button', id: 'ap-submit-fix', onclick: () => { this.confirming = false; this.redraw('ap-check-title'); } }, t('fm_submit_fix')))) : null;
    return el('section', { class: 'form-sec check-sec', 'aria-labelledby': 'ap-check-title' },
      el('h2', { id: 'ap-check-title', tabindex: -1 }, t('fm_sec_check')),
      summary,
      defects.length ? el('ul', { id: 'ap-defects', class: 'defects' }, ...items) : null,
      draft && this.editable ? el('div', { class: 'actions start' },
        el('button', { type: 'button', class: 'primary', id: 'ap-submit', disabled: this.busy || !this.o.programmes.length || this.confirming, onclick: () => this.submit(false) },
          t(this.o.staff ? 'fm_submit_paper' : 'fm_submit'))) : null,
      confirm);
  }

  /** Draws again and puts the focus back on `focusId` (a control that was just used). */
  redraw(focusId) {
    const active = focusId ?? document.activeElement?.id;
    this.render();
    if (active) document.getElementById(active)?.focus();
  }

  // ---- saving, submitting ---------------------------------------------------------

  /** Saves the form (POST the first time, then PUT); true when saved. */
  async save(quiet = false) {
    if (this.busy) return false;
    this.busy = true;
    this.error = '';
    this.status = this.t('fm_saving');
    this.redraw('ap-save');
    let ok = false;
    let created = false;
    try {
      const body = bodyOf(this.v);
      let r;
      if (!this.app) {
        r = await api('POST', '/api/applications', body);
        if (r?.initial_password) {
          this.account = { login: r.applicant?.iin ?? body.applicant.iin, password: r.initial_password };
          created = true;
          this.o.created?.(r);
        }
      } else {
        r = await api('PUT', `/api/applications/${this.app.id}`, body);
      }
      this.app = r;
      this.status = quiet ? '' : this.t('fm_saved');
      this.o.saved?.(r);
      ok = true;
    } catch (e) {
      if (e.status === 401) { this.o.expired?.(); return false; }
      this.status = '';
      this.error = formError(this.o.words, e);
      const f = namedField(e.message);
      if (f) this.errorField = f;
    } finally {
      this.busy = false;
    }
    this.redraw(ok && created ? 'ap-account-title' : 'ap-save');
    if (!ok && this.errorField) { document.getElementById(fieldId(this.errorField))?.focus(); this.errorField = null; }
    return ok;
  }

  /** Saves, shows the defects (asking once before submitting with them), then submits. */
  async submit(confirmed) {
    if (!this.editable) return;
    if (!(await this.save(true))) return;
    if (this.defects().length && !confirmed) {
      this.confirming = true;
      this.redraw('ap-check-title');
      $('#ap-submit-anyway')?.focus();
      return;
    }
    this.confirming = false;
    this.busy = true;
    this.status = this.t('fm_submitting');
    this.redraw('ap-submit');
    try {
      const body = this.o.staff ? { signed_date: this.v.signed_date || undefined, registered_date: this.v.registered_date || undefined } : undefined;
      const r = await api('POST', `/api/applications/${this.app.id}/submit`, body ?? {});
      this.app = r;
      this.busy = false;
      this.status = '';
      this.o.submitted?.(r, this.t('fm_submitted', { reg_no: r.reg_no ?? '—', date: dmy(r.check_due) }));
      return;
    } catch (e) {
      if (e.status === 401) { this.o.expired?.(); return; }
      this.error = formError(this.o.words, e);
      this.status = '';
      try { this.app = await api('GET', `/api/applications/${this.app.id}`); } catch { /* the last copy stands */ }
    }
    this.busy = false;
    this.redraw('ap-check-title');
  }

  /** After an attachment was added or removed: the application as the server has it now. */
  changed(app) {
    this.app = app;
    this.o.saved?.(app);
  }
}
