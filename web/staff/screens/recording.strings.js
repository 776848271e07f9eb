// The words of the recording player (recording.js)
// in Kazakh, Russian and English: looked up first, then the staff page's
// (../strings.js), then the shared ones (../../lib/strings.js).
import { staffWords } from '../strings.js';

const STRINGS = {
  en: {
    rec_back: '← Back',
    rec_title: 'Recording of session №{id}: {name}',
    rec_empty: 'Nothing was recorded in this sitting.',
    rec_frames: '{n} frames, {from} – {to}',
    rec_play: 'Play',
    rec_pause: 'Pause',
    rec_position: 'Moment of the recording',
    rec_frame_of: 'Frame {i} of {n} · {time}',
    rec_part_room_scan: 'room scan',
    rec_frame_alt: 'Camera frame at {time}',
    rec_frame_failed: 'The frame could not be shown: {msg}',
    rec_audio: 'Sound level',
    rec_audio_none: 'No sound levels were recorded.',
    rec_marks: 'Events on the timeline (violations in red): choose one to jump to it',
    rec_mark: '{time}: {label}',
    rec_no_events: 'No events.',
  },
  ru: {
    rec_back: '← Назад',
    rec_title: 'Запись сеанса №{id}: {name}',
    rec_empty: 'В этом сеансе ничего не записано.',
    rec_frames: 'Кадров: {n}, {from} – {to}',
    rec_play: 'Воспроизвести',
    rec_pause: 'Пауза',
    rec_position: 'Момент записи',
    rec_frame_of: 'Кадр {i} из {n} · {time}',
    rec_part_room_scan: 'осмотр комнаты',
    rec_frame_alt: 'Кадр камеры, {time}',
    rec_frame_failed: 'Кадр не удалось показать: {msg}',
    rec_audio: 'Уровень звука',
    rec_audio_none: 'Уровни звука не записаны.',
    rec_marks: 'События на шкале (нарушения красным): выберите, чтобы перейти',
    rec_mark: '{time} — {label}',
    rec_no_events: 'Событий нет.',
  },
  kk: {
    rec_back: '← Артқа',
    rec_title: '№{id} сеанс жазбасы: {name}',
    rec_empty: 'Бұл сеанста ештеңе жазылмаған.',
    rec_frames: 'Кадр саны: {n}, {from} – {to}',
    rec_play: 'Ойнату',
    rec_pause: 'Кідірту',
    rec_position: 'Жазба сәті',
    rec_frame_of: '{n} кадрдың {i}-сі · {time}',
    rec_part_room_scan: 'бөлмені көрсету',
    rec_frame_alt: 'Камера кадры, {time}',
    rec_frame_failed: 'Кадрды көрсету мүмкін болмады: {msg}',
    rec_audio: 'Дыбыс деңгейі',
    rec_audio_none: 'Дыбыс деңгейі жазылмаған.',
    rec_marks: 'Шкаладағы оқиғалар (бұзушылықтар қызылмен): өту үшін таңдаңыз',
    rec_mark: '{time} — {label}',
    rec_no_events: 'Оқиға жоқ.',
  },
};

export default STRINGS;

export const { t, has, error } = staffWords(STRINGS);
