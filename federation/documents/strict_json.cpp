#include "federation/documents/strict_json.hpp"

#include <unordered_set>
#include <vector>

#include "common/util/utf8_sequence.hpp"

namespace hindsight::federation {
using nlohmann::json;

namespace {

// At most `limit` bytes of `text`, cut between UTF-8 sequences.
std::string short_prefix(const std::string& text, std::size_t limit = 64) {
  if (text.size() <= limit) return text;
  return std::string(common::utf8_prefix(text, limit)) + "...";
}

}  // namespace

json parse_strict_json(std::string_view bytes, std::size_t max_bytes) {
  using Event = json::parse_event_t;
  if (bytes.size() > max_bytes)
    throw StrictJsonError(StrictJsonError::Reason::kTooLarge,
                          "the JSON is over " + std::to_string(max_bytes) + " bytes");
  // The member names seen so far in each object being read, innermost last.
  std::vector<std::unordered_set<std::string>> open;
  // Called by the parser as it goes, with the depth of the value the event belongs to.
  json::parser_callback_t check = [&](int depth, Event event, json& parsed) {
    switch (event) {
      case Event::object_start:
      case Event::array_start:
        if (depth >= kMaxStrictJsonDepth)
          throw StrictJsonError(
              StrictJsonError::Reason::kTooDeep,
              "the JSON nests more than " + std::to_string(kMaxStrictJsonDepth) + " levels");
        if (event == Event::object_start) open.emplace_back();
        break;
      case Event::key: {
        const auto& name = parsed.get_ref<const std::string&>();
        if (!open.back().insert(name).second)
          throw StrictJsonError(StrictJsonError::Reason::kDuplicateMember,
                                "an object has two members named \"" + short_prefix(name) + "\"");
        break;
      }
      case Event::object_end:
        open.pop_back();
        break;
      default:
        break;
    }
    return true;
  };
  try {
    return json::parse(bytes.begin(), bytes.end(), check);
  } catch (const json::parse_error& e) {
    // nlohmann's own message quotes the input, which may not even be UTF-8.
    throw StrictJsonError(StrictJsonError::Reason::kMalformed,
                          "not JSON: syntax error at byte " + std::to_string(e.byte));
  } catch (const json::exception&) {
    throw StrictJsonError(StrictJsonError::Reason::kMalformed, "not JSON: a number out of range");
  }
}

}  // namespace hindsight::federation
