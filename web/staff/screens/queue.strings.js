// The words of the commission's queue (queue.js)
// in Kazakh, Russian and English: looked up first, then the staff page's
// (../strings.js), then the shared ones (../../lib/strings.js).
import { staffWords } from '../strings.js';

const STRINGS = {
  en: {
    queue_title: 'Commission queue',
    queue_summary: 'Today: {today}.',
    queue_overdue: 'Overdue sittings: {n}.',
    queue_none_overdue: 'Nothing is overdue.',
    queue_readonly: 'Read only: acts are reviewed, checklists scored and protocols signed by commission members.',
    overdue: 'overdue',
  },
  ru: {
    queue_title: 'Очередь комиссии',
    queue_summary: 'Сегодня: {today}.',
    queue_overdue: 'Просрочено: {n}.',
    queue_none_overdue: 'Просроченных нет.',
    queue_readonly: 'Только просмотр: акты рассматривают, чек-листы оценивают и протоколы подписывают члены комиссии.',
    overdue: 'просрочено',
  },
  kk: {
    queue_title: 'Комиссия кезегі',
    queue_summary: 'Бүгін: {today}.',
    queue_overdue: 'Мерзімі өткені: {n}.',
    queue_none_overdue: 'Мерзімі өткен жоқ.',
    queue_readonly: 'Тек қарау: актілерді қарау, чек-парақты бағалау және хаттамаға қол қою — комиссия мүшелерінің ісі.',
    overdue: 'мерзімі өткен',
  },
};

export default STRINGS;

export const { t, has, error } = staffWords(STRINGS);
