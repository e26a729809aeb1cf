#include "domain/corpus/enrich.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <regex>
#include <utility>

namespace lifeline::domain::corpus {
namespace {

// An actor and the names the OSCE texts use for it. Names of more than one word are matched
// case-insensitively; acronyms are matched as written.
struct ActorRule {
  const char* id;
  std::vector<const char*> names;
};

const std::vector<ActorRule>& actor_rules() {
  static const std::vector<ActorRule> rules = {
      {"ODIHR", {"ODIHR", "Office for Democratic Institutions and Human Rights"}},
      {"OCEEA",
       {"OCEEA", "Co-ordinator of Economic and Environmental Activities",
        "Co-ordinator of OSCE Economic and Environmental Activities"}},
      {"SPMU", {"SPMU", "Strategic Police Matters Unit"}},
      {"OSR/CTHB",
       {"OSR/CTHB", "Special Representative and Co-ordinator for Combating Trafficking",
        "Special Representative"}},
      {"TNTD", {"TNTD", "Transnational Threats Department"}},
      {"ATU", {"Anti-Terrorism Unit"}},
      {"HCNM", {"HCNM", "High Commissioner on National Minorities"}},
      {"Field operations", {"field operations", "field operation", "field presences"}},
      {"OSCE executive structures", {"executive structures"}},
      {"OSCE Secretariat", {"OSCE Secretariat"}},
      {"Secretary General", {"Secretary General"}},
      {"Chairmanship", {"Chairmanship"}},
      {"Permanent Council", {"Permanent Council"}},
      {"Parliamentary Assembly", {"Parliamentary Assembly"}},
      {"Office of Internal Oversight", {"Office of Internal Oversight"}},
      {"Press and Public Information Section", {"Press and Public Information Section"}},
      {"Training Co-ordinator", {"Training Co-ordinator"}},
      {"Senior Adviser on Gender Issues", {"Senior Adviser on Gender Issues"}},
      {"Partners for Co-operation", {"Partners for Co-operation"}},
      {"National Rapporteurs", {"National Rapporteur"}},
      {"National co-ordinators", {"national co-ordinator", "national coordinator"}},
      {"Civil society", {"civil society", "NGOs", "NGO", "non-governmental organization"}},
      {"Private sector", {"private sector", "business community"}},
      {"UNODC", {"UNODC", "United Nations Office on Drugs and Crime"}},
      {"UNICEF", {"UNICEF", "United Nations Children's Fund", "United Nations Children’s Fund"}},
      {"UNHCR", {"UNHCR", "High Commissioner for Refugees"}},
      {"OHCHR", {"OHCHR", "High Commissioner for Human Rights"}},
      {"UNDP", {"UNDP", "United Nations Development Programme"}},
      {"ILO", {"ILO", "International Labour Organization"}},
      {"IOM", {"IOM", "International Organization for Migration"}},
      {"ICMPD", {"ICMPD", "International Centre for Migration Policy Development"}},
      {"Council of Europe", {"Council of Europe"}},
      {"European Union", {"European Union"}},
      {"Interpol", {"Interpol"}},
      {"Europol", {"Europol"}},
  };
  return rules;
}

// A Compendium keyword and word beginnings that show a provision is about it.
struct KeywordRule {
  const char* keyword;
  std::vector<const char*> stems;
};

const std::vector<KeywordRule>& keyword_rules() {
  static const std::vector<KeywordRule> rules = {
      {"children", {"child", "minor", "girls", "boys", "juvenile", "orphan"}},
      {"unaccompanied children", {"unaccompanied", "separated children"}},
      {"best interest of the child", {"best interest"}},
      {"prevention", {"prevent"}},
      {"co-operation and partnerships", {"co-operat", "cooperat", "partnership"}},
      {"policy development", {"national action plan", "plans of action", "national strateg"}},
      {"sexual exploitation", {"sexual", "prostitution", "sex industry"}},
      {"private sector", {"private sector", "business", "compan", "employer"}},
      {"technology", {"technolog", "internet", "online", "ict"}},
      {"gender", {"gender", "women"}},
      {"capacity-building and training", {"training", "capacity-building", "capacity building"}},
      {"identification", {"identif"}},
      {"awareness-raising", {"awareness"}},
      {"victim support", {"victim support", "support to victims", "support victims"}},
      {"trauma-informed approach", {"trauma"}},
      {"supply chains", {"supply chain"}},
      {"protection and assistance",
       {"protection and assistance", "assistance and protection", "assistance to victims"}},
      {"prosecution", {"prosecut"}},
      {"law enforcement", {"law enforcement", "police", "policing"}},
      {"data and research", {"data", "research", "statistic"}},
      {"victim-centred approach",
       {"victim-centred", "human rights-based", "human rights approach"}},
      {"migration", {"migra"}},
      {"judiciary", {"judge", "judiciary", "court"}},
      {"first line responders", {"first responder", "first line", "front-line", "first contact"}},
      {"civil society", {"civil society", "ngo", "non-governmental"}},
      {"vulnerability", {"vulnerab"}},
      {"tourism and travel", {"touris", "travel industry", "travel sector"}},
      {"reintegration and/or repatriation", {"reintegrat", "repatriat"}},
      {"recruitment", {"recruit"}},
      {"media", {"media"}},
      {"legal assistance", {"legal assistance", "legal counselling", "legal aid"}},
      {"labour exploitation", {"labour exploitation", "forced labour", "labour market"}},
      {"health care", {"health", "medical"}},
      {"demand", {"demand"}},
      {"border", {"border"}},
      {"National Referral Mechanism", {"referral mechanism", "nrm"}},
      {"social workers", {"social worker", "social services"}},
      {"penalties", {"penalt", "sanction"}},
      {"non-punishment", {"non-punishment", "not subject to criminal proceedings"}},
      {"non-discrimination", {"discriminat"}},
      {"national rapporteur", {"rapporteur"}},
      {"laws and policies", {"legislat", "laws"}},
      {"labour inspectors", {"labour inspect"}},
      {"financial investigation",
       {"financial investigation", "money-laundering", "money laundering", "confiscat"}},
      {"domestic servitude", {"domestic servitude", "domestic work"}},
      {"diplomatic missions", {"diplomatic", "consular", "embass"}},
  };
  return rules;
}

bool is_word_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0;
}

std::string lower(std::string_view text) {
  std::string out(text);
  std::ranges::transform(out, out.begin(),
                         [](char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

bool is_acronym(std::string_view name) {
  return std::ranges::none_of(name, [](char c) { return std::islower(c) != 0; });
}

// Whether `needle` occurs in `haystack` starting at a word boundary; with `whole_word` it
// must end at one too.
bool occurs(std::string_view haystack, std::string_view needle, bool whole_word) {
  for (auto at = haystack.find(needle); at != std::string_view::npos;
       at = haystack.find(needle, at + 1)) {
    bool starts = at == 0 || !is_word_char(haystack[at - 1]);
    auto end = at + needle.size();
    bool ends = end == haystack.size() || !is_word_char(haystack[end]);
    if (starts && (!whole_word || ends)) return true;
  }
  return false;
}

bool names(std::string_view text, std::string_view lowered, std::string_view name) {
  if (is_acronym(name)) return occurs(text, name, true);
  return occurs(lowered, lower(name), false);
}

std::string whole_text(const Provision& provision) {
  std::string text = provision.text;
  for (const auto& item : provision.items) text += " " + item;
  return text;
}

void add_link(std::vector<Link>& links, Link link) {
  auto same = [&](const Link& l) {
    return l.from == link.from && l.to_provision == link.to_provision &&
           l.to_document == link.to_document;
  };
  if (std::ranges::none_of(links, same)) links.push_back(std::move(link));
}

// "Chapter III, paragraph 5.1 of the Action Plan" and "paragraph 5.1 of Chapter III of the
// Action Plan": links to that Action Plan provision.
void action_plan_paragraphs(const std::string& text, const Provision& from,
                            const std::set<std::string>& provisions, std::vector<Link>& links) {
  static const std::regex chapter_first(
      R"(Chapter ([IVX]+),? paragraphs? (\d+(?:\.\d+)?)(?: and (\d+(?:\.\d+)?))? of the (?:OSCE )?Action Plan)");
  static const std::regex paragraph_first(
      R"(paragraphs? (\d+(?:\.\d+)?) of Chapter ([IVX]+) of the (?:OSCE )?Action Plan)");
  auto add = [&](const std::string& chapter, const std::string& number, const std::string& quote) {
    auto id = "AP." + chapter + "." + number;
    if (id != from.id && provisions.contains(id)) add_link(links, {from.id, id, "AP", quote});
  };
  for (std::sregex_iterator it(text.begin(), text.end(), chapter_first), end; it != end; ++it) {
    add((*it)[1], (*it)[2], it->str());
    if ((*it)[3].matched) add((*it)[1], (*it)[3], it->str());
  }
  for (std::sregex_iterator it(text.begin(), text.end(), paragraph_first), end; it != end; ++it) {
    add((*it)[2], (*it)[1], it->str());
  }
}

// "Chapter III, paragraph 2.1" without "of the Action Plan": a paragraph of the same document.
void own_paragraphs(const std::string& text, const Provision& from,
                    const std::set<std::string>& provisions, std::vector<Link>& links) {
  static const std::regex own(
      R"(Chapter ([IVX]+),? paragraphs? (\d+(?:\.\d+)?)(?! of the (?:OSCE )?Action Plan))");
  for (std::sregex_iterator it(text.begin(), text.end(), own), end; it != end; ++it) {
    auto id = from.document + "." + (*it)[1].str() + "." + (*it)[2].str();
    if (id != from.id && provisions.contains(id)) {
      add_link(links, {from.id, id, from.document, it->str()});
    }
  }
}

// "Ministerial Council Decision No. 6/17", "MC Decision 7/17", "Decision No. 557" (the Action
// Plan) and "Decision No. 1107" (the Addendum): links to those documents.
void decisions(const std::string& text, const Provision& from,
               const std::set<std::string>& documents, std::vector<Link>& links) {
  static const std::regex decision(
      R"(Decision (?:No\.? ?)?(\d+)(?:/(\d+)| \((\d{4})\)| of (\d{4}))?)");
  // Earlier Ministerial Council decisions cited by number and year, as the Action Plan's
  // annex quotes them.
  static const std::map<std::string, std::string> kEarlierDecisions = {{"6 2001", "BUCHAREST2001"},
                                                                       {"1 2000", "VIENNA2000"}};
  for (std::sregex_iterator it(text.begin(), text.end(), decision), end; it != end; ++it) {
    std::string id;
    const auto year = (*it)[3].matched ? (*it)[3].str() : (*it)[4].str();
    if ((*it)[2].matched) {
      id = "MC" + (*it)[1].str() + "/" + (*it)[2].str();
    } else if (auto earlier = kEarlierDecisions.find((*it)[1].str() + " " + year);
               !year.empty() && earlier != kEarlierDecisions.end()) {
      id = earlier->second;
    } else if ((*it)[1] == "557") {
      id = "AP";
    } else if ((*it)[1] == "1107") {
      id = "ADD";
    }
    if (!id.empty() && id != from.document && documents.contains(id)) {
      add_link(links, {from.id, "", id, it->str()});
    }
  }
}

// "the Action Plan", "OSCE Action Plan" and "its Addenda"/"the Addendum": links to the
// documents, unless the provision already links to one of their provisions.
void plan_and_addenda(const std::string& text, const Provision& from,
                      const std::set<std::string>& documents, std::vector<Link>& links) {
  static const std::regex plan(
      R"((?:the|OSCE) Action Plan(?! for Gender)(?: to Combat Trafficking in Human Beings)?)");
  static const std::regex addenda(R"((?:its|the|2013) Addend(?:a|ums?))");
  auto link_document = [&](const std::regex& pattern, const std::string& id) {
    std::smatch match;
    if (id == from.document || !documents.contains(id) || !std::regex_search(text, match, pattern))
      return;
    bool has_provision_link =
        std::ranges::any_of(links, [&](const Link& l) { return l.to_document == id; });
    if (!has_provision_link) add_link(links, {from.id, "", id, match.str()});
  };
  link_document(plan, "AP");
  link_document(addenda, "ADD");
}

std::set<std::string> ids_of(const Corpus& corpus, const Corpus& known, bool documents) {
  std::set<std::string> ids;
  for (const auto* c : {&corpus, &known}) {
    if (documents) {
      for (const auto& d : c->documents) ids.insert(d.id);
    } else {
      for (const auto& p : c->provisions) ids.insert(p.id);
    }
  }
  return ids;
}

}  // namespace

std::vector<std::string> actors_named(std::string_view text) {
  auto lowered = lower(text);
  std::vector<std::string> actors;
  for (const auto& rule : actor_rules()) {
    if (std::ranges::any_of(rule.names, [&](const char* n) { return names(text, lowered, n); })) {
      actors.emplace_back(rule.id);
    }
  }
  std::ranges::sort(actors);
  return actors;
}

std::vector<std::string> known_actors() {
  std::vector<std::string> actors;
  for (const auto& rule : actor_rules()) actors.emplace_back(rule.id);
  std::ranges::sort(actors);
  return actors;
}

std::vector<std::string> keywords_found(std::string_view text) {
  auto lowered = lower(text);
  std::vector<std::string> keywords;
  for (const auto& rule : keyword_rules()) {
    auto matches = [&](const char* stem) {
      // Short stems ("ict", "nrm") are whole words; longer ones are word beginnings.
      return occurs(lowered, stem, std::string_view(stem).size() <= 3);
    };
    if (std::ranges::any_of(rule.stems, matches)) keywords.emplace_back(rule.keyword);
  }
  std::ranges::sort(keywords);
  return keywords;
}

std::vector<Link> references_in(const Provision& provision, const std::set<std::string>& provisions,
                                const std::set<std::string>& documents) {
  auto text = whole_text(provision);
  std::vector<Link> links;
  action_plan_paragraphs(text, provision, provisions, links);
  own_paragraphs(text, provision, provisions, links);
  decisions(text, provision, documents, links);
  plan_and_addenda(text, provision, documents, links);
  return links;
}

void enrich(Corpus& corpus, const Corpus& known) {
  const auto provision_ids = ids_of(corpus, known, false);
  const auto document_ids = ids_of(corpus, known, true);
  // Keyword names by their lower-case form, so a rule's keyword takes the Compendium's spelling.
  std::map<std::string, std::string> keyword_names;
  for (const Corpus* c : {&known, static_cast<const Corpus*>(&corpus)}) {
    for (const auto& keyword : c->keywords)
      keyword_names.emplace(lower(keyword.name), keyword.name);
  }
  for (auto& provision : corpus.provisions) {
    auto text = whole_text(provision);
    auto actors = actors_named(text);
    for (auto& actor : actors) {
      if (std::ranges::find(provision.actors, actor) == provision.actors.end()) {
        provision.actors.push_back(std::move(actor));
      }
    }
    for (auto rule_keyword : keywords_found(text)) {
      auto [spelling, added] = keyword_names.emplace(lower(rule_keyword), rule_keyword);
      auto keyword = spelling->second;
      if (added) corpus.keywords.push_back({keyword});
      bool from_compendium =
          std::ranges::find(provision.keywords, keyword) != provision.keywords.end();
      bool already = std::ranges::find(provision.inferred_keywords, keyword) !=
                     provision.inferred_keywords.end();
      if (from_compendium || already) continue;
      provision.inferred_keywords.push_back(std::move(keyword));
    }
    for (auto& link : references_in(provision, provision_ids, document_ids)) {
      add_link(corpus.links, std::move(link));
    }
  }
}

}  // namespace lifeline::domain::corpus
