// The commitments compendium: OSCE documents, their operative provisions, the Compendium's
// keywords and literature, and the links between them. Plain values, built by the parsers in
// this directory from the texts in data/corpus and stored by storage/repositories.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace lifeline::domain::corpus {

// What a document is to Lifeline. Commitments are what participating States agreed; sources
// are the earlier commitments the Action Plan's annex quotes; recommendations are advice (the
// 2006 report), not commitments.
namespace document_kind {
inline constexpr const char* commitment = "commitment";
inline constexpr const char* source = "source";
inline constexpr const char* recommendations = "recommendations";
}  // namespace document_kind

// The 4P framework plus the follow-up chapter; `general` is for purpose and definition
// paragraphs that belong to no pillar.
namespace pillar {
inline constexpr const char* prosecution = "prosecution";
inline constexpr const char* prevention = "prevention";
inline constexpr const char* protection = "protection";
inline constexpr const char* partnerships = "partnerships";
inline constexpr const char* follow_up = "follow_up";
inline constexpr const char* general = "general";
}  // namespace pillar

// Who a provision asks to act.
namespace level {
inline constexpr const char* national = "national";
inline constexpr const char* osce = "osce";          // OSCE institutions, bodies, field operations
inline constexpr const char* partners = "partners";  // Partners for Co-operation
}  // namespace level

struct InterpretativeStatement {
  std::string made_by;  // e.g. "the Russian Federation", "the United States of America"
  std::string text;
};

struct Document {
  std::string id;         // "AP", "ADD", "MC6/17", "MC7/17", "MC6/18", "R2006", "PORTO2002", ...
  std::string kind;       // document_kind
  std::string title;      // "OSCE Action Plan to Combat Trafficking in Human Beings"
  std::string symbol;     // "PC.DEC/557", "PC.DEC/1107", "MC.DEC/6/17"; empty when it has none
  std::string issued_by;  // "Permanent Council", "Ministerial Council", ...
  std::string adopted;    // ISO 8601 date, or a year when only the year is known
  std::string preamble;   // cleaned text before the first operative paragraph, may be empty
  std::vector<InterpretativeStatement> statements;
  int sequence = 0;  // order in listings
};

// One operative paragraph (or recommendation, or quoted passage of a source document).
struct Provision {
  std::string id;        // stable: "AP.V.3.1", "ADD.III.O5", "MC6/17.4", ...
  std::string document;  // Document::id
  std::string chapter;   // roman numeral of the chapter, empty when the document has none
  // Headings from the chapter down to the paragraph's own heading, e.g. {"V. Protection and
  // assistance", "Recommended action at the national level", "3. National Referral
  // Mechanisms (NRM)"}.
  std::vector<std::string> heading_path;
  std::string number;                 // as printed: "3.1", "5", "O5" for Addendum OSCE paragraphs
  std::string text;                   // cleaned, without its dash items
  std::vector<std::string> items;     // dash items, in order, cleaned
  std::string pillar;                 // pillar::*
  std::string level;                  // level::*
  std::vector<std::string> actors;    // actor ids named: "ODIHR", "OCEEA", "SPMU", ...
  std::vector<std::string> keywords;  // keyword names the 2019 Compendium gives it
  // Keyword names Lifeline's keyword rules found in its text (not already in `keywords`).
  std::vector<std::string> inferred_keywords;
  int sequence = 0;  // order within its document
};

// A reference from a provision to another provision or to a whole document.
struct Link {
  std::string from;          // Provision::id
  std::string to_provision;  // Provision::id, or empty when the link is to a document
  std::string to_document;   // Document::id of the target
  std::string quote;         // the words that make the reference, as in the text
};

// A thematic keyword of the Compendium ("children", "technology", "supply chains", ...).
struct Keyword {
  std::string name;  // lower case, as the Compendium prints it after "On "
};

// A literature entry of the Compendium's "Resources by keyword", deduplicated.
struct Resource {
  std::string id;         // stable, derived from the URL (or the title when there is none)
  std::string publisher;  // "OSCE OSR/CTHB", "OSCE/ODIHR", "UNDP, UNICEF, UNOHCHR, OSCE/ODIHR"
  std::string title;
  std::string year;                    // "2018", or "End 2019" as printed
  std::string url;                     // empty when forthcoming
  std::vector<std::string> languages;  // ISO-like codes as printed: "ENG", "RUS", "BOS", ...
};

// One place where the Compendium lists a resource: under a keyword, for a provision.
struct Citation {
  std::string resource;   // Resource::id
  std::string keyword;    // Keyword::name
  std::string provision;  // Provision::id
  std::string pages;      // "p. 19-22", empty when the whole work is cited
};

struct Corpus {
  std::vector<Document> documents;
  std::vector<Provision> provisions;
  std::vector<Link> links;
  std::vector<Keyword> keywords;
  std::vector<Resource> resources;
  std::vector<Citation> citations;
};

// A line of a source text that a parser could not place, for import reports.
struct UnplacedLine {
  int line = 0;  // 1-based
  std::string text;
};

// What a parser makes of one source text: the records it built and the lines it could not
// place (a parser fails outright only when it cannot recognise the text at all).
struct ParseResult {
  Corpus corpus;
  std::vector<UnplacedLine> unplaced;
};

}  // namespace lifeline::domain::corpus
