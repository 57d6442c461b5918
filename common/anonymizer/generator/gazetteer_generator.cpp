// Build-time tool: reads the first and last names of Faker's locale files (Debian's ruby-faker)
// and writes a C++ source holding them, minus names that are also common lowercase words
// ("Will", "May", "Page") according to the system word list, with each list's word set table.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <set>
#include <string>
#include <vector>

#include "common/anonymizer/generator/byte_literal.hpp"
#include "common/anonymizer/word_set.hpp"

namespace {

namespace fs = std::filesystem;
namespace generator = hindsight::common::anonymizer::generator;
using hindsight::common::anonymizer::WordSet;

enum class NameKind { kNone, kFirst, kLast };

NameKind kind_of_key(const std::string& key) {
  if (key.find("middle") != std::string::npos) return NameKind::kNone;
  if (key.find("first_name") != std::string::npos) return NameKind::kFirst;
  if (key.find("last_name") != std::string::npos) return NameKind::kLast;
  return NameKind::kNone;
}

std::string trim(std::string s) {
  const char* space = " \t\r\"'";
  s.erase(0, s.find_first_not_of(space));
  auto end = s.find_last_not_of(space);
  s.erase(end == std::string::npos ? 0 : end + 1);
  return s;
}

bool usable(const std::string& name) {
  if (name.size() < 2 || name.size() > 40) return false;
  if (name.find("#{") != std::string::npos) return false;
  return name.find_first_of(" .,()[]{}:;/\\") == std::string::npos;
}

struct Names {
  std::set<std::string> first;
  std::set<std::string> last;
  void add(NameKind kind, const std::string& raw) {
    std::string name = trim(raw);
    if (!usable(name)) return;
    (kind == NameKind::kFirst ? first : last).insert(name);
  }
};

// Faker's files use two list spellings: `key: [A, B]` and a block of `- A` lines.
void read_locale(const fs::path& path, Names& names) {
  std::ifstream in(path);
  std::string line;
  NameKind block = NameKind::kNone;
  std::size_t block_indent = 0;
  while (std::getline(in, line)) {
    std::size_t indent = line.find_first_not_of(' ');
    if (indent == std::string::npos) continue;
    std::string body = line.substr(indent);
    if (block != NameKind::kNone && indent > block_indent && body.rfind("- ", 0) == 0) {
      names.add(block, body.substr(2));
      continue;
    }
    block = NameKind::kNone;
    auto colon = body.find(':');
    if (colon == std::string::npos) continue;
    NameKind kind = kind_of_key(body.substr(0, colon));
    if (kind == NameKind::kNone) continue;
    std::string rest = trim(body.substr(colon + 1));
    if (rest.empty()) {
      block = kind;
      block_indent = indent;
    } else if (rest.front() == '[') {
      std::string items = rest.substr(1, rest.rfind(']') - 1);
      std::size_t start = 0;
      while (start <= items.size()) {
        auto comma = items.find(',', start);
        if (comma == std::string::npos) comma = items.size();
        names.add(kind, items.substr(start, comma - start));
        start = comma + 1;
      }
    }
  }
}

// Lowercase entries are common words; capitalized ones are proper nouns English already uses
// for something (months, places, myths, products).
void read_words(const fs::path& path, std::set<std::string>& common,
                std::set<std::string>& proper) {
  std::ifstream in(path);
  std::string word;
  while (std::getline(in, word)) {
    if (word.empty() || word.find('\'') != std::string::npos) continue;
    if (std::islower(static_cast<unsigned char>(word[0])))
      common.insert(word);
    else if (std::isupper(static_cast<unsigned char>(word[0])))
      proper.insert(word);
  }
}

std::string lower_ascii(std::string s) {
  for (auto& c : s)
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// The list as a string, and the word set's table laid out over that same string.
void write_list(std::ofstream& out, const char* name, const std::set<std::string>& items) {
  std::string text;
  for (const auto& item : items)
    text += item + "\n";
  out << "std::string_view " << name << "() {\n  static const char text[] =\n";
  generator::write_byte_literal(out, text.data(), text.size());
  out << ";\n  return {text, sizeof(text) - 1};\n}\n\n";
  WordSet set(text);
  out << "std::string_view " << name << "_table() {\n  static const char table[] =\n";
  generator::write_byte_literal(out, set.table().data(), set.table().size());
  out << ";\n  return {table, sizeof(table) - 1};\n}\n\n";
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 4) {
    std::cerr << "usage: gazetteer_generator LOCALES_DIR WORDS_FILE OUTPUT.cpp\n";
    return 2;
  }
  Names names;
  std::vector<fs::path> files;
  for (const auto& entry : fs::recursive_directory_iterator(argv[1]))
    if (entry.path().extension() == ".yml") files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  for (const auto& file : files)
    read_locale(file, names);
  std::set<std::string> common, proper;
  read_words(argv[2], common, proper);
  if (files.empty() || common.empty()) {
    std::cerr << "gazetteer_generator: no locale files or no word list\n";
    return 1;
  }
  auto is_common = [&](const std::string& n) { return common.count(lower_ascii(n)) > 0; };
  std::erase_if(names.first, is_common);
  std::erase_if(names.last, is_common);
  std::ofstream out(argv[3]);
  out << "// Generated by gazetteer_generator from ruby-faker's locales; do not edit.\n"
      << "#include <string_view>\n\nnamespace hindsight::common::anonymizer::generated {\n\n";
  write_list(out, "first_names", names.first);
  write_list(out, "last_names", names.last);
  write_list(out, "common_words", common);
  write_list(out, "proper_words", proper);
  out << "}  // namespace hindsight::common::anonymizer::generated\n";
  std::cerr << "gazetteer: " << names.first.size() << " first names, " << names.last.size()
            << " last names, " << common.size() << " common words\n";
  return out ? 0 : 1;
}
