// Hyperscan reports every offset where a match may end, so a pattern that ends in a long run
// (`[^\s]+`, `{12,}`) is reported once per byte of the run. The prefilter only needs the line
// where a match ends, so it is given a shorter form that ends on the same line.
#pragma once

#include <string>

namespace hindsight::common::anonymizer {

// `pattern` with its tail cut where the cut part cannot hold a line break: a trailing `X+`
// becomes `X`, `X{n,}` or `X{n,m}` becomes `X{n}`, and a trailing `X?`, `X*`, `X{0,m}` or `\b`
// goes; so does a trailing `X+`, `X{n}`, `X{n,}` or `X{n,m}` after three literal characters or
// more (`\bnpm_[A-Za-z0-9]{36}` becomes `\bnpm_`). Every match of `pattern` starts with a match
// of the result that ends on its last line.
std::string prefilter_form(std::string pattern);

}  // namespace hindsight::common::anonymizer
