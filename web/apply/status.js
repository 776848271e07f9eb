// The application's vocabulary in words (terms.strings.js), for the
// candidate's page and the staff's screen alike: statuses, fields, defects,
// attachment types and groups, and where on the form a defect points.
import { catalogue } from '../lib/i18n.js';
import TERMS from './terms.strings.js';

const terms = catalogue(TERMS);
export const tt = terms.t;
const known = (key) => terms.has(key);
const word = (prefix, code) => (known(`${prefix}${code}`) ? tt(`${prefix}${code}`) : String(code ?? ''));

/** Every attachment type, in the order of the seed (p.4 2)-4)), as the server names them. */
export const ATTACHMENT_TYPES = [
  'id_document', 'kandas_cert', 'education_doc', 'education_recognition_cert', 'training_cert',
  'short_course_cert', 'incomplete_tve_cert', 'nonformal_recognition_cert', 'completion_cert',
  'labour_activity_doc', 'earlier_recognition_doc', 'referral_letter', 'other',
];
/** The limits the server holds the files to (S11: applications.max_attachment_bytes, 20 files). */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;
export const MAX_FILES = 20;
export const FORMATS = 'PDF, JPEG, PNG';

export const statusText = (s) => word('ap_status_', s);
export const fieldName = (f) => word('ap_fld_', f);
export const typeName = (type) => word('ap_att_', type);
export const groupName = (g) => word('ap_grp_', g);
export const channelText = (c) => word('ap_ch_', c);
export const basisText = (b) => word('ap_basis_', b);
export const purposeText = (p) => word('ap_purpose_', p);
export const modeText = (m) => word('ap_mode_', m);
export const langText = (l) => word('ap_lang_', l);
export const levelText = (n) => tt('ap_level_n', { n });

/** One defect {code, subject, note?} in words: "Surname: not filled in", "Document missing: …". */
export function defectText(d) {
  const code = String(d?.code ?? '');
  const subject = String(d?.subject ?? '');
  let text;
  switch (code) {
    case 'field_missing':
    case 'field_invalid':
      text = tt(`ap_def_${code}`, { field: fieldName(subject) });
      break;
    case 'iin_birth_mismatch':
      text = tt('ap_def_iin_birth_mismatch');
      break;
    case 'language_not_offered':
      text = tt('ap_def_language_not_offered', { value: known(`ap_lang_${subject}`) ? langText(subject) : subject });
      break;
    case 'mode_not_offered':
      text = tt('ap_def_mode_not_offered', { value: known(`ap_mode_${subject}`) ? modeText(subject) : subject });
      break;
    case 'consent_missing':
      text = tt('ap_def_consent_missing', { consent: word('ap_consent_', subject) });
      break;
    case 'attachment_missing':
      text = tt('ap_def_attachment_missing', { group: groupName(subject) });
      break;
    case 'attachment_expired':
    case 'attachment_invalid':
      text = tt(`ap_def_${code}`, { type: typeName(subject) });
      break;
    case 'other':
      text = tt('ap_def_other');
      break;
    default:
      text = tt('ap_def_unknown', { code, subject });
  }
  const note = String(d?.note ?? '').trim();
  return note ? `${text} — ${note}` : text;
}

/**
 * The form element a defect points to, as the form names its fields (the
 * field's name; `consent_<subject>`; `attachments` for the documents).
 */
export function defectField(d) {
  const { code, subject } = d ?? {};
  if (code === 'field_missing' || code === 'field_invalid') {
    if (subject === 'attachments') return 'attachments';
    return String(subject);
  }
  if (code === 'iin_birth_mismatch') return 'iin';
  if (code === 'language_not_offered') return 'language';
  if (code === 'mode_not_offered') return 'mode';
  if (code === 'consent_missing') return `consent_${subject}`;
  if (code?.startsWith('attachment_')) return 'attachments';
  return null;
}

/** Bytes as "1.2 MB" (the units are the same letters in the three languages' scripts: kept as digits and "MB"/"KB" given by the caller). */
export function sizeParts(bytes) {
  const n = Number(bytes) || 0;
  if (n >= 1024 * 1024) return { n: (n / 1024 / 1024).toFixed(1), unit: 'mb' };
  if (n >= 1024) return { n: Math.max(1, Math.round(n / 1024)), unit: 'kb' };
  return { n, unit: 'b' };
}
