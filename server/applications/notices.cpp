#include "server/applications/notices.hpp"

#include <utility>

#include "server/applications/common.hpp"

namespace tanu::server::applications {

namespace {

// One text in the three languages; {name} marks a placeholder.
struct label {
    const char* kk;
    const char* ru;
    const char* en;
};

// ---- contract (p.5-6)
constexpr label l_contract_subject{"Біліктілікті тану туралы шарт жасалды", "Заключён договор о признании квалификации",
                                   "The contract for the recognition of qualification is concluded"};
constexpr label l_contract_body{
    "Құрметті {name},\n\n"
    "Сіздің № {reg_no} өтінішіңіз бойынша {contract_date} № {contract_no} шарт жасалды.\n"
    "Рәсімнің күні, уақыты және орны туралы {schedule_due} дейін хабарланады.\n\n"
    "Жеке кабинет: {link}\n\n{centre}\n",
    "Уважаемый(ая) {name},\n\n"
    "По вашему заявлению № {reg_no} заключён договор № {contract_no} от {contract_date}.\n"
    "О дате, времени и месте процедуры вам сообщат до {schedule_due}.\n\n"
    "Личный кабинет: {link}\n\n{centre}\n",
    "Dear {name},\n\n"
    "On your application No. {reg_no} the contract No. {contract_no} of {contract_date} is concluded.\n"
    "You will be told the date, time and place of the procedure by {schedule_due}.\n\n"
    "Your cabinet: {link}\n\n{centre}\n"};

// ---- refusal (p.5)
constexpr label l_refusal_subject{"Шарт жасаудан бас тарту", "Отказ в заключении договора",
                                  "Refusal to conclude a contract"};
constexpr label l_refusal_body{
    "Құрметті {name},\n\n"
    "Сіздің № {reg_no} өтінішіңіз бойынша шарт жасаудан мына себептермен бас тартылды:\n{defects}\n"
    "Негіздеме: {reasoning}\n\n"
    "Ескертулерді жойып, өтінішті қайта бере аласыз. Жеке кабинет: {link}\n\n{centre}\n",
    "Уважаемый(ая) {name},\n\n"
    "По вашему заявлению № {reg_no} в заключении договора отказано по следующим причинам:\n{defects}\n"
    "Обоснование: {reasoning}\n\n"
    "Вы можете устранить замечания и подать заявление снова. Личный кабинет: {link}\n\n{centre}\n",
    "Dear {name},\n\n"
    "On your application No. {reg_no} the contract is refused for these reasons:\n{defects}\n"
    "Reasoning: {reasoning}\n\n"
    "You may remedy them and apply again. Your cabinet: {link}\n\n{centre}\n"};

// ---- defects (exam/applications/application.hpp, `defect`)
struct coded {
    const char* code;
    label words;
};
constexpr coded defect_labels[] = {
    {"field_missing", {"Толтырылмаған өріс: «{subject}»", "Не заполнено поле «{subject}»", "Not filled in: “{subject}”"}},
    {"field_invalid",
     {"Қате толтырылған өріс: «{subject}»", "Неверно заполнено поле «{subject}»", "Filled in wrongly: “{subject}”"}},
    {"iin_birth_mismatch",
     {"ЖСН туған күнге сәйкес келмейді", "ИИН не соответствует дате рождения", "The IIN does not match the birth date"}},
    {"language_not_offered",
     {"Бағдарлама бұл тілде өткізілмейді: {subject}", "Программа не проводится на языке: {subject}",
      "The programme is not held in: {subject}"}},
    {"mode_not_offered",
     {"Бағдарлама бұл нысанда өткізілмейді: {subject}", "Программа не проводится в форме: {subject}",
      "The programme is not held as: {subject}"}},
    {"consent_missing", {"Келісім берілмеген: {subject}", "Не дано согласие: {subject}", "Consent not given: {subject}"}},
    {"attachment_missing",
     {"Құжат қоса берілмеген: {subject}", "Не приложен документ: {subject}", "Document not attached: {subject}"}},
    {"attachment_expired",
     {"Құжаттың мерзімі өткен: {subject}", "Истёк срок действия документа: {subject}", "Document expired: {subject}"}},
    {"attachment_invalid",
     {"Құжат жарамсыз: {subject}", "Документ недействителен: {subject}", "Document not valid: {subject}"}},
    {"other", {"Басқа себеп", "Иная причина", "Another reason"}},
};

// The subjects in words: fields, attachment groups and types, consents.
constexpr coded subject_labels[] = {
    {"surname", {"Тегі", "Фамилия", "Surname"}},
    {"name", {"Аты", "Имя", "Name"}},
    {"patronymic", {"Әкесінің аты", "Отчество", "Patronymic"}},
    {"iin", {"ЖСН", "ИИН", "IIN"}},
    {"birth_date", {"Туған күні", "Дата рождения", "Date of birth"}},
    {"address", {"Тұрғылықты мекенжайы", "Адрес проживания", "Address"}},
    {"email", {"Электрондық пошта", "Электронная почта", "E-mail"}},
    {"mobile_phone", {"Ұялы телефон", "Мобильный телефон", "Mobile phone"}},
    {"work_phone", {"Жұмыс телефоны", "Рабочий телефон", "Work phone"}},
    {"programme", {"Кәсіп", "Профессия", "Profession"}},
    {"claimed_nqf_level", {"Біліктілік деңгейі", "Уровень квалификации", "Qualification level"}},
    {"knowledge", {"Білімі", "Знания", "Knowledge"}},
    {"skills", {"Дағдылары", "Навыки", "Skills"}},
    {"language", {"Тіл", "Язык", "Language"}},
    {"mode", {"Өткізу нысаны", "Форма проведения", "Mode"}},
    {"accessibility", {"Ерекше қажеттіліктер", "Особые потребности", "Accessibility needs"}},
    {"signed_date", {"Қол қойылған күні", "Дата подписи", "Date of signature"}},
    {"employer_name", {"Жұмыс берушінің атауы", "Наименование работодателя", "Employer's name"}},
    {"employer_bin", {"Жұмыс берушінің БСН", "БИН работодателя", "Employer's BIN"}},
    {"earlier_document_code", {"Бұрынғы құжаттың коды", "Код прежнего документа", "Earlier document's code"}},
    {"earlier_document_valid_until_year",
     {"Бұрынғы құжаттың жарамдылық жылы", "Год действия прежнего документа", "Earlier document valid until"}},
    {"attachments", {"Қосымшалар", "Приложения", "Attachments"}},
    {"identity", {"Жеке басын куәландыратын құжат", "Документ, удостоверяющий личность", "Identity document"}},
    {"education", {"Білімі туралы құжат", "Документ об образовании", "Document of education"}},
    {"labour_activity",
     {"Еңбек қызметін растайтын құжат", "Документ, подтверждающий трудовую деятельность", "Proof of labour activity"}},
    {"earlier_recognition", {"Бұрынғы тану құжаты", "Прежний документ о признании", "Earlier recognition document"}},
    {"referral_letter", {"Жұмыс берушінің жолдамасы", "Направление работодателя", "Employer's referral"}},
    {"id_document", {"Жеке куәлік", "Удостоверение личности", "Identity document"}},
    {"kandas_cert", {"Қандас куәлігі", "Удостоверение кандаса", "Kandas certificate"}},
    {"education_doc", {"Білімі туралы құжат", "Документ об образовании", "Document of education"}},
    {"education_recognition_cert",
     {"Білім туралы құжатты тану куәлігі", "Свидетельство о признании документа об образовании",
      "Recognition of a document of education"}},
    {"training_cert", {"Оқу туралы құжат", "Документ об обучении", "Document of training"}},
    {"short_course_cert", {"Қысқа мерзімді курс сертификаты", "Сертификат краткосрочных курсов", "Short-course certificate"}},
    {"incomplete_tve_cert",
     {"ТжКБ аяқтамағандар туралы анықтама", "Справка о незавершённом образовании", "Incomplete TVE reference"}},
    {"nonformal_recognition_cert",
     {"Бейресми білімді тану куәлігі", "Свидетельство о признании неформального образования",
      "Recognition of non-formal education"}},
    {"completion_cert", {"Оқуды аяқтау туралы куәлік", "Свидетельство об окончании обучения", "Completion certificate"}},
    {"labour_activity_doc",
     {"Еңбек қызметін растайтын құжат", "Документ, подтверждающий трудовую деятельность", "Proof of labour activity"}},
    {"earlier_recognition_doc", {"Бұрынғы тану құжаты", "Прежний документ о признании", "Earlier recognition document"}},
    {"other", {"Басқа құжат", "Иной документ", "Other document"}},
    {"pd_processing",
     {"дербес деректерді өңдеуге", "на обработку персональных данных", "to the processing of personal data"}},
    {"nqs_publication",
     {"ҰБЖ цифрлық платформасында орналастыруға", "на размещение на цифровой платформе НСК",
      "to publication on the NQS platform"}},
};

using values = text_values;

const char* pick(const label& l, const std::string& lang) { return lang == "kk" ? l.kk : lang == "en" ? l.en : l.ru; }

// The label in the language (Kazakh for "kk", English for "en", Russian
// otherwise), each {name} replaced by its value; values are not scanned again.
std::string text(const label& l, const std::string& lang, const values& v = {}) { return fill_in(pick(l, lang), v); }

std::string subject_words(const std::string& subject, const std::string& lang) {
    for (const auto& s : subject_labels)
        if (subject == s.code) return pick(s.words, lang);
    return subject;
}

std::string link(const centre_config& centre) { return centre.public_url + "/apply.html"; }

outbox::notice to(const application_row& a, const std::string& email, const char* kind) {
    outbox::notice n;
    n.candidate = a.candidate;
    n.kind = kind;
    n.recipient = email;
    return n;
}

}  // namespace

std::string defect_words(const refusal_defect& d, const std::string& lang) {
    std::string out;
    for (const auto& c : defect_labels)
        if (d.code == c.code) out = text(c.words, lang, {{"subject", subject_words(d.subject, lang)}});
    if (out.empty()) out = d.code;
    if (!d.note.empty()) out += d.code == "other" ? ": " + d.note : " (" + d.note + ")";
    return out;
}

outbox::notice contract_notice(const application_row& a, const std::string& email, const std::string& lang,
                               const centre_config& centre) {
    auto n = to(a, email, "contract");
    n.subject = text(l_contract_subject, lang);
    n.body = text(l_contract_body, lang,
                  {{"name", a.full_name},
                   {"reg_no", a.reg_no},
                   {"contract_no", a.contract_no},
                   {"contract_date", format_dmy(a.contract_date)},
                   {"schedule_due", format_dmy(a.schedule_notice_due)},
                   {"link", link(centre)},
                   {"centre", centre.name_in(lang)}});
    return n;
}

outbox::notice refusal_notice(const application_row& a, const std::string& email, const std::string& lang,
                              const std::vector<refusal_defect>& defects, const std::string& reasoning,
                              const centre_config& centre) {
    auto n = to(a, email, "refusal");
    n.due = a.check_due;
    n.subject = text(l_refusal_subject, lang);
    std::string list;
    for (const auto& d : defects) list += "- " + defect_words(d, lang) + "\n";
    n.body = text(l_refusal_body, lang,
                  {{"name", a.full_name},
                   {"reg_no", a.reg_no},
                   {"defects", list},
                   {"reasoning", reasoning},
                   {"link", link(centre)},
                   {"centre", centre.name_in(lang)}});
    return n;
}

}  // namespace tanu::server::applications
