# Writes a C++ source holding every sql/NNNN_name.sql file, so migrations ship inside the binary.
# Usage: cmake -DSQL_DIR=... -DOUTPUT=... -P embed_migrations.cmake
file(GLOB files "${SQL_DIR}/*.sql")
list(SORT files)
set(body "")
foreach(file IN LISTS files)
  get_filename_component(name "${file}" NAME)
  file(READ "${file}" text)
  string(APPEND body "      {\"${name}\", R\"hs_sql_(${text})hs_sql_\"},\n")
endforeach()
set(content "// Generated from sql/ by cmake/embed_migrations.cmake; do not edit.
#include \"common/db/migrations.hpp\"

namespace hindsight::common::db {

const std::vector<Migration>& embedded_migrations() {
  static const std::vector<Migration> migrations = [] {
    const std::pair<const char*, const char*> files[] = {
${body}    };
    std::vector<Migration> out;
    for (const auto& [file_name, sql] : files) {
      auto [version, name] = parse_migration_file_name(file_name);
      out.push_back({version, name, sql});
    }
    return ordered_migrations(std::move(out));
  }();
  return migrations;
}

}  // namespace hindsight::common::db
")
file(WRITE "${OUTPUT}.tmp" "${content}")
file(COPY_FILE "${OUTPUT}.tmp" "${OUTPUT}" ONLY_IF_DIFFERENT)
