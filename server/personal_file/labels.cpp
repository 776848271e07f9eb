#include "server/personal_file/labels.hpp"

#include <array>
#include <string_view>

namespace tanu::server::personal_file {

namespace {

struct entry {
    std::string_view key;
    const char* kk;
    const char* ru;
    const char* en;
};

constexpr std::array<entry, 75> labels{{
    {"title", "Кандидаттың жеке ісі", "Личное дело кандидата", "Candidate's personal file"},
    {"seed", "Кәсіптік біліктілікті тану қағидалары, 14-тармақ", "Правила признания профессиональной квалификации, пункт 14",
     "Rules of the recognition of professional qualifications, paragraph 14"},
    {"generated", "Жасалған уақыты", "Сформировано", "Generated"},
    {"page", "бет", "стр.", "page"},
    {"none", "Жазба жоқ", "Записей нет", "No records"},
    {"yes", "иә", "да", "yes"},
    {"no", "жоқ", "нет", "no"},
    {"truncated", "Қысқартылған бөлімдер", "Сокращённые разделы", "Truncated sections"},
    // sections
    {"candidate", "Тұлға", "Лицо", "Person"},
    {"applications", "Өтініштер", "Заявления", "Applications"},
    {"notices", "Хабарламалар", "Уведомления", "Notices"},
    {"sittings", "Емтихандар", "Экзамены", "Sittings"},
    {"acts", "Бұзушылық актілері", "Акты о нарушениях", "Violation acts"},
    {"practical_marks", "Практикалық кезең бағалары", "Оценки практического этапа", "Practical marks"},
    {"protocols", "Хаттамалар", "Протоколы", "Protocols"},
    {"documents", "Құжаттар", "Документы", "Documents"},
    {"appeals", "Апелляциялар", "Апелляции", "Appeals"},
    {"results_receipts", "Нәтижелерді алу", "Получение результатов", "Results received"},
    // fields
    {"full_name", "Т.А.Ә.", "Ф.И.О.", "Full name"},
    {"iin", "ЖСН", "ИИН", "IIN"},
    {"birth_date", "Туған күні", "Дата рождения", "Date of birth"},
    {"email", "Электрондық пошта", "Электронная почта", "E-mail"},
    {"phone", "Телефон", "Телефон", "Phone"},
    {"login", "Логин", "Логин", "Login"},
    {"photo", "Жеке куәлік фотосы", "Фото удостоверения", "ID photo"},
    {"status", "Мәртебесі", "Статус", "Status"},
    {"programme", "Бағдарлама", "Программа", "Programme"},
    {"registered_date", "Тіркелген күні", "Дата регистрации", "Registered"},
    {"check", "Толықтығын тексеру", "Проверка полноты", "Completeness check"},
    {"complete", "толық", "полное", "complete"},
    {"defects", "кемшіліктер", "недостатки", "defects"},
    {"attachments", "Қосымшалар", "Приложения", "Attachments"},
    {"contract", "Шарт", "Договор", "Contract"},
    {"refusal", "Бас тарту", "Отказ", "Refusal"},
    {"signed_by", "Қол қойған", "Подписал", "Signed by"},
    {"kind", "Түрі", "Вид", "Kind"},
    {"channel", "Арна", "Канал", "Channel"},
    {"sent", "Жіберілді", "Отправлено", "Sent"},
    {"delivered", "Жеткізілді", "Доставлено", "Delivered"},
    {"receipt", "Алынғаны туралы", "Квитанция", "Receipt"},
    {"failed", "жеткізілмеді", "не доставлено", "failed"},
    {"lang", "Тілі", "Язык", "Language"},
    {"mode", "Нысаны", "Режим", "Mode"},
    {"attempt", "Талпыныс", "Попытка", "Attempt"},
    {"slots", "Кезеңдер", "Этапы", "Stages"},
    {"started", "Басталды", "Начало", "Started"},
    {"finished", "Аяқталды", "Окончание", "Finished"},
    {"score", "Нәтиже", "Результат", "Score"},
    {"passed", "Өтті", "Сдал", "Passed"},
    {"violations", "Бұзушылықтар", "Нарушения", "Violations"},
    {"reschedule_reason", "Ауыстыру себебі", "Причина переноса", "Reschedule reason"},
    {"closed", "Жабылды", "Закрыт", "Closed"},
    {"sick_leaves", "Еңбекке жарамсыздық парақтары", "Листы нетрудоспособности", "Sick leaves"},
    {"technical_acts", "Техникалық ақаулар актілері", "Акты о технических сбоях", "Technical-failure acts"},
    {"session", "Емтихан", "Экзамен", "Sitting"},
    {"decision", "Шешім", "Решение", "Decision"},
    {"reviewed", "Қараған", "Рассмотрел", "Reviewed"},
    {"item", "Тапсырма", "Задание", "Item"},
    {"done", "Орындалды", "Выполнено", "Done"},
    {"member", "Комиссия мүшесі", "Член комиссии", "Member"},
    {"signed_date", "Қол қойылған күні", "Дата подписания", "Signed"},
    {"signatures", "Қолдар", "Подписи", "Signatures"},
    {"amended", "Апелляция бойынша өзгертілді", "Изменён по апелляции", "Amended by appeal"},
    {"results_date", "Нәтиже күні", "Дата результатов", "Results date"},
    {"head_signed", "Орталық басшысы қол қойды", "Подписал руководитель центра", "Signed by the head"},
    {"issued", "Берілген күні", "Дата выдачи", "Issued"},
    {"valid_until", "Жарамды", "Действителен до", "Valid until"},
    {"verify", "Тексеру", "Проверка", "Verify"},
    {"received", "Қабылданды", "Получено", "Received"},
    {"outcome", "Нәтижесі", "Итог", "Outcome"},
    {"votes", "Дауыстар", "Голоса", "Votes"},
    {"note", "Ескертпе", "Примечание", "Note"},
    {"recorded", "Тіркелді", "Записано", "Recorded"},
    {"number", "Нөмірі", "Номер", "Number"},
    {"date", "Күні", "Дата", "Date"},
}};

// Stored codes (statuses, channels, modes, kinds) in words; an unknown code is printed as it is.
constexpr std::array<entry, 70> values{{
    {"draft", "жоба", "черновик", "draft"},
    {"registered", "тіркелді", "зарегистрировано", "registered"},
    {"contracted", "шарт жасалды", "договор заключён", "contract concluded"},
    {"refusal_prepared", "бас тарту дайындалды", "отказ подготовлен", "refusal prepared"},
    {"refused", "бас тартылды", "отказано", "refused"},
    {"withdrawn", "кері алынды", "отозвано", "withdrawn"},
    {"scheduled", "тағайындалды", "назначен", "scheduled"},
    {"in_progress", "жүріп жатыр", "идёт", "in progress"},
    {"finished", "аяқталды", "завершён", "finished"},
    {"terminated", "тоқтатылды", "прекращён", "terminated"},
    {"cancelled", "болдырылмады", "отменён", "cancelled"},
    {"voided", "жойылды", "аннулирован", "voided"},
    {"no_show", "келмеді", "неявка", "did not come"},
    {"confirmed", "расталды", "подтверждён", "confirmed"},
    {"annulled", "күші жойылды", "аннулирован", "annulled"},
    {"passed", "тапсырды", "сдано", "passed"},
    {"not_passed", "тапсырмады", "не сдано", "not passed"},
    {"valid", "жарамды", "действителен", "valid"},
    {"revoked", "кері қайтарылды", "отозван", "revoked"},
    {"pending_signature", "басшының қолын күтуде", "ждёт подписи руководителя", "awaiting the head's signature"},
    {"decided", "шешілді", "решено", "decided"},
    {"recognised", "танылды", "признано", "recognised"},
    {"rejected", "қабылданбады", "отклонено", "rejected"},
    {"email", "электрондық пошта", "электронная почта", "e-mail"},
    {"sms", "СМС", "СМС", "text message"},
    {"cabinet", "жеке кабинет", "личный кабинет", "cabinet"},
    {"paper", "қағазда", "на бумаге", "on paper"},
    {"phone", "телефон", "телефон", "phone"},
    {"page", "емтихан беті", "страница экзамена", "the exam page"},
    {"online", "онлайн", "онлайн", "online"},
    {"offline", "орталықта", "в центре", "at the centre"},
    {"centre", "орталықта", "в центре", "at the centre"},
    {"theory", "теория", "теория", "theory"},
    {"practical", "практика", "практика", "practical"},
    {"sick_leave", "науқас", "болезнь", "sick leave"},
    {"technical_failure", "техникалық ақау", "технический сбой", "technical failure"},
    {"reported", "хабарланды", "сообщено", "reported"},
    {"proved", "парақ жүктелді", "лист загружен", "sheet uploaded"},
    {"accepted", "қабылданды", "принят", "accepted"},
    {"kk", "қазақ тілі", "казахский", "Kazakh"},
    {"ru", "орыс тілі", "русский", "Russian"},
    {"connection_lost", "байланыс үзілді", "потеря связи", "connection lost"},
    {"camera_lost", "камера жоғалды", "потеря камеры", "camera lost"},
    {"microphone_lost", "микрофон жоғалды", "потеря микрофона", "microphone lost"},
    {"server_failure", "сервер ақауы", "сбой сервера", "server failure"},
    {"platform_outage", "платформа ақауы", "сбой платформы", "platform outage"},
    {"other", "басқа", "другое", "other"},
    {"contract", "шарт жасалды", "договор заключён", "contract concluded"},
    {"refusal", "шарт жасаудан бас тарту", "отказ в договоре", "refusal to contract"},
    {"schedule", "күні, уақыты және орны", "дата, время и место", "date, time and place"},
    {"new_date", "жаңа күн", "новая дата", "new date"},
    {"sitting_cancelled", "емтихан болдырылмады", "экзамен отменён", "sitting cancelled"},
    {"document_issued", "құжат берілді", "документ выдан", "document issued"},
    {"appeal_registered", "апелляция тіркелді", "апелляция зарегистрирована", "appeal registered"},
    {"appeal_decided", "апелляция қаралды", "апелляция рассмотрена", "appeal decided"},
    {"id_document", "Жеке куәлік", "Удостоверение личности", "Identity document"},
    {"kandas_cert", "Қандас куәлігі", "Удостоверение кандаса", "Kandas certificate"},
    {"education_doc", "Білім туралы құжат", "Документ об образовании", "Document of education"},
    {"education_recognition_cert", "Білім туралы құжатты тану туралы куәлік", "Свидетельство о признании документа об образовании",
     "Certificate of recognition of a document of education"},
    {"training_cert", "Оқу туралы құжат", "Документ об обучении", "Document of training"},
    {"short_course_cert", "Қысқа мерзімді курстар сертификаты", "Сертификат краткосрочных курсов", "Short-course certificate"},
    {"incomplete_tve_cert", "Аяқталмаған ТжКБ анықтамасы", "Справка о незавершённом ТиПО", "Reference of incomplete TVE"},
    {"nonformal_recognition_cert", "Бейресми білімді тану туралы куәлік", "Свидетельство о признании неформального образования",
     "Certificate of recognition of non-formal education"},
    {"completion_cert", "Оқудан өткені туралы куәлік", "Свидетельство о прохождении обучения", "Certificate of completion of training"},
    {"labour_activity_doc", "Еңбек қызметін растайтын құжат", "Документ, подтверждающий трудовую деятельность",
     "Document confirming labour activity"},
    {"earlier_recognition_doc", "Біліктілікті тану туралы бұрынғы құжат", "Прежний документ о признании квалификации",
     "Earlier document of recognition of qualification"},
    {"referral_letter", "Жұмыс берушінің жолдама хаты", "Письмо-направление работодателя", "Employer's letter of referral"},
    {"focus_lost", "бет фокусы жоғалды", "потеря фокуса страницы", "the page lost focus"},
    {"multiple_faces", "бірнеше бет", "несколько лиц", "several faces"},
    {"no_face", "бет жоқ", "лицо не видно", "no face"},
}};

std::string pick(const entry& e, const std::string& lang) { return lang == "kk" ? e.kk : lang == "en" ? e.en : e.ru; }

}  // namespace

bool known_label_lang(const std::string& lang) { return lang == "kk" || lang == "ru" || lang == "en"; }

std::string label(const std::string& key, const std::string& lang) {
    for (const auto& e : labels)
        if (e.key == key) return pick(e, lang);
    return key;
}

std::string value_label(const std::string& code, const std::string& lang) {
    for (const auto& e : values)
        if (e.key == code) return pick(e, lang);
    return code;
}

}  // namespace tanu::server::personal_file
