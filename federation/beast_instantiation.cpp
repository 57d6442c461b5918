// Beast is built with separate compilation: its non-template code is compiled once, here,
// instead of in every translation unit that includes it.
#include <boost/beast/src.hpp>
