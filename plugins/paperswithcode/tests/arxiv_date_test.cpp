// Dating a link by its arXiv id: both identifier schemes, the century of
// old-style ids, and ids that must not be dated.
#include <catch2/catch.hpp>

#include "pwc_arxiv_date.hpp"

using mltrend::pwc::ArxivMonth;

TEST_CASE("new-style arXiv ids date to 20YY-MM") {
  CHECK(ArxivMonth("1810.10559") == "2018-10");
  CHECK(ArxivMonth("2104.04668") == "2021-04");
  CHECK(ArxivMonth("0704.0001") == "2007-04");  // the first new-style id
  CHECK(ArxivMonth("1412.6980") == "2014-12");  // four digits until 1412
  CHECK(ArxivMonth("1501.00001") == "2015-01");  // five from 1501
  CHECK(ArxivMonth("1406.2661v1") == "2014-06");
  CHECK(ArxivMonth("2312.00752v12") == "2023-12");
  CHECK(ArxivMonth("arXiv:1706.03762") == "2017-06");
  CHECK(ArxivMonth(" 1706.03762 ") == "2017-06");
}

TEST_CASE("old-style arXiv ids date to 19YY from 1991 and 20YY until March 2007") {
  CHECK(ArxivMonth("hep-th/9901001") == "1999-01");
  CHECK(ArxivMonth("hep-th/9108001") == "1991-08");  // arXiv's first month
  CHECK(ArxivMonth("quant-ph/0406196") == "2004-06");
  CHECK(ArxivMonth("quant-ph/0410100v2") == "2004-10");
  CHECK(ArxivMonth("math.AG/0703001") == "2007-03");
  CHECK(ArxivMonth("cs/0012007") == "2000-12");
  CHECK(ArxivMonth("cond-mat/9512001") == "1995-12");
}

TEST_CASE("malformed or impossible arXiv ids are not dated") {
  for (const char* bad : {"", "none", "1810", "1810.", "1810.1", "1813.00001", "1800.00001", "0612.0001",
                          "0703.0001", "1412.00001", "1501.0001", "18a0.10559", "1810.10559x", "1810.105591",
                          "hep-th/990100", "hep-th/99010011", "hep-th/9913001", "hep-th/0801001", "hep-th/9107001",
                          "hep-th/0704001", "/9901001", "Hep-th/9901001", "hep th/9901001", "v2", "1810.10559v"}) {
    INFO("id '" << bad << "'");
    CHECK(ArxivMonth(bad).empty());
  }
}
