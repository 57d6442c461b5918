// Text made safe inside HTML and XML (the public lesson page and the Atom feed): every character
// with a meaning in markup escaped, and what neither may carry replaced.
#pragma once

#include <string>
#include <string_view>

namespace hindsight::server {

// `text` as character data or an attribute value (in double or single quotes) of HTML and
// XML 1.0: & < > " ' become references; control characters other than tab, line feed and
// carriage return, U+FFFE and U+FFFF (not characters of XML 1.0), and bytes that are no UTF-8
// become U+FFFD.
std::string escape_markup(std::string_view text);

}  // namespace hindsight::server
