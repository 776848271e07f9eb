// The words of the documents and their revocation (documents.js)
// in Kazakh, Russian and English: looked up first, then the staff page's
// (../strings.js), then the shared ones (../../lib/strings.js).
import { staffWords } from '../strings.js';

const STRINGS = {
  en: {
    doc_open: 'Open the document',
    doc_pdf: 'Download PDF',
    doc_verify: 'Public verification page',
    popup_blocked: 'The browser blocked the new window: allow pop-ups for this site.',

    documents_title: 'Documents',
    documents_intro: 'Revoke a recognition document: the public verification page then shows it as revoked, with the reason.',
    doc_code: 'Document code',
    revoke_reason: 'Reason',
    revoke: 'Revoke the document',
    code_required: 'Enter the document code.',
    revoked_ok: 'Document {code} is revoked.',
    holder: 'Holder',

    documents_record: 'Documents',
    doc_status_valid: 'valid',
    doc_status_revoked: 'revoked',
    doc_status_pending_signature: 'awaiting the head\'s signature',
  },
  ru: {
    doc_open: 'Открыть документ',
    doc_pdf: 'Скачать PDF',
    doc_verify: 'Публичная проверка',
    popup_blocked: 'Браузер заблокировал новое окно: разрешите всплывающие окна для этого сайта.',

    documents_title: 'Документы',
    documents_intro: 'Отзыв документа о признании квалификации: публичная проверка покажет его отозванным, с причиной.',
    doc_code: 'Код документа',
    revoke_reason: 'Причина',
    revoke: 'Отозвать документ',
    code_required: 'Введите код документа.',
    revoked_ok: 'Документ {code} отозван.',
    holder: 'Владелец',

    documents_record: 'Документы',
    doc_status_valid: 'действителен',
    doc_status_revoked: 'отозван',
    doc_status_pending_signature: 'ожидает подписи руководителя',
  },
  kk: {
    doc_open: 'Құжатты ашу',
    doc_pdf: 'PDF жүктеу',
    doc_verify: 'Жария тексеру беті',
    popup_blocked: 'Браузер жаңа терезені бұғаттады: осы сайт үшін қалқымалы терезелерге рұқсат беріңіз.',

    documents_title: 'Құжаттар',
    documents_intro: 'Біліктілікті тану туралы құжатты кері қайтарып алу: жария тексеру беті оны себебімен бірге «күші жойылған» деп көрсетеді.',
    doc_code: 'Құжат коды',
    revoke_reason: 'Себебі',
    revoke: 'Құжатты кері қайтарып алу',
    code_required: 'Құжат кодын енгізіңіз.',
    revoked_ok: '{code} құжатының күші жойылды.',
    holder: 'Иесі',

    documents_record: 'Құжаттар',
    doc_status_valid: 'жарамды',
    doc_status_revoked: 'күші жойылған',
    doc_status_pending_signature: 'басшының қолын күтуде',
  },
};

export default STRINGS;

export const { t, has, error } = staffWords(STRINGS);
