// Asio is built with separate compilation: its non-template code is compiled once, here,
// instead of in every translation unit that includes it.
#include <boost/asio/impl/src.hpp>
#include <boost/asio/ssl/impl/src.hpp>
