// The words of the screen before the start (briefing.js; seed 002 p.8, p.12) and
// of the exam socket's refusals acknowledgements_required and briefing_required,
// in Kazakh, Russian and English; then the shared ones. The texts themselves
// (methodology, appeal rules, the prohibited list) come from the server in
// the sitting's language.
import { catalogue } from '../lib/i18n.js';
import SHARED from '../lib/strings.js';

const STRINGS = {
  en: {
    bf_title: 'Before the exam',
    bf_intro: 'Read each part below and confirm it. The exam can be started once all are confirmed (rules of recognition, point 8).',
    bf_item_methodology: 'How you will be assessed',
    bf_item_appeal_rules: 'Complaints and appeals',
    bf_item_prohibited_items: 'What may not be used during the exam',
    bf_allowed: 'The programme allows:',
    bf_ack: 'I have read and understood this',
    bf_acked_at: 'Confirmed {time}',
    bf_continue: 'Confirm and continue',
    bf_back: 'Back to my exams',
    bf_all_first: 'Confirm each part first.',
    bf_briefing_missing: 'The centre has not yet recorded your safety briefing in its journal. Ask the centre\'s staff: the exam opens after the briefing.',
    bf_text_lang: 'The texts are in the language of your exam.',
    bf_sending: 'Sending…',
    bf_ws_acknowledgements_required: 'Before the start, read and confirm the methodology, the appeal rules and the list of prohibited items: press Start again.',
    bf_ws_briefing_required: 'The centre has not recorded your safety briefing yet: the exam cannot be started. Ask the centre\'s staff.',
    e_already_started: 'The exam has already started: nothing more to confirm.',
  },
  ru: {
    bf_title: 'Перед экзаменом',
    bf_intro: 'Прочитайте каждый раздел ниже и подтвердите его. Экзамен можно начать, когда подтверждены все разделы (Правила признания, пункт 8).',
    bf_item_methodology: 'Как вас будут оценивать',
    bf_item_appeal_rules: 'Жалобы и апелляция',
    bf_item_prohibited_items: 'Что нельзя использовать на экзамене',
    bf_allowed: 'Программа разрешает:',
    bf_ack: 'Я прочитал(а) и понял(а)',
    bf_acked_at: 'Подтверждено {time}',
    bf_continue: 'Подтвердить и продолжить',
    bf_back: 'К моим экзаменам',
    bf_all_first: 'Сначала подтвердите каждый раздел.',
    bf_briefing_missing: 'Центр ещё не записал ваш инструктаж по технике безопасности в журнал. Обратитесь к сотрудникам центра: экзамен откроется после инструктажа.',
    bf_text_lang: 'Тексты даны на языке вашего экзамена.',
    bf_sending: 'Отправка…',
    bf_ws_acknowledgements_required: 'Перед началом прочитайте и подтвердите методику, порядок апелляции и список запрещённых предметов: нажмите «Начать» ещё раз.',
    bf_ws_briefing_required: 'Центр ещё не записал ваш инструктаж по технике безопасности: экзамен начать нельзя. Обратитесь к сотрудникам центра.',
    e_already_started: 'Экзамен уже начат: подтверждать больше нечего.',
  },
  kk: {
    bf_title: 'Емтихан алдында',
    bf_intro: 'Төмендегі әр бөлімді оқып, растаңыз. Барлық бөлім расталғанда емтиханды бастауға болады (Тану қағидалары, 8-тармақ).',
    bf_item_methodology: 'Сіз қалай бағаланасыз',
    bf_item_appeal_rules: 'Шағым және апелляция',
    bf_item_prohibited_items: 'Емтиханда пайдалануға болмайтын заттар',
    bf_allowed: 'Бағдарлама рұқсат етеді:',
    bf_ack: 'Оқыдым және түсіндім',
    bf_acked_at: 'Расталды: {time}',
    bf_continue: 'Растау және жалғастыру',
    bf_back: 'Менің емтихандарыма',
    bf_all_first: 'Алдымен әр бөлімді растаңыз.',
    bf_briefing_missing: 'Орталық сіздің қауіпсіздік техникасы бойынша нұсқамаңызды журналға әлі жазбаған. Орталық қызметкерлеріне хабарласыңыз: емтихан нұсқамадан кейін ашылады.',
    bf_text_lang: 'Мәтіндер емтиханыңыздың тілінде берілген.',
    bf_sending: 'Жіберілуде…',
    bf_ws_acknowledgements_required: 'Бастамас бұрын әдістемені, апелляция тәртібін және тыйым салынған заттар тізімін оқып, растаңыз: «Бастау» батырмасын қайта басыңыз.',
    bf_ws_briefing_required: 'Орталық сіздің қауіпсіздік техникасы бойынша нұсқамаңызды әлі жазбаған: емтиханды бастауға болмайды. Орталық қызметкерлеріне хабарласыңыз.',
    e_already_started: 'Емтихан басталып қойған: бұдан әрі растайтын ештеңе жоқ.',
  },
};

export default STRINGS;

const words = catalogue(STRINGS, SHARED);
export const bt = words.t;
/** An API error in these words, else the shared ones. */
export const berr = (e) => words.error(e);
