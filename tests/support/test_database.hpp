// A database of its own for one test, cloned from the fixture's migrated template and dropped
// afterwards, so tests stay independent and can run in parallel.
#pragma once

#include <string>

namespace hindsight::test {

class TestDatabase {
 public:
  // migrated=false gives an empty database (for migration tests).
  explicit TestDatabase(bool migrated = true);
  ~TestDatabase();
  TestDatabase(const TestDatabase&) = delete;
  TestDatabase& operator=(const TestDatabase&) = delete;

  const std::string& name() const { return name_; }
  std::string conninfo() const;
  static std::string conninfo_for(const std::string& database);

 private:
  std::string name_;
};

}  // namespace hindsight::test
