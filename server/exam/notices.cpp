#include "server/exam/notices.hpp"

#include "server/platform/texts.hpp"

namespace tanu::server {

namespace {

struct label {
    const char* kk;
    const char* ru;
    const char* en;
};
const char* in(const label& l, const std::string& lang) { return lang == "kk" ? l.kk : lang == "en" ? l.en : l.ru; }

constexpr label l_schedule_subject{"Біліктілікті тану рәсімінің күні, уақыты және орны",
                                   "Дата, время и место процедуры признания квалификации",
                                   "Date, time and place of the recognition procedure"};
constexpr label l_new_date_subject{"Біліктілікті тану рәсімінің жаңа күні", "Новая дата процедуры признания квалификации",
                                   "New date of the recognition procedure"};
constexpr label l_body{
    "Құрметті {name},\n\n"
    "«{profession}» бойынша біліктілікті тану рәсімі:\n{stages}\n"
    "Жеке басыңызды куәландыратын құжатты алып келіңіз. Уақытша еңбекке жарамсыз болсаңыз, рәсім басталғанға дейін "
    "хабарлаңыз және кейін еңбекке жарамсыздық парағын ұсыныңыз (7-тармақ): рәсім басқа күнге ауыстырылады.\n\n"
    "Жеке кабинет: {link}\n\n{centre}\n",
    "Уважаемый(ая) {name},\n\n"
    "Процедура признания квалификации «{profession}»:\n{stages}\n"
    "Возьмите документ, удостоверяющий личность. Если вы временно нетрудоспособны, сообщите об этом до начала "
    "процедуры и затем представьте лист временной нетрудоспособности (пункт 7): процедура будет перенесена.\n\n"
    "Личный кабинет: {link}\n\n{centre}\n",
    "Dear {name},\n\n"
    "The recognition procedure for “{profession}”:\n{stages}\n"
    "Bring your identity document. If you are temporarily unfit for work, say so before the start and show the "
    "sick-leave sheet afterwards (p.7): the procedure is moved to another date.\n\n"
    "Your cabinet: {link}\n\n{centre}\n"};
constexpr label l_theory{"Теориялық кезең", "Теоретический этап", "Theory stage"};
constexpr label l_practical{"Практикалық кезең", "Практический этап", "Practical stage"};
constexpr label l_online{"онлайн", "онлайн", "online"};
constexpr label l_reason_sick{"Рәсім еңбекке жарамсыздыққа байланысты ауыстырылды (7-тармақ).",
                              "Процедура перенесена в связи с временной нетрудоспособностью (пункт 7).",
                              "The procedure is moved because of temporary incapacity (p.7)."};
constexpr label l_reason_technical{"Рәсім техникалық ақауға байланысты ауыстырылды (11-тармақ); бұл талпыныс есептелмейді.",
                                   "Процедура перенесена из-за технического сбоя (пункт 11); эта попытка не засчитывается.",
                                   "The procedure is moved because of a technical failure (p.11); that attempt does not count."};
constexpr label l_cancel_subject{"Біліктілікті тану рәсімі тоқтатылды", "Процедура признания квалификации отменена",
                                 "The recognition procedure is cancelled"};
constexpr label l_cancel_body{
    "Құрметті {name},\n\n{day} күнгі «{profession}» бойынша рәсім тоқтатылды: {reason}\n"
    "Жаңа күн туралы бөлек хабарланады; бұл талпыныс есептелмейді.\n\nЖеке кабинет: {link}\n\n{centre}\n",
    "Уважаемый(ая) {name},\n\nПроцедура «{profession}» на {day} отменена: {reason}\n"
    "О новой дате сообщим отдельно; эта попытка не засчитывается.\n\nЛичный кабинет: {link}\n\n{centre}\n",
    "Dear {name},\n\nThe procedure for “{profession}” on {day} is cancelled: {reason}\n"
    "You will be told the new date; this attempt does not count.\n\nYour cabinet: {link}\n\n{centre}\n"};

std::string stage_line(const label& what, const slot_row& s, const std::string& lang) {
    std::string where = s.place.empty() ? std::string(in(l_online, lang)) + (s.link.empty() ? "" : ", " + s.link)
                                        : s.place + (s.link.empty() ? "" : ", " + s.link);
    return std::string("- ") + in(what, lang) + ": " + format_dmy(s.day) + ", " + s.starts + "–" + s.ends + ", " + where +
           "\n";
}

std::string cabinet(const centre_config& c) { return c.public_url + "/"; }

}  // namespace

outbox::notice timetable_notice(const std::string& kind, const sitting_row& s, const candidate_row& c,
                                const std::string& profession, const slot_row& theory,
                                const std::optional<slot_row>& practical, const centre_config& centre) {
    const auto& lang = s.lang;
    std::string stages = stage_line(l_theory, theory, lang);
    if (practical) stages += stage_line(l_practical, *practical, lang);
    if (s.reschedule_reason == "sick_leave") stages += std::string("\n") + in(l_reason_sick, lang) + "\n";
    if (s.reschedule_reason == "technical_failure") stages += std::string("\n") + in(l_reason_technical, lang) + "\n";
    outbox::notice n;
    n.candidate = c.id;
    n.sitting = s.id;
    n.kind = kind;
    n.recipient = c.email;
    n.subject = in(kind == "new_date" ? l_new_date_subject : l_schedule_subject, lang);
    n.body = fill_in(in(l_body, lang), {{"name", c.full_name},
                                        {"profession", profession},
                                        {"stages", stages},
                                        {"link", cabinet(centre)},
                                        {"centre", centre.name_in(lang)}});
    return n;
}

outbox::notice cancelled_notice(const sitting_row& s, const candidate_row& c, const std::string& profession,
                                const std::string& reason, const std::string& day, const centre_config& centre) {
    outbox::notice n;
    n.candidate = c.id;
    n.sitting = s.id;
    n.kind = "sitting_cancelled";
    n.recipient = c.email;
    n.subject = in(l_cancel_subject, s.lang);
    n.body = fill_in(in(l_cancel_body, s.lang), {{"name", c.full_name},
                                                 {"profession", profession},
                                                 {"day", day.empty() ? std::string("—") : format_dmy(day)},
                                                 {"reason", reason},
                                                 {"link", cabinet(centre)},
                                                 {"centre", centre.name_in(s.lang)}});
    return n;
}

}  // namespace tanu::server
