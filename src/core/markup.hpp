// Text placed in HTML, SVG or XML: the one escaper every writer of markup uses.
#pragma once

#include <string>
#include <string_view>

namespace lifeline {

// `text` with & < > " ' written as references, so it is read as text in element content and in
// quoted attributes alike; a carriage return is kept as a reference (XML would turn it into a
// line feed), and control characters XML 1.0 forbids are dropped.
std::string escape_markup(std::string_view text);

}  // namespace lifeline
