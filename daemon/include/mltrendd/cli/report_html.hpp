//===----------------------------------------------------------------------===//
// mltrendd — cli/report_html.hpp
//===----------------------------------------------------------------------===//
#pragma once

#include <string>
#include <vector>

#include "mltrendd/cli/chart_model.hpp"
#include "mltrendd/cli/coverage_data.hpp"
#include "mltrendd/cli/rules_data.hpp"
#include "mltrendd/cli/trends_data.hpp"

namespace mltrendd {

//! What the report shows for one configured source, as the daemon answered.
struct ReportSource {
  std::string name, plugin;
  std::string error;                 //!< why its trends could not be read; empty when they could
  TrendsData cohort;                 //!< cohort by quarter, metric exclusive, weight count
  TrendsData cohort_available;       //!< the same with metric available
  TrendsData observed;               //!< axis observed, metric exclusive, weight count (may be empty)
  std::vector<TrendsData> weighted;  //!< cohort by quarter under each weight the source carries
  //! The seed's 2022 framing: the cohort series with among=pytorch,tensorflow,
  //! metric exclusive and available (empty when the daemon has no such view).
  TrendsData among_exclusive, among_available;
  //! /v1/coverage by quarter; `has_coverage` false when the daemon has none.
  bool has_coverage = false;
  CoverageData coverage;
};

//! Everything the report page is made from.
struct ReportInput {
  std::string generated_at;    //!< UTC, ISO 8601
  std::string daemon_version;  //!< /v1/status "version"
  std::vector<std::string> commands;  //!< shell lines that reproduce the page and its charts
  std::vector<ReportSource> sources;
  bool rules_available = false;
  RulesData rules;
  std::string rules_missing;  //!< why not, when !rules_available
  ChartOptions chart;
};

//! One self-contained HTML page: inline CSS and SVG only, no script, no
//! font or image fetched, so it opens offline and in a mail attachment.
std::string RenderReportHtml(const ReportInput& input);

}  // namespace mltrendd
