// Definitions for io/report.hpp.
#ifndef PPB_IO_REPORT_INL_HPP
#define PPB_IO_REPORT_INL_HPP

#include <algorithm>
#include <array>
#include <cstdio>
#include <initializer_list>
#include <utility>

#include "ppb/io/report.hpp"

PPB_BEGIN_NAMESPACE

namespace detail {

// The report's own words in one language. Placeholders `{name}` are filled by `subst`.
struct report_words {
  std::string_view lang, title, results, budget, spent, left, funded_count, ballots, budget_bar, unspent, chart,
      chart_votes, chart_points, chart_cost, funded_word, unfunded_word, all_projects, col_rank, col_id, col_name, col_votes, col_points,
      col_cost, col_status, col_reason, reasons_note, st_funded, st_skipped, st_excluded, st_not_reached, ties,
      tie_text, tie_changed, no_ties, crit_min_cost, crit_max_votes, crit_file_order, crit_lexicographic, crit_lot,
      notes, rule_heading, rule_line, sat_points, sat_cost, sat_cardinality, steps, col_round, col_action,
      col_budget_left, col_detail, verify, verify_text, footer, of, units_label, rule_greedy, rule_greedy_cost,
      rule_threshold, rule_no_skip, rule_exclusive, rule_phragmen, rule_max_welfare, rule_mes, rule_other,
      log_counts, rejections, col_reason_code, col_submissions, checkpoint_text, mes_title, mes_note, mes_round,
      mes_full, mes_each, mes_each_point, mes_all_in, mes_together;
};

inline constexpr report_words report_en{
    .lang = "en",
    .title = "Participatory budget: results",
    .results = "Results",
    .budget = "Budget",
    .spent = "Spent",
    .left = "Left over",
    .funded_count = "Projects funded",
    .ballots = "Ballots counted",
    .budget_bar = "How the budget is spent",
    .unspent = "not spent",
    .chart = "Votes and cost per project",
    .chart_votes = "votes",
    .chart_points = "points",
    .chart_cost = "cost",
    .funded_word = "funded",
    .unfunded_word = "not funded",
    .all_projects = "All projects",
    .col_rank = "Place",
    .col_id = "ID",
    .col_name = "Project",
    .col_votes = "Votes",
    .col_points = "Points",
    .col_cost = "Cost",
    .col_status = "Result",
    .col_reason = "Why",
    .reasons_note = "",
    .st_funded = "funded",
    .st_skipped = "not funded",
    .st_excluded = "excluded",
    .st_not_reached = "not reached",
    .ties = "Ties and how they were broken",
    .tie_text = "{projects} had equal support ({support}); their order was decided by: {criteria}.",
    .tie_changed = "This decided which of them were funded.",
    .no_ties = "No two projects had equal support where it mattered: no tie-break was needed.",
    .crit_min_cost = "lower cost first",
    .crit_max_votes = "more votes first",
    .crit_file_order = "order on the ballot",
    .crit_lexicographic = "order of project ids",
    .crit_lot = "a public seeded lot",
    .notes = "Notes",
    .rule_heading = "How the winners were chosen",
    .rule_line = "Rule {rule}; support counted as {satisfaction}; ties broken by {tie}.",
    .sat_points = "votes (or points)",
    .sat_cost = "number of supporters",
    .sat_cardinality = "supporters per unit of cost",
    .steps = "Steps of the rule",
    .col_round = "Step",
    .col_action = "Action",
    .col_budget_left = "Budget left",
    .col_detail = "Detail",
    .verify = "Verify this result",
    .verify_text = "The ballots are kept in a public append-only log of {entries} entries. Its root (SHA-256) is "
                   "{root}. Anyone can re-check every signature and re-run the count with:",
    .footer = "Made by ppb {version}. This page is self-contained: it loads nothing from the network.",
    .of = "of",
    .units_label = "Budget units",
    .rule_greedy = "Most votes win while the money lasts. Projects are ranked by their support, highest first. "
                   "Going down the list, each project that still fits in the remaining budget is funded; a project "
                   "that does not fit is skipped and the next one is considered.",
    .rule_greedy_cost = "Projects are ranked by support per unit of cost, highest first, so cheaper projects with "
                        "broad support come early. Going down the list, each project that still fits in the "
                        "remaining budget is funded; one that does not fit is skipped.",
    .rule_threshold = "Projects below the minimum support the rules set are excluded. The others are ranked by "
                      "support, highest first, and each that still fits in the remaining budget is funded.",
    .rule_no_skip = "Projects are ranked by support, highest first, and funded in that order. Counting stops at "
                    "the first project that does not fit in the remaining budget.",
    .rule_exclusive = "Projects are ranked by support, highest first, and each that still fits in the remaining "
                      "budget is funded, except projects the city declared mutually exclusive with one already "
                      "funded.",
    .rule_phragmen = "Sequential Phragmén: the cost of each funded project is shared as a load among its "
                     "supporters. At each step the project funded next is the one after which its supporters' "
                     "largest load is smallest, so that every group of voters is served in turn. Loads are exact "
                     "fractions: nothing is rounded.",
    .rule_max_welfare = "Of all sets of projects that fit in the budget, the one with the greatest total support "
                        "is funded. The search is exact: no other set that fits has more support.",
    .rule_mes = "Method of Equal Shares: the budget is split equally among the voters. A project is funded when "
                "its supporters can pay for it together from their shares; each time the project chosen is the "
                "one that costs its supporters the least for the support it gets.",
    .rule_other = "The rule {rule} chose the funded projects.",
    .log_counts = "The ballot box accepted {accepted} ballots online and {paper} ballots on paper, and refused "
                  "{rejected} submissions; each decision is an entry of the log.",
    .rejections = "Refused submissions by reason",
    .col_reason_code = "Reason (code)",
    .col_submissions = "Submissions",
    .checkpoint_text = "The election authority signed a checkpoint of the first {size} entries, root {root}; "
                       "its signature is {signature}.",
    .mes_title = "Rounds and payments of the Method of Equal Shares",
    .mes_note = "Every voter started with {share} to spend on the projects they support. In each round the project "
                "chosen is paid in full by its supporters: each pays the same price per unit of support (ρ), or "
                "everything they have left if that is less.",
    .mes_round = "Round",
    .mes_full = "Paid their full share (voters)",
    .mes_each = "Each paid",
    .mes_each_point = "Each paid per point",
    .mes_all_in = "Paid all they had left (voters)",
    .mes_together = "They paid together",
};

inline constexpr report_words report_ru{
    .lang = "ru",
    .title = "Бюджет народного участия: итоги голосования",
    .results = "Итоги",
    .budget = "Бюджет",
    .spent = "Распределено",
    .left = "Остаток",
    .funded_count = "Проектов профинансировано",
    .ballots = "Бюллетеней учтено",
    .budget_bar = "Как распределён бюджет",
    .unspent = "не распределено",
    .chart = "Голоса и стоимость по проектам",
    .chart_votes = "голоса",
    .chart_points = "баллы",
    .chart_cost = "стоимость",
    .funded_word = "финансируется",
    .unfunded_word = "не финансируется",
    .all_projects = "Все проекты",
    .col_rank = "Место",
    .col_id = "№",
    .col_name = "Проект",
    .col_votes = "Голоса",
    .col_points = "Баллы",
    .col_cost = "Стоимость",
    .col_status = "Итог",
    .col_reason = "Почему",
    .reasons_note = "Причины приведены словами программы подсчёта (на английском).",
    .st_funded = "финансируется",
    .st_skipped = "не финансируется",
    .st_excluded = "исключён",
    .st_not_reached = "не рассмотрен",
    .ties = "Равенство голосов и как оно разрешено",
    .tie_text = "У проектов {projects} одинаковая поддержка ({support}); их порядок определил критерий: {criteria}.",
    .tie_changed = "Это решило, какие из них получили финансирование.",
    .no_ties = "Равенства поддержки, влияющего на порядок, не было: жребий и другие критерии не понадобились.",
    .crit_min_cost = "сначала более дешёвый",
    .crit_max_votes = "сначала набравший больше голосов",
    .crit_file_order = "порядок в бюллетене",
    .crit_lexicographic = "порядок номеров проектов",
    .crit_lot = "публичный жребий",
    .notes = "Примечания",
    .rule_heading = "Как определены победители",
    .rule_line = "Правило {rule}; поддержка считается как {satisfaction}; равенство разрешается так: {tie}.",
    .sat_points = "голоса (или баллы)",
    .sat_cost = "число сторонников",
    .sat_cardinality = "число сторонников на единицу стоимости",
    .steps = "Шаги подсчёта",
    .col_round = "Шаг",
    .col_action = "Действие",
    .col_budget_left = "Остаток бюджета",
    .col_detail = "Подробности",
    .verify = "Как проверить этот результат",
    .verify_text = "Бюллетени хранятся в публичном журнале только для добавления ({entries} записей). Его корень "
                   "(SHA-256): {root}. Любой может перепроверить все подписи и пересчитать итоги командой:",
    .footer = "Создано ppb {version}. Страница самодостаточна: она ничего не загружает из сети.",
    .of = "из",
    .units_label = "Бюджетные единицы",
    .rule_greedy = "Побеждают проекты с наибольшей поддержкой, пока хватает денег. Проекты упорядочены по "
                   "поддержке, от большей к меньшей. Каждый проект, который ещё помещается в оставшийся бюджет, "
                   "финансируется; не помещающийся пропускается, и рассматривается следующий.",
    .rule_greedy_cost = "Проекты упорядочены по поддержке в расчёте на единицу стоимости, поэтому недорогие проекты "
                        "с широкой поддержкой идут раньше. Каждый проект, который ещё помещается в оставшийся "
                        "бюджет, финансируется; не помещающийся пропускается.",
    .rule_threshold = "Проекты с поддержкой ниже установленного порога исключаются. Остальные упорядочены по "
                      "поддержке, и каждый, который ещё помещается в оставшийся бюджет, финансируется.",
    .rule_no_skip = "Проекты упорядочены по поддержке и финансируются в этом порядке. Подсчёт останавливается на "
                    "первом проекте, который не помещается в оставшийся бюджет.",
    .rule_exclusive = "Проекты упорядочены по поддержке, и каждый, который ещё помещается в оставшийся бюджет, "
                      "финансируется, кроме проектов, объявленных городом взаимоисключающими с уже выбранными.",
    .rule_phragmen = "Последовательный метод Фрагмена: стоимость каждого выбранного проекта распределяется как "
                     "нагрузка между его сторонниками. На каждом шаге выбирается проект, после которого наибольшая "
                     "нагрузка его сторонников будет наименьшей, так что каждая группа избирателей получает свою "
                     "очередь. Нагрузки — точные дроби, ничего не округляется.",
    .rule_max_welfare = "Из всех наборов проектов, помещающихся в бюджет, выбирается набор с наибольшей суммарной "
                        "поддержкой. Поиск точный: ни один другой помещающийся набор не имеет большей поддержки.",
    .rule_mes = "Метод равных долей: бюджет делится поровну между избирателями. Проект финансируется, когда его "
                "сторонники могут вместе оплатить его из своих долей; каждый раз выбирается проект, который "
                "обходится сторонникам дешевле всего на единицу поддержки.",
    .rule_other = "Победителей определило правило {rule}.",
    .log_counts = "Урна приняла {accepted} бюллетеней онлайн и {paper} бумажных бюллетеней и отклонила {rejected} "
                  "подач; каждое решение — запись журнала.",
    .rejections = "Отклонённые подачи по причинам",
    .col_reason_code = "Причина (код)",
    .col_submissions = "Подач",
    .checkpoint_text = "Организатор выборов подписал контрольную точку первых {size} записей, корень {root}; "
                       "подпись: {signature}.",
    .mes_title = "Раунды и платежи метода равных долей",
    .mes_note = "Каждый избиратель начал с доли {share}, которую он тратит на поддержанные им проекты. В каждом "
                "раунде выбранный проект полностью оплачивают его сторонники: каждый платит одинаковую цену за "
                "единицу поддержки (ρ) или всё, что у него осталось, если это меньше.",
    .mes_round = "Раунд",
    .mes_full = "Заплатили полную долю (избирателей)",
    .mes_each = "Каждый заплатил",
    .mes_each_point = "Каждый заплатил за балл",
    .mes_all_in = "Отдали всё оставшееся (избирателей)",
    .mes_together = "Вместе заплатили",
};

inline constexpr report_words report_kk{
    .lang = "kk",
    .title = "Халық қатысатын бюджет: дауыс беру қорытындысы",
    .results = "Қорытынды",
    .budget = "Бюджет",
    .spent = "Бөлінді",
    .left = "Қалдық",
    .funded_count = "Қаржыландырылған жобалар",
    .ballots = "Есептелген бюллетеньдер",
    .budget_bar = "Бюджет қалай бөлінді",
    .unspent = "бөлінбеді",
    .chart = "Жобалар бойынша дауыстар мен құны",
    .chart_votes = "дауыстар",
    .chart_points = "ұпайлар",
    .chart_cost = "құны",
    .funded_word = "қаржыландырылады",
    .unfunded_word = "қаржыландырылмайды",
    .all_projects = "Барлық жобалар",
    .col_rank = "Орын",
    .col_id = "№",
    .col_name = "Жоба",
    .col_votes = "Дауыстар",
    .col_points = "Ұпайлар",
    .col_cost = "Құны",
    .col_status = "Нәтиже",
    .col_reason = "Себебі",
    .reasons_note = "Себептер есептеу бағдарламасының сөзімен (ағылшынша) берілген.",
    .st_funded = "қаржыландырылады",
    .st_skipped = "қаржыландырылмайды",
    .st_excluded = "алынып тасталды",
    .st_not_reached = "қаралмады",
    .ties = "Дауыстар теңдігі және оның шешілуі",
    .tie_text = "{projects} жобаларының қолдауы бірдей ({support}); олардың ретін анықтаған өлшем: {criteria}.",
    .tie_changed = "Бұл олардың қайсысы қаржыландырылатынын шешті.",
    .no_ties = "Ретке әсер ететін қолдау теңдігі болған жоқ: жеребе мен басқа өлшемдер қажет болмады.",
    .crit_min_cost = "арзаны бірінші",
    .crit_max_votes = "дауысы көбі бірінші",
    .crit_file_order = "бюллетеньдегі реті",
    .crit_lexicographic = "жоба нөмірлерінің реті",
    .crit_lot = "ашық жеребе",
    .notes = "Ескертпелер",
    .rule_heading = "Жеңімпаздар қалай анықталды",
    .rule_line = "Ереже: {rule}; қолдау былай есептеледі: {satisfaction}; теңдік былай шешіледі: {tie}.",
    .sat_points = "дауыстар (немесе ұпайлар)",
    .sat_cost = "жақтаушылар саны",
    .sat_cardinality = "құн бірлігіне шаққандағы жақтаушылар саны",
    .steps = "Есептеу қадамдары",
    .col_round = "Қадам",
    .col_action = "Әрекет",
    .col_budget_left = "Бюджет қалдығы",
    .col_detail = "Толығырақ",
    .verify = "Бұл нәтижені қалай тексеруге болады",
    .verify_text = "Бюллетеньдер тек толықтырылатын ашық журналда сақталады ({entries} жазба). Оның түбірі "
                   "(SHA-256): {root}. Кез келген адам барлық қолтаңбаны тексеріп, қорытындыны мына командамен "
                   "қайта есептей алады:",
    .footer = "ppb {version} жасаған. Бұл бет дербес: желіден ештеңе жүктемейді.",
    .of = "/",
    .units_label = "Бюджет бірліктері",
    .rule_greedy = "Ақша жеткенше ең көп қолдау алған жобалар жеңеді. Жобалар қолдауы бойынша кему ретімен "
                   "тізіледі. Қалған бюджетке әлі сыйатын әр жоба қаржыландырылады; сыймайтыны өткізіліп, келесісі "
                   "қаралады.",
    .rule_greedy_cost = "Жобалар құнының бірлігіне шаққандағы қолдауы бойынша тізіледі, сондықтан кең қолдауы бар "
                        "арзан жобалар алдымен қаралады. Қалған бюджетке әлі сыйатын әр жоба қаржыландырылады; "
                        "сыймайтыны өткізіледі.",
    .rule_threshold = "Қолдауы белгіленген шектен төмен жобалар алынып тасталады. Қалғандары қолдауы бойынша "
                      "тізіліп, қалған бюджетке әлі сыйатын әрқайсысы қаржыландырылады.",
    .rule_no_skip = "Жобалар қолдауы бойынша тізіліп, сол ретпен қаржыландырылады. Қалған бюджетке сыймайтын "
                    "бірінші жобада есептеу тоқтайды.",
    .rule_exclusive = "Жобалар қолдауы бойынша тізіліп, қалған бюджетке әлі сыйатын әрқайсысы қаржыландырылады; "
                      "тек қала таңдалған жобамен өзара үйлеспейді деп жариялаған жобалар қаржыландырылмайды.",
    .rule_phragmen = "Фрагменнің тізбекті әдісі: таңдалған әр жобаның құны оның жақтаушылары арасында жүктеме "
                     "ретінде бөлінеді. Әр қадамда жақтаушыларының ең үлкен жүктемесі ең аз болатын жоба "
                     "таңдалады, сондықтан сайлаушылардың әр тобы өз кезегін алады. Жүктемелер — дәл бөлшектер, "
                     "ештеңе дөңгелектенбейді.",
    .rule_max_welfare = "Бюджетке сыйатын барлық жобалар жиынының ішінен жалпы қолдауы ең көп жиын "
                        "қаржыландырылады. Іздеу дәл: бюджетке сыйатын басқа ешбір жиынның қолдауы одан көп емес.",
    .rule_mes = "Тең үлестер әдісі: бюджет сайлаушылар арасында тең бөлінеді. Жақтаушылары өз үлестерінен бірге "
                "төлей алатын жоба қаржыландырылады; әр жолы жақтаушыларына қолдау бірлігіне ең арзан түсетін "
                "жоба таңдалады.",
    .rule_other = "Жеңімпаздарды {rule} ережесі анықтады.",
    .log_counts = "Сайлау жәшігі {accepted} бюллетеньді онлайн және {paper} қағаз бюллетеньді қабылдады, {rejected} "
                  "жіберуден бас тартты; әр шешім — журналдың бір жазбасы.",
    .rejections = "Қабылданбаған жіберулер себептері бойынша",
    .col_reason_code = "Себебі (коды)",
    .col_submissions = "Жіберулер",
    .checkpoint_text = "Сайлауды ұйымдастырушы алғашқы {size} жазбаның бақылау нүктесіне қол қойды, түбірі {root}; "
                       "қолтаңбасы: {signature}.",
    .mes_title = "Тең үлестер әдісінің раундтары мен төлемдері",
    .mes_note = "Әр сайлаушы {share} үлеспен бастады, оны өзі қолдаған жобаларға жұмсайды. Әр раундта таңдалған "
                "жобаны оның жақтаушылары толық төлейді: әрқайсысы қолдау бірлігі үшін бірдей баға (ρ) төлейді "
                "немесе, егер ол аз болса, қалғанының бәрін береді.",
    .mes_round = "Раунд",
    .mes_full = "Толық үлесін төлегендер (сайлаушы)",
    .mes_each = "Әрқайсысы төледі",
    .mes_each_point = "Әрқайсысы бір ұпай үшін төледі",
    .mes_all_in = "Қалғанының бәрін бергендер (сайлаушы)",
    .mes_together = "Бірге төлегені",
};

inline auto words_for(io::report_language lang) -> const report_words& {
  switch (lang) {
    case io::report_language::ru: return report_ru;
    case io::report_language::kk: return report_kk;
    case io::report_language::en: break;
  }
  return report_en;
}

// Text safe inside HTML/SVG text and attribute values.
inline auto escape(std::string_view s) -> std::string {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

// `tpl` with each `{key}` replaced by its value (values are inserted as given).
inline auto subst(std::string_view tpl, std::initializer_list<std::pair<std::string_view, std::string>> values)
    -> std::string {
  std::string out(tpl);
  for (const auto& [key, value] : values) {
    const std::string mark = "{" + std::string(key) + "}";
    for (auto at = out.find(mark); at != std::string::npos; at = out.find(mark, at + value.size()))
      out.replace(at, mark.size(), value);
  }
  return out;
}

// Digits grouped by thin no-break spaces, as both Russian and Kazakh typography write them
// ("1 250 000.50"); English readers accept it too and it never reads as a decimal mark.
inline auto grouped(const std::string& number) -> std::string {
  const auto dot = number.find('.');
  const std::string whole = number.substr(0, dot);
  const std::size_t sign = (!whole.empty() && whole[0] == '-') ? 1 : 0;
  std::string out = whole.substr(0, sign);
  const std::size_t digits = whole.size() - sign;
  for (std::size_t i = 0; i < digits; ++i) {
    if (i > 0 && (digits - i) % 3 == 0) out += "\u202f";
    out += whole[sign + i];
  }
  if (dot != std::string::npos) out += number.substr(dot);
  return out;
}

inline auto money_text(const instance& inst, money m) -> std::string {
  std::string s = grouped(format_units(m, inst.money_places));
  if (const auto* currency = inst.meta_value("currency"); currency != nullptr && !currency->empty())
    s += "\u00a0" + *currency;
  return s;
}

// An exact amount (units of 10^-money_places) for people: to two places more than the money's
// (shares of whole currency units are often halves), grouped, with the currency; "≈" in front
// when rounding changed it.
inline auto amount_text(const instance& inst, const rational& q) -> std::string {
  std::string s = format_rational_units(q * 100, inst.money_places + 2);
  const std::string_view approx = "≈";
  const bool rounded = s.starts_with(approx);
  if (rounded) s.erase(0, approx.size());
  s = (rounded ? std::string(approx) : std::string()) + grouped(s);
  if (const auto* currency = inst.meta_value("currency"); currency != nullptr && !currency->empty())
    s += "\u00a0" + *currency;
  return s;
}

// At most `width` code points of UTF-8 text, with "…" when cut.
inline auto cut(std::string_view s, std::size_t width) -> std::string {
  std::size_t n = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80 && n++ == width) return std::string(s.substr(0, i)) + "…";
  }
  return std::string(s);
}

