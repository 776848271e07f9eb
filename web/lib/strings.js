// The words every page of Tanu shares, in Kazakh, Russian and English: the
// page's frame, the sign-in form, the errors any call may meet, and the names
// of the proctoring violations (the exam page, the results and the staff page
// show them). A page's own catalogue is looked up first (catalogue(own, SHARED)),
// so that a word is written once.
import { catalogue } from './i18n.js';

const SHARED = {
  en: {
    skip: 'Skip to content',
    language: 'Language',
    logout: 'Sign out',
    loading: 'Loading…',
    reload: 'Refresh',
    close: 'Close',

    login_label: 'Login',
    password_label: 'Password',
    login_submit: 'Sign in',
    login_missing: 'Enter your login and password.',

    e_network: 'No connection to the server. Try again.',
    e_generic: 'Error: {code}.',
    e_invalid_credentials: 'Wrong login or password.',
    e_unauthorized: 'Your session has expired. Please sign in again.',

    v_no_face: 'your face was not visible to the camera',
    v_multiple_faces: 'more than one person in front of the camera',
    v_noise: 'talking or noise',
    v_movement: 'leaving the camera view or excessive movement',
    v_identity_mismatch: 'the person at the camera does not match the candidate’s photo',
    v_focus_lost: 'leaving the exam page',
    v_offline_removal: 'removal from the exam by the commission after a second violation',
  },
  ru: {
    skip: 'Перейти к содержимому',
    language: 'Язык',
    logout: 'Выйти',
    loading: 'Загрузка…',
    reload: 'Обновить',
    close: 'Закрыть',

    login_label: 'Логин',
    password_label: 'Пароль',
    login_submit: 'Войти',
    login_missing: 'Введите логин и пароль.',

    e_network: 'Нет связи с сервером. Попробуйте ещё раз.',
    e_generic: 'Ошибка: {code}.',
    e_invalid_credentials: 'Неверный логин или пароль.',
    e_unauthorized: 'Сеанс истёк. Войдите снова.',

    v_no_face: 'лицо не было видно в камере',
    v_multiple_faces: 'перед камерой больше одного человека',
    v_noise: 'разговор или шум',
    v_movement: 'выход из кадра или лишние движения',
    v_identity_mismatch: 'человек перед камерой не совпадает с фотографией кандидата',
    v_focus_lost: 'уход со страницы экзамена',
    v_offline_removal: 'отстранение от экзамена комиссией после повторного нарушения',
  },
  kk: {
    skip: 'Мазмұнға өту',
    language: 'Тіл',
    logout: 'Шығу',
    loading: 'Жүктелуде…',
    reload: 'Жаңарту',
    close: 'Жабу',

    login_label: 'Логин',
    password_label: 'Құпиясөз',
    login_submit: 'Кіру',
    login_missing: 'Логин мен құпиясөзді енгізіңіз.',

    e_network: 'Сервермен байланыс жоқ. Қайталап көріңіз.',
    e_generic: 'Қате: {code}.',
    e_invalid_credentials: 'Логин немесе құпиясөз қате.',
    e_unauthorized: 'Сеанс мерзімі өтті. Қайта кіріңіз.',

    v_no_face: 'бетіңіз камераға көрінбеді',
    v_multiple_faces: 'камера алдында бірнеше адам бар',
    v_noise: 'сөйлеу немесе шу',
    v_movement: 'камера аясынан шығу немесе артық қозғалыс',
    v_identity_mismatch: 'камера алдындағы адам үміткердің фотосуретіне сәйкес келмейді',
    v_focus_lost: 'емтихан бетінен шығу',
    v_offline_removal: 'қайта бұзушылықтан кейін комиссияның емтиханнан шеттетуі',
  },
};

export default SHARED;

export const shared = catalogue(SHARED);

/** A violation or termination reason code in words; an unknown code is shown as it is. */
export function violationText(code) {
  return shared.has(`v_${code}`) ? shared.t(`v_${code}`) : String(code ?? '');
}
