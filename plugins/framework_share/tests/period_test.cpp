#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "share_period.hpp"

using mltrend::share::Bucket;
using mltrend::share::CohortMonth;
using mltrend::share::MonthOfDate;
using mltrend::share::RollUp;

TEST_CASE("period: ISO dates and year-months give their month") {
  CHECK(MonthOfDate("2024-07-15T10:11:12.000Z") == "2024-07");
  CHECK(MonthOfDate("2024-07-15") == "2024-07");
  CHECK(MonthOfDate("2024-07") == "2024-07");
  CHECK(MonthOfDate("2024-07-15 10:11:12+00:00") == "2024-07");
  CHECK_FALSE(MonthOfDate(""));
  CHECK_FALSE(MonthOfDate("2024"));
  CHECK_FALSE(MonthOfDate("2024-13-01"));
  CHECK_FALSE(MonthOfDate("2024-00"));
  CHECK_FALSE(MonthOfDate("2024-07-32"));
  CHECK_FALSE(MonthOfDate("2024-07-15X"));
  CHECK_FALSE(MonthOfDate("24-07-15"));
  CHECK_FALSE(MonthOfDate("July 2024"));
}

TEST_CASE("period: undated records and overrides") {
  mltrend::Record r;
  CHECK(CohortMonth(r) == "undated");
  r.date = "not a date";
  CHECK(CohortMonth(r) == "undated");
  r.date = "2022-03-02T23:29:04.000Z";
  CHECK(CohortMonth(r) == "2022-03");
  r.period_override = "pre-2022-03";
  CHECK(CohortMonth(r) == "pre-2022-03");
  // An override is the label at every bucket size.
  for (Bucket b : {Bucket::kMonth, Bucket::kQuarter, Bucket::kYear}) {
    CHECK(RollUp("pre-2022-03", b) == "pre-2022-03");
    CHECK(RollUp("undated", b) == "undated");
  }
}

TEST_CASE("period: months roll up to quarters and years") {
  CHECK(RollUp("2024-07", Bucket::kMonth) == "2024-07");
  CHECK(RollUp("2024-01", Bucket::kQuarter) == "2024-Q1");
  CHECK(RollUp("2024-03", Bucket::kQuarter) == "2024-Q1");
  CHECK(RollUp("2024-04", Bucket::kQuarter) == "2024-Q2");
  CHECK(RollUp("2024-09", Bucket::kQuarter) == "2024-Q3");
  CHECK(RollUp("2024-10", Bucket::kQuarter) == "2024-Q4");
  CHECK(RollUp("2024-12", Bucket::kQuarter) == "2024-Q4");
  CHECK(RollUp("2024-12", Bucket::kYear) == "2024");
  Bucket b = Bucket::kMonth;
  CHECK(mltrend::share::ParseBucket("year", b));
  CHECK(b == Bucket::kYear);
  CHECK_FALSE(mltrend::share::ParseBucket("week", b));
}

TEST_CASE("period: special labels sort around the dated ones") {
  std::vector<std::string> labels = {"undated", "2024-Q1", "pre-2022-03", "2017-Q3", "2024-Q3", "pre-2010"};
  std::sort(labels.begin(), labels.end(),
            [](const std::string& a, const std::string& b) { return mltrend::share::PeriodLess(a, b); });
  CHECK(labels == std::vector<std::string>{"pre-2010", "pre-2022-03", "2017-Q3", "2024-Q1", "2024-Q3", "undated"});
}