// A number for SVG/CSS geometry (display only; nothing is decided by it).
inline auto num(double v) -> std::string {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", v);
  return buf;
}

inline auto status_word(const report_words& w, project_status s) -> std::string_view {
  switch (s) {
    case project_status::funded: return w.st_funded;
    case project_status::skipped: return w.st_skipped;
    case project_status::excluded: return w.st_excluded;
    case project_status::not_reached: return w.st_not_reached;
  }
  return w.st_skipped;
}

inline auto criterion_word(const report_words& w, tie_criterion c) -> std::string_view {
  switch (c) {
    case tie_criterion::min_cost: return w.crit_min_cost;
    case tie_criterion::max_votes: return w.crit_max_votes;
    case tie_criterion::file_order: return w.crit_file_order;
    case tie_criterion::lexicographic: return w.crit_lexicographic;
    case tie_criterion::lot: return w.crit_lot;
  }
  return w.crit_file_order;
}

inline auto satisfaction_word(const report_words& w, std::string_view s) -> std::string {
  if (s == "points") return std::string(w.sat_points);
  if (s == "cost") return std::string(w.sat_cost);
  if (s == "cardinality") return std::string(w.sat_cardinality);
  return std::string(s);
}

inline auto rule_text(const report_words& w, std::string_view rule) -> std::string {
  if (rule == "greedy") return std::string(w.rule_greedy);
  if (rule == "greedy-cost") return std::string(w.rule_greedy_cost);
  if (rule == "greedy-threshold") return std::string(w.rule_threshold);
  if (rule == "greedy-no-skip") return std::string(w.rule_no_skip);
  if (rule == "greedy-exclusive") return std::string(w.rule_exclusive);
  if (rule == "phragmen") return std::string(w.rule_phragmen);
  if (rule == "max-welfare") return std::string(w.rule_max_welfare);
  if (rule.starts_with("mes") || rule.starts_with("equalshares")) return std::string(w.rule_mes);
  return subst(w.rule_other, {{"rule", std::string(rule)}});
}

