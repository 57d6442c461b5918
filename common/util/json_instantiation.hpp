// nlohmann::json's member functions are compiled once, in json_instantiation.cpp, instead of in
// every file that uses them: the precompiled header of federation, server and the tests
// declares them here. Without it, copies of them were a third of the machine code the sanitized
// build compiled.
#pragma once

#include <nlohmann/json.hpp>

extern template class nlohmann::basic_json<>;
