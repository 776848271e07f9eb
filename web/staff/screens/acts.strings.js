// The words of the violation acts (acts.js)
// in Kazakh, Russian and English: looked up first, then the staff page's
// (../strings.js), then the shared ones (../../lib/strings.js).
import { staffWords } from '../strings.js';

const STRINGS = {
  en: {
    acts_title: 'Violation acts to review',
    acts_empty: 'No draft acts.',
    act_heading: 'Act №{id}: {name}',
    kind: 'Violation',
    time: 'Time',
    detail: 'Detail',
    strike: 'Strike',
    strike_of: '{n} of 2',
    evidence: 'Evidence',

    confirm: 'Confirm',
    annul: 'Annul',
    annul_reason: 'Reason for annulling the act',
    annul_submit: 'Annul the act',
    cancel: 'Cancel',
    act_confirmed: 'Act №{id} confirmed.',
    act_annulled: 'Act №{id} annulled.',

    acts_record_title: 'Violation acts',
    acts_record_empty: 'No acts.',
    act_status_draft: 'draft',
    act_status_confirmed: 'confirmed',
    act_status_annulled: 'annulled',
    reviewed_by: 'reviewed by {who}, {time}',
    act_reason: 'Reason',
  },
  ru: {
    acts_title: 'Акты о нарушениях на рассмотрение',
    acts_empty: 'Нет актов на рассмотрение.',
    act_heading: 'Акт №{id}: {name}',
    kind: 'Нарушение',
    time: 'Время',
    detail: 'Подробности',
    strike: 'Номер нарушения',
    strike_of: '{n} из 2',
    evidence: 'Доказательство',

    confirm: 'Подтвердить',
    annul: 'Аннулировать',
    annul_reason: 'Причина аннулирования акта',
    annul_submit: 'Аннулировать акт',
    cancel: 'Отмена',
    act_confirmed: 'Акт №{id} подтверждён.',
    act_annulled: 'Акт №{id} аннулирован.',

    acts_record_title: 'Акты о нарушениях',
    acts_record_empty: 'Актов нет.',
    act_status_draft: 'проект',
    act_status_confirmed: 'подтверждён',
    act_status_annulled: 'аннулирован',
    reviewed_by: 'рассмотрел {who}, {time}',
    act_reason: 'Причина',
  },
  kk: {
    acts_title: 'Қаралатын бұзушылық актілері',
    acts_empty: 'Қаралатын акт жоқ.',
    act_heading: '№{id} акт: {name}',
    kind: 'Бұзушылық',
    time: 'Уақыты',
    detail: 'Толығырақ',
    strike: 'Бұзушылық реті',
    strike_of: '{n} / 2',
    evidence: 'Дәлел',

    confirm: 'Растау',
    annul: 'Күшін жою',
    annul_reason: 'Актінің күшін жою себебі',
    annul_submit: 'Актінің күшін жою',
    cancel: 'Болдырмау',
    act_confirmed: '№{id} акт расталды.',
    act_annulled: '№{id} актінің күші жойылды.',

    acts_record_title: 'Бұзушылық актілері',
    acts_record_empty: 'Акт жоқ.',
    act_status_draft: 'жоба',
    act_status_confirmed: 'расталды',
    act_status_annulled: 'күші жойылды',
    reviewed_by: 'қараған: {who}, {time}',
    act_reason: 'Себебі',
  },
};

export default STRINGS;

export const { t, has, error } = staffWords(STRINGS);