// Cumulative, scoring and ordinal ballots are ranked by points, not by the number of ballots: the
// chart shows what the rule ranked by.
inline auto ranks_by_points(const instance& inst) -> bool {
  return inst.kind != vote_type::approval && inst.kind != vote_type::choose_1;
}

inline void check_unit(const io::report_unit& u) {
  if (u.inst == nullptr || u.out == nullptr) throw usage_error("a report unit needs its instance and outcome");
  if (u.out->projects.size() != u.inst->size())
    throw usage_error("a report unit's outcome was not tallied on its instance");
}

// Projects in the rule's order of consideration; those it never ranked last, in file order.
inline auto by_rank(const outcome& out) -> std::vector<const project_result*> {
  std::vector<const project_result*> rows;
  for (const auto& r : out.projects) rows.push_back(&r);
  std::stable_sort(rows.begin(), rows.end(), [](const project_result* a, const project_result* b) {
    const auto ka = a->rank == 0 ? UINT32_MAX : a->rank, kb = b->rank == 0 ? UINT32_MAX : b->rank;
    return ka < kb;
  });
  return rows;
}

inline constexpr std::array<std::string_view, 10> report_palette{"#1b7f3b", "#2a6fb0", "#c2571a", "#7b3fa0",
                                                                  "#138a8a", "#a8326e", "#5c7c1a", "#b08a10",
                                                                  "#3d4fb8", "#8a4b2a"};

