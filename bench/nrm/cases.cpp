#include "cases.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <chrono>
#include <string_view>
#include <utility>
#include <vector>

namespace lifeline::bench {
namespace {

using domain::nrm::Date;
using domain::nrm::ReferralInput;

template <class T>
struct Weighted {
  T value;
  double weight;
};

template <class T, std::size_t N>
const T& pick(Random& random, const std::array<Weighted<T>, N>& choices) {
  double total = 0;
  for (const auto& c : choices) total += c.weight;
  double at = random.unit() * total;
  for (const auto& c : choices) {
    if (at < c.weight) return c.value;
    at -= c.weight;
  }
  return choices.back().value;
}

enum class Category { child, adult_consenting, adult_anonymous };

// Primary exploitation types and their shares (children only are referred for child labour;
// an adult drawing it is referred for forced labour).
constexpr std::array<Weighted<std::string_view>, 12> kPrimaryTypes = {{
    {"sexual_exploitation", 42},
    {"forced_labour", 30},
    {"forced_criminality", 9},
    {"servitude", 5},
    {"forced_begging", 4},
    {"forced_marriage", 3},
    {"child_labour", 3},
    {"other", 2.4},
    {"forced_military", 0.5},
    {"organ_removal", 0.4},
    {"forced_adoption", 0.4},
    {"surrogacy", 0.3},
}};

// Citizenship: "" is unknown.
constexpr std::array<Weighted<std::string_view>, 37> kCitizenships = {{
    {kHomeCountry, 15}, {"RO", 14},  {"HU", 9},   {"BG", 8},   {"NG", 8},
    {"UA", 7},          {"CN", 5},   {"MD", 4},   {"SK", 2.5}, {"RS", 2},
    {"AL", 2},          {"VN", 2},   {"PH", 1.5}, {"IN", 1.5}, {"PK", 1.2},
    {"SY", 1.2},        {"AF", 1.2}, {"BA", 1},   {"PL", 1},   {"MA", 1},
    {"TR", 0.8},        {"EG", 0.8}, {"TH", 0.8}, {"GE", 0.7}, {"DO", 0.6},
    {"BR", 0.6},        {"GH", 0.6}, {"ER", 0.5}, {"SO", 0.5}, {"CM", 0.5},
    {"KE", 0.4},        {"DE", 0.4}, {"IT", 0.3}, {"RU", 0.4}, {"BD", 0.4},
    {"LK", 0.3},        {"", 3},
}};

constexpr std::array<Weighted<std::string_view>, 10> kCountriesOfExploitation = {{
    {kHomeCountry, 75},
    {"DE", 5},
    {"IT", 4},
    {"HU", 2.5},
    {"FR", 2},
    {"CH", 1.5},
    {"GB", 1.5},
    {"RO", 1.5},
    {"AE", 1},
    {"", 3},
}};

// Names by region; family names are made of a stem and an ending so that the same name and
// date of birth rarely meet by chance (the duplicates are the generated ones).
struct NamePool {
  std::string_view language;
  std::vector<std::string_view> feminine;
  std::vector<std::string_view> masculine;
  std::vector<std::string_view> stems;
  std::vector<std::string_view> endings;
};

const std::vector<NamePool>& name_pools() {
  static const std::vector<NamePool> pools = {
      {"de",
       {"Anna", "Lena", "Sophie", "Marie", "Julia", "Katharina", "Sarah", "Laura", "Lisa", "Hannah",
        "Johanna", "Theresa", "Elena", "Magdalena", "Sabine", "Petra", "Jana"},
       {"Lukas", "Tobias", "Florian", "Stefan", "Michael", "Andreas", "Thomas", "Markus", "Daniel",
        "Jakob", "Maximilian", "David", "Simon", "Paul", "Felix", "Jürgen"},
       {"Hub",  "Gruber", "Wag",     "Pichl", "Stein", "Mos",  "Mayr",   "Hof",   "Leitn", "Bauer",
        "Wimm", "Egg",    "Schwarz", "Fuchs", "Brunn", "Lang", "Reiter", "Winkl", "Holz",  "Berg"},
       {"er", "mann", "bauer", "huber", "berger", "inger", "mayr", "ner", "ler", "hofer", "egger",
        "böck"}},
      {"ro",
       {"Ioana", "Maria", "Elena", "Andreea", "Alexandra", "Mihaela", "Cristina", "Ana", "Gabriela",
        "Daniela", "Florentina", "Raluca", "Simona", "Larisa", "Denisa", "Irina"},
       {"Ion", "Andrei", "Mihai", "Alexandru", "Gheorghe", "Vasile", "Constantin", "Florin",
        "Marius", "Adrian", "Cătălin", "Ștefan", "Bogdan", "Ciprian", "Dumitru", "Nicolae"},
       {"Pop",        "Ion",   "Dumitr", "Stan",  "Radu",     "Marin", "Gheorghi",
        "Constantin", "Vasil", "Nicul",  "Tudor", "Munteanu", "Lungu", "Ciobanu",
        "Rus",        "Cozma", "Matei",  "Bălan", "Stoica",   "Moldov"},
       {"escu", "escu", "eanu", "ache", "ică", "oiu", "ariu", "uță", "an", "a", "ilă", "eșcu"}},
      {"hu",
       {"Anna", "Eszter", "Katalin", "Zsófia", "Réka", "Dóra", "Viktória", "Noémi", "Judit",
        "Erzsébet", "Ildikó", "Krisztina", "Tímea", "Boglárka", "Orsolya", "Edit"},
       {"László", "István", "Zoltán", "Gábor", "Péter", "Attila", "Tamás", "Balázs", "Ferenc",
        "Sándor", "Csaba", "Norbert", "Levente", "Dániel", "Gergő", "Bence"},
       {"Nagy",    "Kovács",   "Tóth",   "Szabó",  "Horváth", "Varga",  "Kiss",
        "Molnár",  "Németh",   "Farkas", "Balogh", "Papp",    "Takács", "Juhász",
        "Lakatos", "Mészáros", "Oláh",   "Simon",  "Rácz",    "Fekete"},
       {"", "", "", "i", "né", "falvi", "házi", "fi"}},
      {"bg",
       {"Maria", "Ivanka", "Elena", "Yordanka", "Desislava", "Gergana", "Petya", "Radka", "Svetla",
        "Teodora", "Vesela", "Nikol", "Mihaela", "Tsvetelina", "Kalina", "Boryana"},
       {"Georgi", "Ivan", "Dimitar", "Nikolay", "Petar", "Hristo", "Todor", "Stoyan", "Angel",
        "Vasil", "Krasimir", "Plamen", "Yordan", "Kaloyan", "Martin", "Iliya"},
       {"Ivan",   "Georgi", "Dimitr", "Petr",     "Nikol",  "Hrist",  "Stoyan",
        "Todor",  "Angel",  "Iliev",  "Kostadin", "Atanas", "Mihayl", "Marin",
        "Yordan", "Stefan", "Vasil",  "Kolev",    "Popov",  "Zlatan"},
       {"ov", "ova", "ev", "eva", "ski", "ska", "ovski", "ina"}},
      {"en",
       {"Blessing", "Joy", "Precious", "Faith", "Gift", "Mercy", "Esther", "Chioma", "Ngozi",
        "Amaka", "Adaeze", "Funmilayo", "Aisha", "Abena", "Akosua", "Winnie"},
       {"Emeka", "Chinedu", "Oluwaseun", "Tunde", "Ibrahim", "Musa", "Kwame", "Kofi", "Samuel",
        "Daniel", "Godwin", "Uche", "Yaw", "Abdi", "Tesfaye", "Joseph"},
       {"Okon",  "Eze",   "Adeb", "Okafor", "Ogun", "Balog", "Ade",   "Nwos", "Mensah", "Osei",
        "Owusu", "Bello", "Abub", "Oyel",   "Afol", "Ibe",   "Chukw", "Olad", "Haile",  "Kariuki"},
       {"kwe", "ayo", "u", "emi", "ola", "ah", "ike", "uma", "ele", "o", "ade", "wu"}},
      {"uk",
       {"Olena", "Oksana", "Iryna", "Natalia", "Tetiana", "Yulia", "Kateryna", "Svitlana",
        "Anastasia", "Viktoriia", "Mariia", "Halyna", "Liudmyla", "Daria", "Alina", "Sofiia"},
       {"Oleksandr", "Andrii", "Serhii", "Volodymyr", "Dmytro", "Mykola", "Ivan", "Yurii", "Vasyl",
        "Petro", "Bohdan", "Taras", "Roman", "Maksym", "Vitalii", "Oleh"},
       {"Shevchen",   "Kovalen", "Bondaren", "Tkachen", "Kravchen", "Oliin",  "Shevchuk",
        "Polishchuk", "Lysen",   "Moroz",    "Marchen", "Savchen",  "Rudenk", "Petren",
        "Klymen",     "Pavlen",  "Levchen",  "Kuzmen",  "Melnyk",   "Boiko"},
       {"ko", "ko", "yk", "uk", "enko", "ych", "iak", "a"}},
      {"zh",
       {"Li Na", "Wang Fang", "Zhang Min", "Liu Yan", "Chen Jing", "Yang Li", "Huang Xiu",
        "Zhao Hong", "Wu Mei", "Zhou Lan", "Xu Ying", "Sun Qian", "Ma Lin", "Zhu Hui"},
       {"Wei", "Jun", "Lei", "Qiang", "Gang", "Jie", "Tao", "Ming", "Hao", "Bo", "Yong", "Chao",
        "Peng", "Hui"},
       {"Wang", "Li",  "Zhang", "Liu", "Chen", "Yang", "Huang", "Zhao", "Wu",  "Zhou",
        "Xu",   "Sun", "Ma",    "Zhu", "Hu",   "Guo",  "He",    "Gao",  "Lin", "Luo"},
       {""}},
      {"vi",
       {"Thị Lan", "Thị Hương", "Thị Mai", "Thị Hoa", "Thu Trang", "Ngọc Anh", "Thị Hà", "Minh Thư",
        "Thị Nga", "Thanh Hằng", "Thị Linh", "Phương Thảo"},
       {"Văn Nam", "Văn Hùng", "Minh Tuấn", "Quốc Bảo", "Đức Anh", "Văn Long", "Thanh Tùng",
        "Văn Dũng", "Hoàng Minh", "Văn Thắng", "Quang Huy", "Văn Hải"},
       {"Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ",
        "Hồ", "Ngô", "Dương", "Lý"},
       {""}},
      {"sq",
       {"Arta", "Blerta", "Dorina", "Elira", "Fatjona", "Gentiana", "Klea", "Mirela", "Rovena",
        "Valbona", "Ardita", "Besa"},
       {"Arben", "Besnik", "Dritan", "Elton", "Fatmir", "Gezim", "Ilir", "Klodian", "Luan",
        "Mentor", "Artan", "Erion"},
       {"Hox", "Shehu", "Leka", "Kola", "Gjon", "Dervish", "Brahim", "Marku", "Prend", "Cela",
        "Doda", "Hysa", "Krasniq", "Berisha", "Gashi", "Morina"},
       {"a", "aj", "i", "ri", "ollari", "ku"}},
      {"en",
       {"Maria", "Fatima", "Amina", "Sara", "Rosa", "Ana", "Leila", "Mariam", "Nadia", "Priya",
        "Grace", "Angelica", "Sunita", "Zainab", "Lucia", "Noor"},
       {"Ahmed", "Mohammed", "Ali", "Juan", "Carlos", "Raj", "Omar", "Hassan", "Jose", "Karim",
        "Arjun", "Mehmet", "Yusuf", "Rafael", "Samir", "Ravi"},
       {"Khan",   "Hussain", "Rodrigu", "Santos",   "Singh",  "Kumar", "Ahmad",
        "Hassan", "Yilmaz",  "Silva",   "Ferreira", "Reyes",  "Cruz",  "Mendoz",
        "Rahman", "Haddad",  "Bakr",    "Demir",    "Perera", "Garci"},
       {"", "ez", "a", "i", "o", "ov", "an", "el"}},
  };
  return pools;
}

const NamePool& pool_for(std::string_view citizenship) {
  const auto& pools = name_pools();
  if (citizenship == kHomeCountry || citizenship == "DE") return pools[0];
  if (citizenship == "RO" || citizenship == "MD") return pools[1];
  if (citizenship == "HU") return pools[2];
  if (citizenship == "BG") return pools[3];
  if (citizenship == "NG" || citizenship == "GH" || citizenship == "CM" || citizenship == "KE" ||
      citizenship == "ER" || citizenship == "SO") {
    return pools[4];
  }
  if (citizenship == "UA") return pools[5];
  if (citizenship == "CN") return pools[6];
  if (citizenship == "VN") return pools[7];
  if (citizenship == "AL") return pools[8];
  return pools[9];
}

struct Core {
  Category category;
  std::string_view primary_type;
};

struct Person {
  std::string given_name;
  std::string family_name;
  std::string date_of_birth;  // "" when unknown
  std::string sex;
  std::string citizenship;
  std::string language;
};

Core core_of(std::uint64_t seed, std::uint64_t index) {
  Random random(mix(seed, index * 3));
  const double draw = random.unit();
  const Category category = draw < 0.25   ? Category::child
                            : draw < 0.80 ? Category::adult_consenting
                                          : Category::adult_anonymous;
  std::string_view type = pick(random, kPrimaryTypes);
  if (type == "child_labour" && category != Category::child) type = "forced_labour";
  return {category, type};
}

int age_for(Category category, Random& random) {
  if (category == Category::child) {
    const double draw = random.unit();
    if (draw < 0.60) return 13 + static_cast<int>(random.below(5));  // 13-17
    if (draw < 0.85) return 8 + static_cast<int>(random.below(5));   // 8-12
    return static_cast<int>(random.below(8));                        // 0-7
  }
  const double draw = random.unit();
  if (draw < 0.30) return 18 + static_cast<int>(random.below(7));   // 18-24
  if (draw < 0.68) return 25 + static_cast<int>(random.below(10));  // 25-34
  if (draw < 0.88) return 35 + static_cast<int>(random.below(10));  // 35-44
  return 45 + static_cast<int>(random.below(20));                   // 45-64
}

std::string sex_for(std::string_view type, Random& random) {
  const double draw = random.unit();
  if (draw < 0.02) return "not_specified";
  if (draw < 0.025) {
    constexpr std::array<std::string_view, 3> kOther = {"transgender_feminine",
                                                        "transgender_masculine", "non_conforming"};
    return std::string(kOther[random.below(kOther.size())]);
  }
  double feminine = 0.5;
  if (type == "sexual_exploitation" || type == "forced_marriage" || type == "surrogacy") {
    feminine = 0.9;
  } else if (type == "forced_labour" || type == "forced_criminality" || type == "forced_military") {
    feminine = 0.3;
  }
  return random.chance(feminine) ? "feminine" : "masculine";
}

std::string family_name(const NamePool& pool, Random& random) {
  std::string name(pool.stems[random.below(pool.stems.size())]);
  name += pool.endings[random.below(pool.endings.size())];
  return name;
}

// The person first referred in row `index` (also the person its later duplicates name).
Person person_of(std::uint64_t seed, std::uint64_t index, const Core& core, Date referred_on) {
  Random random(mix(seed, index * 3 + 1));
  Person person;
  person.citizenship = std::string(pick(random, kCitizenships));
  const auto& pool = pool_for(person.citizenship);
  person.language = std::string(pool.language);
  person.sex = sex_for(core.primary_type, random);
  const bool feminine = person.sex == "feminine" || person.sex == "transgender_feminine" ? true
                        : person.sex == "masculine" || person.sex == "transgender_masculine"
                            ? false
                            : random.chance(0.5);
  const auto& given = feminine ? pool.feminine : pool.masculine;
  person.given_name = std::string(given[random.below(given.size())]);
  person.family_name = family_name(pool, random);
  const int age = age_for(core.category, random);
  // Born `age` years and up to a year before the referral.
  const auto birthday =
      std::chrono::sys_days{referred_on} -
      std::chrono::days{age * 365 + age / 4 + 1 + static_cast<int>(random.below(364))};
  if (!random.chance(0.04)) person.date_of_birth = domain::nrm::format_iso_date(Date{birthday});
  return person;
}

int years_between(Date birth, Date on) {
  int years = static_cast<int>(on.year()) - static_cast<int>(birth.year());
  if (std::chrono::month_day{on.month(), on.day()} <
      std::chrono::month_day{birth.month(), birth.day()}) {
    --years;
  }
  return years;
}

struct Chance {
  std::string_view id;
  double p;
};

std::vector<Chance> indicator_profile(std::string_view type) {
  if (type == "sexual_exploitation" || type == "forced_marriage" || type == "surrogacy") {
    return {{"sexual_violence", 0.55},
            {"restricted_movement", 0.5},
            {"no_control_of_earnings", 0.45},
            {"threats", 0.45},
            {"deceptive_recruitment", 0.4},
            {"physical_violence", 0.35},
            {"withheld_documents", 0.3},
            {"recruitment_fees_debt", 0.3},
            {"isolation", 0.3},
            {"fear_of_authorities", 0.25},
            {"forced_substance_use", 0.15},
            {"scripted_story", 0.1}};
  }
  if (type == "forced_labour" || type == "servitude" || type == "child_labour") {
    return {{"excessive_hours", 0.6},
            {"no_or_little_pay", 0.6},
            {"deceptive_recruitment", 0.5},
            {"withheld_documents", 0.45},
            {"degrading_living_conditions", 0.45},
            {"recruitment_fees_debt", 0.4},
            {"debt_bondage", 0.3},
            {"threats_authorities", 0.25},
            {"restricted_movement", 0.25},
            {"isolation", 0.2},
            {"physical_violence", 0.15},
            {"denied_medical_care", 0.1}};
  }
  if (type == "forced_criminality" || type == "forced_begging") {
    return {{"forced_illicit_activities", 0.8},
            {"threats", 0.4},
            {"no_control_of_earnings", 0.35},
            {"physical_violence", 0.3},
            {"debt_bondage", 0.3},
            {"restricted_movement", 0.2},
            {"fear_of_authorities", 0.2},
            {"forced_substance_use", 0.1}};
  }
  return {{"threats", 0.35},      {"deceptive_recruitment", 0.3}, {"restricted_movement", 0.3},
          {"isolation", 0.3},     {"physical_violence", 0.2},     {"withheld_documents", 0.2},
          {"scripted_story", 0.1}};
}

std::vector<std::string> draw_list(const std::vector<Chance>& chances, Random& random,
                                   std::size_t min_items, std::size_t max_items) {
  std::vector<std::string> items;
  for (const auto& c : chances) {
    if (random.chance(c.p)) items.emplace_back(c.id);
  }
  while (items.size() > max_items) items.erase(items.begin() + random.below(items.size()));
  if (items.size() < min_items && !chances.empty()) {
    const auto& first = chances.front().id;
    if (std::ranges::find(items, first) == items.end()) items.emplace_back(first);
  }
  return items;
}

constexpr std::array<std::string_view, 5> kExplainedBy = {"Officer on duty", "Outreach worker",
                                                          "Duty social worker", "Labour inspector",
                                                          "Interviewing officer"};

}  // namespace

std::uint64_t Random::next() {
  std::uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

std::uint64_t mix(std::uint64_t a, std::uint64_t b) {
  Random random(a ^ (b * 0xd1b54a32d192ed03ULL));
  random.next();
  return random.next();
}

CaseGenerator::CaseGenerator(std::uint64_t seed, std::uint64_t bulk_count, Date today,
                             int span_days)
    : seed_(seed), bulk_count_(bulk_count), today_(today), span_days_(span_days) {}

Date CaseGenerator::referred_on(std::uint64_t index) const {
  if (index >= bulk_count_) return today_;
  // Exact in 64 bits up to billions of rows.
  const auto day =
      static_cast<long long>(index * static_cast<std::uint64_t>(span_days_) / bulk_count_);
  return Date{std::chrono::sys_days{today_} - std::chrono::days{span_days_} +
              std::chrono::days{day}};
}

std::int64_t CaseGenerator::second_of_day(std::uint64_t index) const {
  if (index >= bulk_count_) return 0;
  const auto scaled = index * static_cast<std::uint64_t>(span_days_) * 86400U / bulk_count_;
  return static_cast<std::int64_t>(scaled % 86400U);
}

GeneratedCase CaseGenerator::make(std::uint64_t index) const {
  const Date on = referred_on(index);
  Core core = core_of(seed_, index);
  Random random(mix(seed_, index * 3 + 2));
  Person person = person_of(seed_, index, core, on);
  bool is_child = core.category == Category::child;
  bool identified = core.category != Category::adult_anonymous;

  // A person referred before, referred again (3 % of all referrals).
  if (index > 0 && random.chance(0.03)) {
    for (int attempt = 0; attempt < 5; ++attempt) {
      const std::uint64_t back = 1 + random.below(std::min<std::uint64_t>(index, 200000));
      const std::uint64_t earlier = index - back;
      const Core earlier_core = core_of(seed_, earlier);
      if (earlier_core.category == Category::adult_anonymous) continue;
      person = person_of(seed_, earlier, earlier_core, referred_on(earlier));
      if (random.chance(0.3)) {
        for (auto& c : person.family_name)
          c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      }
      identified = true;
      is_child = !person.date_of_birth.empty() &&
                 years_between(*domain::nrm::parse_iso_date(person.date_of_birth), on) < 18;
      break;
    }
  }

  GeneratedCase generated;
  generated.referred_on = on;
  auto& input = generated.input;
  input.is_child = is_child;
  input.person.sex = person.sex;
  if (!person.citizenship.empty()) input.person.citizenship = person.citizenship;
  if (identified) {
    input.person.given_name = person.given_name;
    input.person.family_name = person.family_name;
    if (!person.date_of_birth.empty()) input.person.date_of_birth = person.date_of_birth;
  }
  if (!is_child) {
    input.consent.given = identified;
    if (identified) {
      input.consent.explained_by = std::string(kExplainedBy[random.below(kExplainedBy.size())]);
      input.consent.language =
          person.citizenship == kHomeCountry || random.chance(0.2) ? "de" : person.language;
    }
  }

  input.exploitation_types.emplace_back(core.primary_type);
  if (random.chance(0.125)) {
    std::string_view second = pick(random, kPrimaryTypes);
    if (second == "child_labour" && !is_child) second = "forced_labour";
    if (second != core.primary_type) input.exploitation_types.emplace_back(second);
  }
  input.country_of_exploitation = std::string(pick(random, kCountriesOfExploitation));

  auto indicators = indicator_profile(core.primary_type);
  if (is_child) indicators.push_back({"unaccompanied_child", 0.35});
  input.indicators = draw_list(indicators, random, 1, 7);

  std::vector<Chance> needs = {{"shelter", 0.6}, {"psychological", 0.5},
                               {"medical", 0.4}, {"legal_advice", 0.35},
                               {"safety", 0.3},  {"food_clothing", 0.25}};
  if (person.citizenship != kHomeCountry) needs.push_back({"interpreter", 0.6});
  if (is_child) needs.insert(needs.begin(), Chance{"child_protection", 0.9});
  input.needs = draw_list(needs, random, 1, 4);
  return generated;
}

nlohmann::json referral_json(const ReferralInput& input) {
  nlohmann::json person = nlohmann::json::object();
  auto put = [&](const char* key, const std::optional<std::string>& value) {
    if (value) person[key] = *value;
  };
  put("given_name", input.person.given_name);
  put("family_name", input.person.family_name);
  put("date_of_birth", input.person.date_of_birth);
  put("sex", input.person.sex);
  put("citizenship", input.person.citizenship);
  nlohmann::json body = {{"person", std::move(person)},
                         {"is_child", input.is_child},
                         {"exploitation_types", input.exploitation_types},
                         {"indicators", input.indicators},
                         {"needs", input.needs}};
  if (!input.is_child) {
    body["consent"] = input.consent.given
                          ? nlohmann::json{{"given", true},
                                           {"explained_by", input.consent.explained_by},
                                           {"language", input.consent.language}}
                          : nlohmann::json{{"given", false}};
  }
  if (!input.country_of_exploitation.empty()) {
    body["country_of_exploitation"] = input.country_of_exploitation;
  }
  return body;
}

}  // namespace lifeline::bench
