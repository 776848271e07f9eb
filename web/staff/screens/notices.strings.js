// The words of the undelivered notices (notices.js)
// in Kazakh, Russian and English: looked up first, then the staff page's
// (../strings.js), then the shared ones (../../lib/strings.js).
import { staffWords } from '../strings.js';

const STRINGS = {
  en: {
    nav_notices: 'Notices',
    notices_title: 'Notices not delivered',
    notices_intro: 'Notices to candidates that the outbox has not delivered yet, oldest first: deliver them another way (print the text or phone the candidate).',
    notices_summary: 'Not delivered: {n}.',
    notices_given_up: 'Given up: {n}.',
    notices_overdue: 'Overdue: {n}.',
    notices_capped: 'Only the oldest {n} are listed.',
    notices_all_delivered: 'All notices are delivered.',

    notice_kind_not_passed: 'Result: not recognised',
    notice_kind_document_issued: 'Document issued',
    notice_kind_appeal_registered: 'Appeal registered',
    notice_kind_appeal_decided: 'Appeal decided',

    notice_subject: 'Subject',
    notice_recipient: 'Recipient',
    no_email: 'no e-mail address',
    notice_created: 'Created',
    notice_attempts: 'Delivery attempts',
    notice_delivery: 'Delivery',
    notice_failed: 'given up',
    notice_retry: 'will retry',
    notice_failed_long: 'given up: deliver it another way',
    notice_retry_long: 'will be retried automatically',
    notice_last_error: 'Last error',
    notice_error_no_email: 'The candidate has no e-mail address.',
    notice_show: 'Show the text',
    notice_hide: 'Hide the text',
  },
  ru: {
    nav_notices: 'Уведомления',
    notices_title: 'Недоставленные уведомления',
    notices_intro: 'Уведомления кандидатам, которые ещё не доставлены, начиная с самых старых: передайте их иначе (распечатайте текст или сообщите кандидату по телефону).',
    notices_summary: 'Не доставлено: {n}.',
    notices_given_up: 'Доставка прекращена: {n}.',
    notices_overdue: 'Просрочено: {n}.',
    notices_capped: 'Показаны только {n} самых старых.',
    notices_all_delivered: 'Все уведомления доставлены.',

    notice_kind_not_passed: 'Результат: квалификация не признана',
    notice_kind_document_issued: 'Документ выдан',
    notice_kind_appeal_registered: 'Апелляция зарегистрирована',
    notice_kind_appeal_decided: 'Решение по апелляции',

    notice_subject: 'Тема',
    notice_recipient: 'Получатель',
    no_email: 'нет адреса электронной почты',
    notice_created: 'Создано',
    notice_attempts: 'Попыток доставки',
    notice_delivery: 'Доставка',
    notice_failed: 'доставка прекращена',
    notice_retry: 'будет повторена',
    notice_failed_long: 'прекращена: передайте уведомление иначе',
    notice_retry_long: 'будет повторена автоматически',
    notice_last_error: 'Последняя ошибка',
    notice_error_no_email: 'У кандидата нет адреса электронной почты.',
    notice_show: 'Показать текст',
    notice_hide: 'Скрыть текст',
  },
  kk: {
    nav_notices: 'Хабарламалар',
    notices_title: 'Жеткізілмеген хабарламалар',
    notices_intro: 'Үміткерлерге әлі жеткізілмеген хабарламалар, ең ескісінен бастап: оларды басқа жолмен жеткізіңіз (мәтінін басып шығарыңыз немесе үміткерге телефон арқылы хабарлаңыз).',
    notices_summary: 'Жеткізілмегені: {n}.',
    notices_given_up: 'Жеткізу тоқтатылғаны: {n}.',
    notices_overdue: 'Мерзімі өткені: {n}.',
    notices_capped: 'Тек ең ескі {n} хабарлама көрсетілген.',
    notices_all_delivered: 'Барлық хабарлама жеткізілді.',

    notice_kind_not_passed: 'Нәтиже: біліктілік танылмады',
    notice_kind_document_issued: 'Құжат берілді',
    notice_kind_appeal_registered: 'Шағым тіркелді',
    notice_kind_appeal_decided: 'Шағым бойынша шешім',

    notice_subject: 'Тақырыбы',
    notice_recipient: 'Алушы',
    no_email: 'электрондық пошта мекенжайы жоқ',
    notice_created: 'Құрылған уақыты',
    notice_attempts: 'Жеткізу әрекеттері',
    notice_delivery: 'Жеткізу',
    notice_failed: 'жеткізу тоқтатылды',
    notice_retry: 'қайта жіберіледі',
    notice_failed_long: 'тоқтатылды: хабарламаны басқа жолмен жеткізіңіз',
    notice_retry_long: 'автоматты түрде қайта жіберіледі',
    notice_last_error: 'Соңғы қате',
    notice_error_no_email: 'Үміткердің электрондық пошта мекенжайы жоқ.',
    notice_show: 'Мәтінін көрсету',
    notice_hide: 'Мәтінін жасыру',
  },
};

export default STRINGS;

export const { t, has, error } = staffWords(STRINGS);