// The chart as an <svg> element (`standalone` adds the XML declaration for a file of its own).
inline auto chart_svg(const io::report_unit& u, const report_words& w, bool standalone) -> std::string {
  const instance& inst = *u.inst;
  const outcome& out = *u.out;
  const auto rows = by_rank(out);
  const bool pts = ranks_by_points(inst);
  const auto support = [&](const project_result* r) -> std::int64_t {
    return pts ? std::max<std::int64_t>(r->points, 0) : static_cast<std::int64_t>(r->votes);
  };
  const std::string_view support_word = pts ? w.chart_points : w.chart_votes;
  std::int64_t max_votes = 1;
  money max_cost = 1;
  for (const auto* r : rows) {
    max_votes = std::max(max_votes, support(r));
    max_cost = std::max(max_cost, inst[r->project].cost);
  }
  const double width = 1000, label = 330, bars = 520, row = 34, top = 44;
  const double height = top + row * static_cast<double>(rows.size()) + 12;
  std::string s;
  if (standalone) s += "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  // Inline SVG in HTML needs no namespace; a file of its own does (so the page names no URL at all).
  s += std::string("<svg") + (standalone ? " xmlns=\"http://www.w3.org/2000/svg\"" : "") + " class=\"chart\" viewBox=\"0 0 " + num(width) + " " + num(height) +
       "\" width=\"" + num(width) + "\" height=\"" + num(height) + "\" role=\"img\" aria-label=\"" + escape(w.chart) +
       "\" font-family=\"DejaVu Sans, Liberation Sans, Arial, sans-serif\" font-size=\"13\">\n";
  s += "<title>" + escape(w.chart) + "</title>\n";
  // Legend: the two bars and the two colours, each item as wide as its words (about 7.5 px a letter).
  double lx = label;
  const auto legend = [&](const char* colour, const std::string& text) {
    s += "<rect x=\"" + num(lx) + "\" y=\"10\" width=\"14\" height=\"14\" fill=\"" + colour + "\"/>";
    s += "<text x=\"" + num(lx + 20) + "\" y=\"22\">" + escape(text) + "</text>\n";
    std::size_t letters = 0;
    for (unsigned char c : text) letters += (c & 0xC0) != 0x80;
    lx += 20 + 7.5 * static_cast<double>(letters) + 24;
  };
  legend("#1b7f3b", std::string(w.funded_word) + ": " + std::string(support_word));
  legend("#86c79a", std::string(w.funded_word) + ": " + std::string(w.chart_cost));
  legend("#6b7280", std::string(w.unfunded_word));
  double y = top;
  for (const auto* r : rows) {
    const auto& p = inst[r->project];
    const bool funded = r->status == project_status::funded;
    const double vw = bars * static_cast<double>(support(r)) / static_cast<double>(max_votes);
    const double cw = bars * static_cast<double>(p.cost) / static_cast<double>(max_cost);
    s += "<g class=\"" + std::string(funded ? "funded" : "unfunded") + "\">";
    s += "<title>" + escape(p.id + " " + p.name) + ": " + std::to_string(support(r)) + " " + escape(support_word) +
         ", " + escape(money_text(inst, p.cost)) + " — " + escape(status_word(w, r->status)) + "</title>";
    if (funded) s += "<rect x=\"0\" y=\"" + num(y - 2) + "\" width=\"" + num(width) + "\" height=\"" + num(row - 2) +
                     "\" fill=\"#eef7f0\"/>";
    s += "<text x=\"" + num(label - 10) + "\" y=\"" + num(y + 19) + "\" text-anchor=\"end\"" +
         (funded ? " font-weight=\"bold\"" : "") + ">" + escape(cut(p.name.empty() ? p.id : p.name, 34)) + "</text>";
    s += "<rect x=\"" + num(label) + "\" y=\"" + num(y + 2) + "\" width=\"" + num(std::max(vw, 1.0)) +
         "\" height=\"13\" fill=\"" + (funded ? "#1b7f3b" : "#6b7280") + "\"/>";
    s += "<rect x=\"" + num(label) + "\" y=\"" + num(y + 16) + "\" width=\"" + num(std::max(cw, 1.0)) +
         "\" height=\"13\" fill=\"" + (funded ? "#86c79a" : "#c4c8cf") + "\"/>";
    s += "<text x=\"" + num(label + std::max(vw, 1.0) + 6) + "\" y=\"" + num(y + 13) + "\" font-size=\"11\">" +
         escape(grouped(std::to_string(support(r)))) + "</text>";
    s += "<text x=\"" + num(label + std::max(cw, 1.0) + 6) + "\" y=\"" + num(y + 27) + "\" font-size=\"11\">" +
         escape(money_text(inst, p.cost)) + "</text>";
    s += "</g>\n";
    y += row;
  }
  s += "</svg>\n";
  return s;
}

