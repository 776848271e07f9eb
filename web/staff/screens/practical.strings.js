// The words of the practical stage (practical.js)
// in Kazakh, Russian and English: looked up first, then the staff page's
// (../strings.js), then the shared ones (../../lib/strings.js).
import { staffWords } from '../strings.js';

const STRINGS = {
  en: {
    practical_title: 'Practical stage: checklists to score',
    practical_empty: 'No checklists to score.',
    practical_heading: '{name}: {profession}',
    mandatory: 'mandatory',
    item_done: 'Done',
    item_not_done: 'Not done',
    note: 'Note',
    save_marks: 'Save marks',
    nothing_marked: 'Mark at least one item as done or not done.',
    marks_saved: 'Marks saved for session №{id}.',
    my_marks: 'Your marks are kept; each member marks every item.',

    outcome: 'Outcome',
    outcome_passed: 'Practical stage passed',
    outcome_failed: 'Practical stage not passed',
    outcome_incomplete: 'Not every item is marked yet',
    result_done: 'done',
    result_not_done: 'not done',
    result_unscored: 'not marked',
    failed_mandatory: 'Mandatory items not done: {list}',
    failed_optional: 'Optional items not done: {list}',

    practical_record_title: 'Practical stage',
    no_card: 'This programme has no practical stage.',
    not_admitted: 'Not admitted: the theory stage was not passed.',
    col_item: 'Item',
    col_result: 'Result',
    col_marks: 'Marks',
  },
  ru: {
    practical_title: 'Практический этап: чек-листы для оценки',
    practical_empty: 'Нет чек-листов для оценки.',
    practical_heading: '{name}: {profession}',
    mandatory: 'обязательный',
    item_done: 'Выполнено',
    item_not_done: 'Не выполнено',
    note: 'Примечание',
    save_marks: 'Сохранить оценки',
    nothing_marked: 'Отметьте хотя бы один пункт: выполнено или не выполнено.',
    marks_saved: 'Оценки по сеансу №{id} сохранены.',
    my_marks: 'Ваши оценки сохраняются; каждый член комиссии оценивает все пункты.',

    outcome: 'Итог',
    outcome_passed: 'Практический этап пройден',
    outcome_failed: 'Практический этап не пройден',
    outcome_incomplete: 'Оценены не все пункты',
    result_done: 'выполнено',
    result_not_done: 'не выполнено',
    result_unscored: 'не оценено',
    failed_mandatory: 'Не выполнены обязательные пункты: {list}',
    failed_optional: 'Не выполнены необязательные пункты: {list}',

    practical_record_title: 'Практический этап',
    no_card: 'В программе нет практического этапа.',
    not_admitted: 'Не допущен: теоретический этап не пройден.',
    col_item: 'Пункт',
    col_result: 'Итог',
    col_marks: 'Оценки',
  },
  kk: {
    practical_title: 'Практикалық кезең: бағаланатын чек-парақтар',
    practical_empty: 'Бағаланатын чек-парақ жоқ.',
    practical_heading: '{name}: {profession}',
    mandatory: 'міндетті',
    item_done: 'Орындалды',
    item_not_done: 'Орындалмады',
    note: 'Ескертпе',
    save_marks: 'Бағаларды сақтау',
    nothing_marked: 'Кемінде бір тармақты белгілеңіз: орындалды немесе орындалмады.',
    marks_saved: '№{id} сеанс бойынша бағалар сақталды.',
    my_marks: 'Бағаларыңыз сақталады; комиссияның әр мүшесі барлық тармақты бағалайды.',

    outcome: 'Қорытынды',
    outcome_passed: 'Практикалық кезеңнен өтті',
    outcome_failed: 'Практикалық кезеңнен өтпеді',
    outcome_incomplete: 'Барлық тармақ әлі бағаланбаған',
    result_done: 'орындалды',
    result_not_done: 'орындалмады',
    result_unscored: 'бағаланбаған',
    failed_mandatory: 'Орындалмаған міндетті тармақтар: {list}',
    failed_optional: 'Орындалмаған міндетті емес тармақтар: {list}',

    practical_record_title: 'Практикалық кезең',
    no_card: 'Бағдарламада практикалық кезең жоқ.',
    not_admitted: 'Жіберілмеді: теориялық кезеңнен өтпеді.',
    col_item: 'Тармақ',
    col_result: 'Қорытынды',
    col_marks: 'Бағалар',
  },
};

export default STRINGS;

export const { t, has, error } = staffWords(STRINGS);
