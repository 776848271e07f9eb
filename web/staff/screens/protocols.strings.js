// The words of the protocols (protocols.js)
// in Kazakh, Russian and English: looked up first, then the staff page's
// (../strings.js), then the shared ones (../../lib/strings.js).
import { staffWords } from '../strings.js';

const STRINGS = {
  en: {
    protocols_title: 'Protocols to sign',
    protocols_empty: 'No protocols to sign.',
    ready: 'Ready to sign',
    not_ready: 'Not ready',
    wait_acts: 'draft acts to review: {n}',
    wait_practical: 'the practical checklist is not complete',
    terminated_note: 'ended after the second violation',
    sign: 'Sign the protocol',
    signed_title: 'Signed in this session',
    protocol_signed_toast: 'Protocol of session №{id} signed.',
    protocol_signature_toast: 'Your signature on the protocol of session №{id} is recorded; it binds when the quorum has signed.',
    awaiting_quorum: 'Not binding yet: {have} of {needed} required signatures. Still to sign: {missing}. Nothing is issued or sent before the quorum.',

    decision: 'Decision',
    decision_passed: 'Qualification recognised',
    decision_not_passed: 'Qualification not recognised',
    reasons: 'Reasons',
    reason_terminated: 'the attempt was ended after the second violation',
    reason_theory_not_passed: 'the theory stage was not passed',
    reason_practical_not_passed: 'the practical stage was not passed',
    results_date: 'Results given',
    appeal_until: 'Appeal until',
    document_due: 'Document due',
    signatures: 'Signed by',

    protocol_title: 'Protocol',
    no_protocol: 'No protocol yet.',
  },
  ru: {
    protocols_title: 'Протоколы на подпись',
    protocols_empty: 'Нет протоколов на подпись.',
    ready: 'Готов к подписи',
    not_ready: 'Не готов',
    wait_acts: 'актов на рассмотрении: {n}',
    wait_practical: 'чек-лист практического этапа не заполнен',
    terminated_note: 'прекращён после второго нарушения',
    sign: 'Подписать протокол',
    signed_title: 'Подписано в этом сеансе',
    protocol_signed_toast: 'Протокол сеанса №{id} подписан.',
    protocol_signature_toast: 'Ваша подпись под протоколом сеанса №{id} учтена; он вступит в силу, когда подпишет кворум.',
    awaiting_quorum: 'Ещё не вступил в силу: {have} из {needed} нужных подписей. Осталось подписать: {missing}. До кворума ничего не выдаётся и не отправляется.',

    decision: 'Решение',
    decision_passed: 'Квалификация признана',
    decision_not_passed: 'Квалификация не признана',
    reasons: 'Основания',
    reason_terminated: 'попытка прекращена после второго нарушения',
    reason_theory_not_passed: 'теоретический этап не пройден',
    reason_practical_not_passed: 'практический этап не пройден',
    results_date: 'Дата результатов',
    appeal_until: 'Апелляция до',
    document_due: 'Срок выдачи документа',
    signatures: 'Подписали',

    protocol_title: 'Протокол',
    no_protocol: 'Протокола ещё нет.',
  },
  kk: {
    protocols_title: 'Қол қойылатын хаттамалар',
    protocols_empty: 'Қол қойылатын хаттама жоқ.',
    ready: 'Қол қоюға дайын',
    not_ready: 'Дайын емес',
    wait_acts: 'қаралмаған актілер: {n}',
    wait_practical: 'практикалық кезеңнің чек-парағы толтырылмаған',
    terminated_note: 'екінші бұзушылықтан кейін тоқтатылды',
    sign: 'Хаттамаға қол қою',
    signed_title: 'Осы сеанста қол қойылды',
    protocol_signed_toast: '№{id} сеанстың хаттамасына қол қойылды.',
    protocol_signature_toast: '№{id} сеанс хаттамасындағы қолыңыз есепке алынды; кворум қол қойғанда күшіне енеді.',
    awaiting_quorum: 'Әлі күшіне енген жоқ: қажетті {needed} қолдың {have}. Қол қоюы керек: {missing}. Кворумға дейін ештеңе берілмейді және жіберілмейді.',

    decision: 'Шешім',
    decision_passed: 'Біліктілік танылды',
    decision_not_passed: 'Біліктілік танылмады',
    reasons: 'Негіздер',
    reason_terminated: 'екінші бұзушылықтан кейін әрекет тоқтатылды',
    reason_theory_not_passed: 'теориялық кезеңнен өтпеді',
    reason_practical_not_passed: 'практикалық кезеңнен өтпеді',
    results_date: 'Нәтиже күні',
    appeal_until: 'Шағым беру мерзімі',
    document_due: 'Құжат беру мерзімі',
    signatures: 'Қол қойғандар',

    protocol_title: 'Хаттама',
    no_protocol: 'Хаттама әлі жоқ.',
  },
};

export default STRINGS;

export const { t, has, error } = staffWords(STRINGS);