inline void table_html(std::string& s, const std::vector<std::string>& columns,
                       const std::vector<std::vector<std::string>>& rows) {
  s += "<table><thead><tr>";
  for (const auto& c : columns) s += "<th>" + escape(c) + "</th>";
  s += "</tr></thead><tbody>\n";
  for (const auto& r : rows) {
    s += "<tr>";
    for (const auto& c : r) s += "<td>" + escape(c) + "</td>";
    s += "</tr>\n";
  }
  s += "</tbody></table>\n";
}

inline auto unit_name(const io::report_unit& u, const report_words& w) -> std::string {
  if (!u.name.empty()) return u.name;
  for (const char* key : {"subunit", "district", "unit"})
    if (const auto* v = u.inst->meta_value(key); v != nullptr && !v->empty()) return *v;
  return std::string(w.results);
}

inline void unit_html(std::string& s, const io::report_unit& u, std::size_t index, const report_words& w) {
  const instance& inst = *u.inst;
  const outcome& out = *u.out;
  s += "<section class=\"unit\" id=\"unit-" + std::to_string(index) + "\">\n";
  s += "<h2>" + escape(unit_name(u, w)) + "</h2>\n";

  // Summary cards.
  s += "<div class=\"cards\">";
  const auto card = [&](std::string_view title, const std::string& value) {
    s += "<div class=\"card\"><div class=\"card-title\">" + escape(title) + "</div><div class=\"card-value\">" +
         escape(value) + "</div></div>";
  };
  card(w.budget, money_text(inst, out.budget));
  card(w.spent, money_text(inst, out.spent));
  card(w.left, money_text(inst, out.budget - out.spent));
  card(w.funded_count, std::to_string(out.selected.size()) + " " + std::string(w.of) + " " + std::to_string(inst.size()));
  card(w.ballots, grouped(std::to_string(u.voters)));
  s += "</div>\n";

  // Budget bar: one segment per funded project, in selection order, then what is left.
  s += "<h3>" + escape(w.budget_bar) + "</h3>\n<div class=\"bar\">";
  const double budget = out.budget > 0 ? static_cast<double>(out.budget) : 1.0;
  std::size_t colour = 0;
  for (auto p : out.selected) {
    const double pct = 100.0 * static_cast<double>(inst[p].cost) / budget;
    s += "<div class=\"seg\" style=\"width:" + num(pct) + "%;background:" +
         std::string(report_palette[colour++ % report_palette.size()]) + "\" title=\"" +
         escape(inst[p].name + " — " + money_text(inst, inst[p].cost)) + "\"></div>";
  }
  s += "</div>\n<ul class=\"legend\">";
  colour = 0;
  for (auto p : out.selected) {
    s += "<li><span class=\"swatch\" style=\"background:" + std::string(report_palette[colour++ % report_palette.size()]) +
         "\"></span><span class=\"pname\">" + escape(inst[p].name.empty() ? inst[p].id : inst[p].name) +
         "</span> <span class=\"pcost\">" + escape(money_text(inst, inst[p].cost)) + "</span></li>";
  }
  s += "<li><span class=\"swatch rest\"></span>" + escape(w.unspent) + " <span class=\"pcost\">" +
       escape(money_text(inst, out.budget - out.spent)) + "</span></li></ul>\n";

  // Chart.
  s += "<h3>" + escape(w.chart) + "</h3>\n<div class=\"chart-box\">" + chart_svg(u, w, false) + "</div>\n";

  // Every project.
  const bool pts = ranks_by_points(inst);
  s += "<h3>" + escape(w.all_projects) + "</h3>\n";
  if (!w.reasons_note.empty()) s += "<p class=\"muted\">" + escape(w.reasons_note) + "</p>\n";
  s += "<table class=\"projects\"><thead><tr><th>" + escape(w.col_rank) + "</th><th>" + escape(w.col_id) + "</th><th>" +
       escape(w.col_name) + "</th><th class=\"num\">" + escape(w.col_votes) + "</th>" +
       (pts ? "<th class=\"num\">" + escape(w.col_points) + "</th>" : std::string()) + "<th class=\"num\">" +
       escape(w.col_cost) + "</th><th>" + escape(w.col_status) + "</th><th>" + escape(w.col_reason) +
       "</th></tr></thead><tbody>\n";
  for (const auto* r : by_rank(out)) {
    const auto& p = inst[r->project];
    const bool funded = r->status == project_status::funded;
    s += std::string("<tr class=\"") + (funded ? "funded" : "unfunded") + "\"><td>" +
         (r->rank ? std::to_string(r->rank) : std::string("–")) + "</td><td>" + escape(p.id) + "</td><td>" +
         escape(p.name) + "</td><td class=\"num\">" + escape(grouped(std::to_string(r->votes))) + "</td>" +
         (pts ? "<td class=\"num\">" + escape(grouped(std::to_string(r->points))) + "</td>" : std::string()) +
         "<td class=\"num\">" + escape(money_text(inst, p.cost)) + "</td><td><span class=\"status " +
         std::string(project_status_name(r->status)) + "\">" + escape(status_word(w, r->status)) + "</span></td><td>" +
         escape(r->reason) + "</td></tr>\n";
  }
  s += "</tbody></table>\n";

  // Ties.
  s += "<h3>" + escape(w.ties) + "</h3>\n";
  if (out.ties.empty()) {
    s += "<p>" + escape(w.no_ties) + "</p>\n";
  } else {
    s += "<ul class=\"ties\">";
    for (const auto& t : out.ties) {
      std::string names, criteria;
      for (auto p : t.projects) names += (names.empty() ? "" : ", ") + ("«" + (inst[p].name.empty() ? inst[p].id : inst[p].name) + "»");
      std::vector<tie_criterion> seen;
      for (auto c : t.decided_by)
        if (std::find(seen.begin(), seen.end(), c) == seen.end()) {
          seen.push_back(c);
          criteria += (criteria.empty() ? "" : ", ") + std::string(criterion_word(w, c));
        }
      s += std::string("<li") + (t.changed_outcome ? " class=\"decisive\"" : "") + ">" +
           escape(subst(w.tie_text, {{"projects", names}, {"support", t.support.to_string()}, {"criteria", criteria}}));
      if (t.changed_outcome) s += " <strong>" + escape(w.tie_changed) + "</strong>";
      s += "</li>\n";
    }
    s += "</ul>\n";
  }
  if (!out.notes.empty()) {
    s += "<h3>" + escape(w.notes) + "</h3>\n<ul>";
    for (const auto& n : out.notes) s += "<li>" + escape(n) + "</li>";
    s += "</ul>\n";
  }

  // The rule in plain words.
  s += "<h3>" + escape(w.rule_heading) + "</h3>\n<p>" + escape(rule_text(w, out.rule)) + "</p>\n<p class=\"muted\">" +
       escape(subst(w.rule_line, {{"rule", out.rule},
                                  {"satisfaction", satisfaction_word(w, out.satisfaction)},
                                  {"tie", out.tie_break}})) +
       "</p>\n";

  // The rule's steps (for MES: its rounds), folded.
  if (!out.trace.empty()) {
    std::vector<std::vector<std::string>> rows;
    for (const auto& t : out.trace)
      rows.push_back({std::to_string(t.round), inst[t.project].id + " " + inst[t.project].name,
                      std::string(status_word(w, t.action)), money_text(inst, t.budget_left), t.detail});
    s += "<details class=\"steps\"><summary>" + escape(w.steps) + "</summary>\n";
    table_html(s, {std::string(w.col_round), std::string(w.col_name), std::string(w.col_action),
                   std::string(w.col_budget_left), std::string(w.col_detail)},
               rows);
    s += "</details>\n";
  }

  for (const auto& t : u.tables) {
    s += "<h3>" + escape(t.title) + "</h3>\n";
    if (!t.note.empty()) s += "<p>" + escape(t.note) + "</p>\n";
    table_html(s, t.columns, t.rows);
  }
  s += "</section>\n";
}

