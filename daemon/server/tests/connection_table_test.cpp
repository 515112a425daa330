//===----------------------------------------------------------------------===//
// mltrendd tests — server/tests/connection_table_test.cpp
//===----------------------------------------------------------------------===//
#include <catch2/catch.hpp>

#include "../connection_table.hpp"

namespace {

using mltrendd::ConnectionTable;
using Admission = ConnectionTable::Admission;

struct Fake : mltrendd::TableEntry {
  void Evict() override {}
};

}  // namespace

TEST_CASE("the connection table: the longest-waiting connection gives way, a busy one never, none left means refusal") {
  ConnectionTable table(2);
  auto a = std::make_shared<Fake>(), b = std::make_shared<Fake>(), c = std::make_shared<Fake>(),
       d = std::make_shared<Fake>(), e = std::make_shared<Fake>();
  std::shared_ptr<mltrendd::TableEntry> victim;
  REQUIRE(table.Admit(*a, victim) == Admission::kAdmitted);
  table.Waiting(*a);
  REQUIRE(table.Admit(*b, victim) == Admission::kAdmitted);
  table.Waiting(*b);
  CHECK(table.Open() == 2);

  table.Busy(*a);  // a is being answered: b has waited longest of the rest
  REQUIRE(table.Admit(*c, victim) == Admission::kAdmittedByEviction);
  CHECK(victim.get() == b.get());
  table.Remove(*b);  // the evicted connection closes: its place went to c already
  CHECK(table.Open() == 2);

  // a is busy and c not yet waiting: nothing can give way.
  victim.reset();
  CHECK(table.Admit(*d, victim) == Admission::kRefused);
  CHECK(victim == nullptr);
  table.Remove(*d);  // a refused connection never held a place
  CHECK(table.Open() == 2);

  // c waits; a, answered, waits afresh behind it. Waiting again (a request's
  // first bytes arriving) keeps c's place in the queue.
  table.Waiting(*c);
  table.Requeue(*a);
  table.Waiting(*c);
  REQUIRE(table.Admit(*e, victim) == Admission::kAdmittedByEviction);
  CHECK(victim.get() == c.get());
  table.Remove(*c);
  table.Remove(*a);
  CHECK(table.Open() == 1);
  table.Remove(*e);
  CHECK(table.Open() == 0);
}
