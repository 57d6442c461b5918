#include "common/runtime/exception_text.hpp"

#include <boost/asio/error.hpp>
#include <boost/system/system_error.hpp>

namespace hindsight::common::runtime {

std::string exception_text(std::exception_ptr error) {
  try {
    std::rethrow_exception(error);
  } catch (const std::exception& e) {
    return e.what();
  } catch (...) {
    return "unknown error";
  }
}

bool is_cancellation(std::exception_ptr error) {
  try {
    std::rethrow_exception(error);
  } catch (const boost::system::system_error& e) {
    return e.code() == boost::asio::error::operation_aborted;
  } catch (...) {
    return false;
  }
}

}  // namespace hindsight::common::runtime
