#include "exam/recognition/briefing.hpp"

#include <algorithm>

#include "exam/theory/prohibited.hpp"

namespace tanu::exam {

namespace {

struct item_words {
    std::string_view code, kk, ru, en;
};

// Seed 002 p.12, first part, in its words (kk the original; ru and en as the staff's programme screen names them).
constexpr std::array<item_words, 17> item_names{{
    {"pagers", "Пейджерлер", "Пейджеры", "Pagers"},
    {"phones", "Ұялы телефондар", "Мобильные телефоны", "Mobile phones"},
    {"tablets", "Планшеттер", "Планшеты", "Tablets"},
    {"ipad_ipod", "iPad (Айпад), iPod (Айпод)", "iPad, iPod", "iPad, iPod"},
    {"smartphones", "Смартфондар", "Смартфоны", "Smartphones"},
    {"laptops", "Ноутбуктер", "Ноутбуки", "Laptops"},
    {"players", "Ойнатқыштар", "Плееры", "Players"},
    {"modems_routers", "Модемдер (мобильді маршрутизаторлар)", "Модемы (мобильные маршрутизаторы)",
     "Modems (mobile routers)"},
    {"radio_devices", "Радиоэлектрондық байланыс құралдары", "Средства радиоэлектронной связи",
     "Radio communication devices"},
    {"smart_watches", "Смарт сағаттар", "Смарт-часы", "Smart watches"},
    {"smart_glasses", "Смарт-көзілдіріктер", "Смарт-очки", "Smart glasses"},
    {"fitness_trackers", "Фитнес-білезіктер (трекерлер)", "Фитнес-браслеты (трекеры)", "Fitness bands (trackers)"},
    {"dictaphones", "Диктофондар", "Диктофоны", "Dictaphones"},
    {"calculators", "Калькуляторлар", "Калькуляторы", "Calculators"},
    {"headphones", "Сымды және сымсыз құлаққаптар", "Проводные и беспроводные наушники", "Wired and wireless headphones"},
    {"cheat_sheets", "Шпаргалкалар", "Шпаргалки", "Cheat sheets"},
    {"study_literature", "Оқу-әдістемелік әдебиеттердің кез келген түрі", "Любая учебно-методическая литература",
     "Any study or methodological literature"},
}};

std::string replace_all(std::string s, std::string_view what, const std::string& with) {
    for (std::size_t at = s.find(what); at != std::string::npos; at = s.find(what, at + with.size()))
        s.replace(at, what.size(), with);
    return s;
}

std::size_t code_points(const std::string& s) {
    return static_cast<std::size_t>(
        std::count_if(s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

bool blank(const std::string& s) { return s.find_first_not_of(" \t\r\n") == std::string::npos; }

std::string_view pick(std::string_view lang, std::string_view kk, std::string_view ru, std::string_view en) {
    return lang == "kk" ? kk : lang == "en" ? en : ru;
}

}  // namespace

std::string_view to_string(briefing_item i) {
    switch (i) {
        case briefing_item::methodology: return "methodology";
        case briefing_item::appeal_rules: return "appeal_rules";
        case briefing_item::prohibited_items: return "prohibited_items";
    }
    return "methodology";
}

std::optional<briefing_item> parse_briefing_item(std::string_view s) {
    for (auto i : briefing_items)
        if (to_string(i) == s) return i;
    return std::nullopt;
}

// p.8: "before the procedure the centre familiarises the candidate with 1) the tools and
// (or) methodology ... 2) the complaint and appeal procedures"; p.12: what may not be used.
std::vector<briefing_item> required_acknowledgements(const programme& p) {
    if (p.regime == legal_regime::recognition_002 || !p.methodology.empty())
        return {briefing_items.begin(), briefing_items.end()};
    return {};
}

// p.12: the first part's list; "the items of the first part may be used where the qualification
// programme provides for their use" (second part).
std::vector<std::string> prohibited_for(const programme& p) {
    std::vector<std::string> out;
    for (auto code : prohibited_items)
        if (std::find(p.allowed_items.begin(), p.allowed_items.end(), code) == p.allowed_items.end())
            out.emplace_back(code);
    return out;
}

std::string prohibited_item_name(std::string_view code, std::string_view lang) {
    for (const auto& w : item_names)
        if (w.code == code) return std::string(pick(lang, w.kk, w.ru, w.en));
    return std::string(code);
}

std::string methodology_text(const programme& p, std::string_view lang) {
    for (std::string_view l : {lang, std::string_view("kk"), std::string_view("ru")})
        if (auto it = p.methodology.find(std::string(l)); it != p.methodology.end() && !blank(it->second))
            return it->second;
    // None stated: what the programme itself fixes of the assessment.
    const auto& t = p.theory;
    std::string s(pick(lang,
                       "Теориялық кезең: {q} сұрақтан тұратын тест, {m} минут. Дұрыс жауаптар {pct} %-дан {rule} "
                       "болса, теориялық кезең өтті деп саналады.",
                       "Теоретический этап: тест из {q} вопросов, {m} минут. Этап пройден, если правильных ответов {rule} "
                       "{pct} %.",
                       "Theory stage: a test of {q} questions, {m} minutes. It is passed with {rule} {pct} % correct "
                       "answers."));
    const bool above = t.rule == pass_rule::above;
    s = replace_all(s, "{q}", std::to_string(t.questions));
    s = replace_all(s, "{m}", std::to_string(t.minutes));
    s = replace_all(s, "{pct}", std::to_string(t.pass_percent));
    s = replace_all(s, "{rule}",
                    std::string(above ? pick(lang, "жоғары", "более", "more than")
                                      : pick(lang, "кем емес", "не менее", "at least")));
    if (!p.practical.empty()) {
        std::string pr(pick(lang,
                            " Практикалық кезең: технологиялық карта бойынша {n} тапсырма, емтихан комиссиясы бағалайды.",
                            " Практический этап: {n} заданий по технологической карте, оценивает экзаменационная "
                            "комиссия.",
                            " Practical stage: {n} tasks of the technological card, assessed by the exam commission."));
        s += replace_all(pr, "{n}", std::to_string(p.practical.size()));
    }
    return s;
}

// p.20-23 (and p.8 2): the complaint and appeal procedures).
std::string appeal_rules_text(std::string_view lang, const std::string& centre_name) {
    std::string s(pick(
        lang,
        "Шағым беру және апелляция беру тәртібі (Кәсіптік біліктілікті тану қағидаларының 20-23-тармақтары).\n"
        "1. Емтихан комиссиясының шешімімен келіспеген жағдайда кандидат кәсіптік біліктілікті тану рәсімінен өту "
        "нәтижелерін алған күннен кейін бес (5) жұмыс күні ішінде нәтижелерді қайта қарау үшін апелляцияға өтінішті "
        "тану орталығына ({centre}) жібереді (Қазақстан Республикасы Әкімшілік рәсімдік-процестік кодексінің 91-бабының "
        "5-тармағы).\n"
        "2. Тану орталығы өтінішті тіркейді және апелляциялық комиссияның қарауына жібереді.\n"
        "3. Апелляциялық комиссия өтінішті алған күннен кейін бес (5) жұмыс күні ішінде ол бойынша шешім қабылдайды "
        "және оны кандидатқа жібереді.\n"
        "4. Апелляциялық комиссияның оң қорытындысы болған жағдайда тану орталығы Қағидалардың 18-тармағында "
        "белгіленген мерзімдер мен тәртіппен біліктілікті тану туралы құжат береді.\n"
        "5. Тану орталығының әрекеттеріне (әрекетсіздігіне) шағым Қазақстан Республикасы Әкімшілік "
        "рәсімдік-процестік кодексінде белгіленген тәртіппен беріледі.",
        "Порядок подачи жалобы и апелляции (пункты 20-23 Правил признания профессиональной квалификации).\n"
        "1. При несогласии с решением экзаменационной комиссии кандидат в течение пяти (5) рабочих дней со дня "
        "получения результатов прохождения процедуры признания профессиональной квалификации направляет в центр "
        "признания ({centre}) заявление на апелляцию для пересмотра результатов (пункт 5 статьи 91 "
        "Административного процедурно-процессуального кодекса Республики Казахстан).\n"
        "2. Центр признания регистрирует заявление и направляет его на рассмотрение апелляционной комиссии.\n"
        "3. Апелляционная комиссия в течение пяти (5) рабочих дней со дня получения заявления принимает по нему "
        "решение и направляет его кандидату.\n"
        "4. При положительном заключении апелляционной комиссии центр признания выдаёт документ о признании "
        "квалификации в сроки и порядке пункта 18 Правил.\n"
        "5. Жалоба на действия (бездействие) центра признания подаётся в порядке, установленном "
        "Административным процедурно-процессуальным кодексом Республики Казахстан.",
        "How to complain and appeal (points 20-23 of the Rules of recognition of professional qualifications).\n"
        "1. A candidate who disagrees with the exam commission's decision sends an appeal to the recognition centre "
        "({centre}) within five (5) working days of receiving the results, for the results to be reviewed (article 91 "
        "point 5 of the Administrative Procedure Code of the Republic of Kazakhstan).\n"
        "2. The centre registers the appeal and sends it to the appeal commission.\n"
        "3. The appeal commission decides within five (5) working days of receiving the appeal and sends the decision "
        "to the candidate.\n"
        "4. When the appeal commission's conclusion is positive, the centre issues the recognition document within the "
        "terms and in the manner of point 18.\n"
        "5. A complaint about the centre's actions (or inaction) is made under the Administrative Procedure Code."));
    return replace_all(s, "{centre}", centre_name);
}

std::string prohibited_text(const programme& p, std::string_view lang) {
    std::string s(pick(lang,
                       "Емтиханның теориялық және практикалық кезеңдерін өткізу кезінде мыналарды пайдалануға жол "
                       "берілмейді (Қағидалардың 12-тармағы):",
                       "При проведении теоретического и практического этапов экзамена не допускается использование "
                       "(пункт 12 Правил):",
                       "During the theory and practical stages the following may not be used (point 12 of the Rules):"));
    for (const auto& code : prohibited_for(p)) s += "\n— " + prohibited_item_name(code, lang);
    if (!p.allowed_items.empty()) {
        s += pick(lang, "\nБағдарлама пайдалануға рұқсат етеді:", "\nПрограмма разрешает использовать:",
                  "\nThe programme allows:");
        bool first = true;
        for (auto code : prohibited_items)
            if (std::find(p.allowed_items.begin(), p.allowed_items.end(), code) != p.allowed_items.end()) {
                s += (first ? " " : ", ") + prohibited_item_name(code, lang);
                first = false;
            }
        s += ".";
    }
    return s;
}

// p.8, last part: "the centre gives the candidate an introductory briefing on the use of the
// equipment and on safety ... The centre keeps the briefing's journal on paper."
bool briefing_needed(const programme& p, std::string_view stage, std::string_view mode) {
    if (!p.briefing_required) return false;
    if (stage == "practical") return true;
    return mode == "offline";
}

std::optional<std::string> validate(const journal_entry& e, const date& today) {
    const auto day = parse_iso_date(e.day);
    if (!day) return "date must be a date YYYY-MM-DD";
    if (today < *day) return "date " + e.day + " is after today";
    if (blank(e.instructor) || code_points(e.instructor) > max_instructor)
        return "instructor must be 1 to " + std::to_string(max_instructor) + " characters";
    if (blank(e.journal_no) || code_points(e.journal_no) > max_journal_no)
        return "journal_no must be 1 to " + std::to_string(max_journal_no) + " characters";
    if (e.page < 1 || e.page > max_journal_page) return "page must be 1 to " + std::to_string(max_journal_page);
    if (e.entry < 1 || e.entry > max_journal_entry) return "entry must be 1 to " + std::to_string(max_journal_entry);
    return std::nullopt;
}

start_check check_start(const programme& p, std::string_view mode, const std::set<briefing_item>& acknowledged,
                        bool journal_recorded) {
    start_check out;
    for (auto i : required_acknowledgements(p))
        if (!acknowledged.count(i)) out.missing.push_back(i);
    out.briefing_missing = briefing_needed(p, "theory", mode) && !journal_recorded;
    return out;
}

}  // namespace tanu::exam