// The log's figures under its verify command: ballots accepted and refused (by reason), and the
// authority's last checkpoint.
inline void log_html(std::string& s, const io::report_log& log, const report_words& w) {
  s += "<p>" + escape(subst(w.log_counts, {{"accepted", grouped(std::to_string(log.accepted))},
                                           {"paper", grouped(std::to_string(log.paper_ballots))},
                                           {"rejected", grouped(std::to_string(log.rejected))}})) +
       "</p>\n";
  if (!log.rejections.empty()) {
    std::vector<std::vector<std::string>> rows;
    for (const auto& r : log.rejections) rows.push_back({r.reason, grouped(std::to_string(r.count))});
    s += "<h3>" + escape(w.rejections) + "</h3>\n";
    table_html(s, {std::string(w.col_reason_code), std::string(w.col_submissions)}, rows);
  }
  if (log.checkpoint)
    s += "<p>" + escape(subst(w.checkpoint_text, {{"size", std::to_string(log.checkpoint->size)},
                                                  {"root", log.checkpoint->root_hex},
                                                  {"signature", log.checkpoint->signature_hex}})) +
         "</p>\n";
}

inline constexpr std::string_view report_css = R"(
*{box-sizing:border-box}
body{margin:0;font-family:"DejaVu Sans","Liberation Sans",Arial,sans-serif;color:#1f2328;background:#f6f7f9;line-height:1.45}
main{max-width:1100px;margin:0 auto;padding:24px}
header h1{margin:0 0 4px;font-size:28px}
header p{margin:0;color:#57606a}
h2{margin:28px 0 12px;font-size:22px}
h3{margin:26px 0 10px;font-size:18px}
.unit{background:#fff;border:1px solid #d0d7de;border-radius:8px;padding:4px 20px 20px;margin-top:16px}
.cards{display:flex;flex-wrap:wrap;gap:12px}
.card{flex:1 1 160px;border:1px solid #d0d7de;border-radius:6px;padding:10px 14px;background:#fbfcfd}
.card-title{font-size:13px;color:#57606a}
.card-value{font-size:20px;font-weight:bold}
.bar{display:flex;height:38px;border-radius:6px;overflow:hidden;background:repeating-linear-gradient(45deg,#e4e7eb,#e4e7eb 8px,#f3f4f6 8px,#f3f4f6 16px);border:1px solid #c4c8cf}
.seg{height:100%;border-right:2px solid #fff}
.legend{list-style:none;padding:0;margin:10px 0 0;columns:2;column-gap:28px;font-size:14px}
.legend li{margin:3px 0;break-inside:avoid}
.swatch{display:inline-block;width:12px;height:12px;border-radius:2px;margin-right:6px;vertical-align:-1px}
.swatch.rest{background:#e4e7eb;border:1px solid #c4c8cf}
.pcost{color:#57606a;white-space:nowrap}
.chart-box{overflow-x:auto}
.chart{width:100%;height:auto}
table{border-collapse:collapse;width:100%;font-size:14px}
th,td{border-bottom:1px solid #e1e4e8;padding:6px 8px;text-align:left;vertical-align:top}
th{background:#f3f4f6}
td.num,th.num{text-align:right;white-space:nowrap}
tr.funded td{background:#eef7f0}
.status{padding:1px 8px;border-radius:10px;font-size:13px;white-space:nowrap;background:#e4e7eb}
.status.funded{background:#1b7f3b;color:#fff}
.muted{color:#57606a;font-size:14px}
.ties li.decisive{font-weight:normal}
details.steps{margin-top:20px}
details.steps summary{cursor:pointer;font-weight:bold}
.verify{background:#fff;border:1px solid #d0d7de;border-radius:8px;padding:4px 20px 16px;margin-top:16px}
.verify p{overflow-wrap:anywhere}
code,pre{font-family:"DejaVu Sans Mono","Liberation Mono",monospace;font-size:13px;word-break:break-all}
pre{background:#f3f4f6;padding:10px;border-radius:6px;white-space:pre-wrap}
footer{margin:28px 0 8px;color:#57606a;font-size:13px}
.tabs>input{position:absolute;opacity:0;pointer-events:none}
.tabs>label{display:inline-block;padding:8px 16px;margin:12px 6px 0 0;border:1px solid #d0d7de;border-radius:6px 6px 0 0;background:#eef0f3;cursor:pointer}
.tabs>section.unit{display:none}
)";

}  // namespace detail

PPB_FUNC auto io::report_language_name(report_language lang) noexcept -> std::string_view {
  return detail::words_for(lang).lang;
}

PPB_FUNC auto io::parse_report_language(std::string_view name) -> report_language {
  for (auto l : {report_language::en, report_language::ru, report_language::kk})
    if (report_language_name(l) == name) return l;
  throw usage_error("unknown report language '" + std::string(name) + "' (use kk, ru or en)");
}

PPB_FUNC auto io::render_chart_svg(const report_unit& unit, report_language lang) -> std::string {
  detail::check_unit(unit);
  return detail::chart_svg(unit, detail::words_for(lang), true);
}

PPB_FUNC auto io::mes_payments_table(const instance& inst, const mes_result& mes, report_language lang) -> report_table {
  const auto& w = detail::words_for(lang);
  report_table t;
  t.title = w.mes_title;
  t.note = detail::subst(w.mes_note, {{"share", detail::amount_text(inst, mes.per_voter_budget)}});
  t.columns = {std::string(w.mes_round),    std::string(w.col_name), std::string(w.col_cost),
               "ρ",                          std::string(w.mes_full), std::string(mes.result.satisfaction == "points" ? w.mes_each_point : w.mes_each),
               std::string(w.mes_all_in),   std::string(w.mes_together)};
  for (std::size_t i = 0; i < mes.rounds.size(); ++i) {
    const auto& r = mes.rounds[i];
    const auto& p = inst[r.project];
    t.rows.push_back({std::to_string(i + 1), p.id + " " + p.name, detail::money_text(inst, p.cost), r.rho.str(),
                      detail::grouped(std::to_string(r.full_payers)), detail::amount_text(inst, r.share),
                      detail::grouped(std::to_string(r.all_in_payers)),
                      r.all_in_payers > 0 ? detail::amount_text(inst, r.all_in_paid) : std::string("–")});
  }
  return t;
}

PPB_FUNC auto io::render_report_html(std::span<const report_unit> units, const report_options& opts) -> std::string {
  if (units.empty()) throw usage_error("a report needs at least one unit");
  for (const auto& u : units) detail::check_unit(u);
  const auto& w = detail::words_for(opts.lang);
  std::string title = opts.title;
  if (title.empty())
    if (const auto* d = units[0].inst->meta_value("description"); d != nullptr) title = *d;
  if (title.empty()) title = w.title;

  std::string s = "<!DOCTYPE html>\n<html lang=\"" + std::string(w.lang) + "\">\n<head>\n<meta charset=\"utf-8\">\n";
  s += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  s += "<title>" + detail::escape(title) + "</title>\n<style>" + std::string(detail::report_css);
  const bool tabs = units.size() > 1;
  if (tabs) {
    // One rule per unit: the checked radio shows its section and highlights its label.
    for (std::size_t i = 0; i < units.size(); ++i) {
      const auto n = std::to_string(i);
      s += "#tab-" + n + ":checked~#unit-" + n + "{display:block}\n";
      s += "#tab-" + n + ":checked+label{background:#fff;font-weight:bold;border-bottom-color:#fff}\n";
    }
  }
  s += "</style>\n</head>\n<body>\n<main>\n<header><h1>" + detail::escape(title) + "</h1><p>" +
       detail::escape(w.title) + "</p></header>\n";
  if (tabs) {
    s += "<div class=\"tabs\" role=\"tablist\" aria-label=\"" + detail::escape(w.units_label) + "\">\n";
    for (std::size_t i = 0; i < units.size(); ++i) {
      const auto n = std::to_string(i);
      s += "<input type=\"radio\" name=\"unit-tab\" id=\"tab-" + n + "\"" + (i == 0 ? " checked" : "") +
           "><label for=\"tab-" + n + "\">" + detail::escape(detail::unit_name(units[i], w)) + "</label>\n";
    }
  }
  for (std::size_t i = 0; i < units.size(); ++i) detail::unit_html(s, units[i], i, w);
  if (tabs) s += "</div>\n";
  if (opts.log) {
    s += "<section class=\"verify\"><h2>" + detail::escape(w.verify) + "</h2>\n<p>" +
         detail::escape(detail::subst(w.verify_text, {{"entries", std::to_string(opts.log->entries)},
                                                      {"root", opts.log->root_hex}})) +
         "</p>\n<pre>" + detail::escape(opts.log->verify_command) + "</pre>\n";
    detail::log_html(s, *opts.log, w);
    s += "</section>\n";
  }
  s += "<footer>" + detail::escape(detail::subst(w.footer, {{"version", PPB_VERSION_STRING}})) +
       "</footer>\n</main>\n</body>\n</html>\n";
  return s;
}

PPB_END_NAMESPACE

#endif
