#include "server/recognition/notices.hpp"

#include <utility>

#include "exam/theory/attempts.hpp"
#include "server/platform/texts.hpp"
#include "server/recognition/checks.hpp"

namespace tanu::server::recognition {

namespace {

// One text in both languages; {name} marks a placeholder.
struct label {
    const char* kk;
    const char* ru;
};

// ---- document_issued (p.18)
constexpr label l_issued_subject{"Кәсіптік біліктілікті тану туралы құжат берілді",
                                 "Выдан документ о признании квалификации"};
constexpr label l_issued_body{
    "Құрметті {name},\n\n"
    "Сізге «{profession}» кәсібі бойынша құжат берілді. Құжаттың коды: {code}\n"
    "Тексеру коды: {check}\n"
    "Жарамдылық мерзімі: {valid_until}\n\n"
    "{centre}\n",
    "Уважаемый(ая) {name},\n\n"
    "Вам выдан документ о признании квалификации по профессии «{profession}». Код документа: {code}\n"
    "Код проверки: {check}\n"
    "Действителен до: {valid_until}\n\n"
    "{centre}\n"};

// ---- not_passed (p.19)
constexpr label l_result_subject{"Біліктілікті тану нәтижесі", "Результат признания квалификации"};
constexpr label l_result_decision{
    "Құрметті {name},\n\n"
    "Комиссия шешімі: «{profession}» кәсібі бойынша біліктілік танылмады.\n",
    "Уважаемый(ая) {name},\n\n"
    "Решение комиссии: квалификация по профессии «{profession}» не признана.\n"};
constexpr label l_reason_terminated{"- Емтихан екінші бұзушылықтан кейін тоқтатылды.\n",
                                    "- Экзамен прекращён после второго нарушения.\n"};
constexpr label l_reason_theory{"- Теориялық кезең: {correct}/{total}\n", "- Теоретический этап: {correct}/{total}\n"};
constexpr label l_reason_practical{"- Практикалық кезең орындалмады.\n", "- Практический этап не выполнен.\n"};
constexpr label l_attempts_left{
    "\nТеориялық және практикалық кезеңдерді қайта тапсыруға болады (қалған мүмкіндік: {left}).\n",
    "\nВы можете пересдать теоретический и практический этапы (осталось попыток: {left}).\n"};
constexpr label l_retake_any{"\nТеориялық және практикалық кезеңдерді қайта тапсыруға болады.\n",
                             "\nВы можете пересдать теоретический и практический этапы.\n"};  // p.19: no cap
constexpr label l_no_attempts{"\nҚайта тапсыру мүмкіндігі қалмады.\n", "\nПопыток пересдачи не осталось.\n"};
constexpr label l_recommendations{"\nҰсыныстар:\n", "\nРекомендации:\n"};
constexpr label l_rec_topic{"- Тақырыпты қайталаңыз: {topic} ({score})\n", "- Повторите тему: {topic} ({score})\n"};
constexpr label l_rec_item{"- Дағдыны жетілдіріңіз: {item}\n", "- Отработайте навык: {item}\n"};
constexpr label l_result_appeal{
    "\nШағым беру мерзімі: {appeal_until} (емтихан сайтындағы жеке кабинетте).\n\n{centre}\n",
    "\nАпелляцию можно подать до: {appeal_until} (в личном кабинете на сайте экзамена).\n\n{centre}\n"};

// ---- appeal_registered (p.21)
constexpr label l_registered_subject{"Шағым тіркелді", "Апелляция зарегистрирована"};
constexpr label l_registered_body{"Сіздің шағымыңыз №{id} тіркелді. Шешім мерзімі: {decide_by}\n\n{centre}\n",
                                  "Ваша апелляция №{id} зарегистрирована. Срок решения: {decide_by}\n\n{centre}\n"};

// ---- appeal_decided (p.22-23)
constexpr label l_decided_subject{"Шағым бойынша шешім", "Решение по апелляции"};
constexpr label l_recognised{
    "Шағымыңыз қанағаттандырылды: апелляциялық комиссия нәтижені таныды. Біліктілікті тану туралы құжат дайындалды, "
    "ол орталық басшысы қол қойғаннан кейін беріледі.",
    "Ваша апелляция удовлетворена: апелляционная комиссия признала результат. Документ о признании квалификации "
    "подготовлен и будет выдан после подписи руководителя центра."};
constexpr label l_annulled{
    "Шағымыңыз қанағаттандырылды: нәтиженің күші жойылды, ол әрекет ретінде есептелмейді. Орталық жаңа күнді "
    "белгілеп, сізге хабарлайды.",
    "Ваша апелляция удовлетворена: результат аннулирован и не засчитывается как попытка. Центр назначит новую дату "
    "и сообщит её вам."};
constexpr label l_rejected{"Шағымыңыз қанағаттандырылмады: емтихан комиссиясының шешімі күшінде қалады.",
                           "В удовлетворении апелляции отказано: решение экзаменационной комиссии остаётся в силе."};
constexpr label l_decided_body{"{verdict}\n{reasons}{document}\n{centre}\n", "{verdict}\n{reasons}{document}\n{centre}\n"};
constexpr label l_decided_reasons{"Негіздемесі: {reasons}\n", "Основания: {reasons}\n"};
constexpr label l_document_code{"Құжат коды: {code}\n", "Код документа: {code}\n"};

using values = text_values;

// The label in the sitting's language (Kazakh for "kk", Russian otherwise),
// each {name} replaced by its value.
std::string text(const label& l, const std::string& lang, const values& v = {}) {
    return fill_in(lang == "kk" ? l.kk : l.ru, v);
}

outbox::notice to(const candidate_row& c, const sitting_row& s, const char* kind) {
    outbox::notice n;
    n.candidate = c.id;
    n.sitting = s.id;
    n.kind = kind;
    n.recipient = c.email;
    return n;
}

}  // namespace

outbox::notice document_issued_notice(const candidate_row& c, const sitting_row& s, const std::string& profession,
                                      const document_row& doc, const std::string& centre) {
    auto n = to(c, s, "document_issued");
    n.subject = text(l_issued_subject, s.lang);
    n.body = text(l_issued_body, s.lang,
                  {{"name", c.full_name}, {"profession", profession}, {"code", doc.code}, {"check", doc.check_value},
                   {"valid_until", format_dmy(doc.valid_until)}, {"centre", centre}});
    return n;
}

outbox::notice not_passed_notice(const candidate_row& c, const sitting_row& s, const not_passed_facts& f,
                                 const std::string& centre) {
    const auto& lang = s.lang;
    auto n = to(c, s, "not_passed");
    n.due = f.notice_due;
    n.subject = text(l_result_subject, lang);
    std::string body = text(l_result_decision, lang, {{"name", c.full_name}, {"profession", f.profession}});
    for (const auto& r : f.reasons) {
        if (r == "terminated") body += text(l_reason_terminated, lang);
        if (r == "theory_not_passed")
            body += text(l_reason_theory, lang,
                         {{"correct", std::to_string(s.correct.value_or(0))}, {"total", std::to_string(s.total.value_or(0))}});
        if (r == "practical_not_passed") body += text(l_reason_practical, lang);
    }
    body += f.attempts_left == exam::unlimited_attempts ? text(l_retake_any, lang)
            : f.attempts_left > 0 ? text(l_attempts_left, lang, {{"left", std::to_string(f.attempts_left)}})
                                  : text(l_no_attempts, lang);
    if (!f.recommendations.empty()) {
        body += text(l_recommendations, lang);
        for (const auto& r : f.recommendations) {
            if (r.kind == "topic") body += text(l_rec_topic, lang, {{"topic", r.what}, {"score", r.text}});
            else body += text(l_rec_item, lang, {{"item", r.text}});
        }
    }
    body += text(l_result_appeal, lang, {{"appeal_until", format_dmy(f.appeal_until)}, {"centre", centre}});
    n.body = body;
    return n;
}

outbox::notice appeal_registered_notice(const candidate_row& c, const sitting_row& s, std::int64_t appeal,
                                        const std::string& decide_by, const std::string& centre) {
    auto n = to(c, s, "appeal_registered");
    n.subject = text(l_registered_subject, s.lang);
    n.body = text(l_registered_body, s.lang,
                  {{"id", std::to_string(appeal)}, {"decide_by", format_dmy(decide_by)}, {"centre", centre}});
    return n;
}

outbox::notice appeal_decided_notice(const candidate_row& c, const sitting_row& s, exam::appeal_outcome outcome,
                                     const std::string& reasons, const std::string& document, const std::string& centre) {
    auto n = to(c, s, "appeal_decided");
    n.subject = text(l_decided_subject, s.lang);
    const label& verdict = outcome == exam::appeal_outcome::recognised ? l_recognised
                           : outcome == exam::appeal_outcome::annulled ? l_annulled
                                                                       : l_rejected;
    n.body = text(l_decided_body, s.lang,
                  {{"verdict", text(verdict, s.lang)},
                   {"reasons", reasons.empty() ? "" : text(l_decided_reasons, s.lang, {{"reasons", reasons}})},
                   {"document", document.empty() ? "" : text(l_document_code, s.lang, {{"code", document}})},
                   {"centre", centre}});
    return n;
}

}  // namespace tanu::server::recognition
