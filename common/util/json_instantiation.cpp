#include "common/util/json_instantiation.hpp"

template class nlohmann::basic_json<>;
