#include <catch2/catch.hpp>

#include <syslog.h>

#include "mltrendd/runtime/journal_sink.hpp"

using mltrendd::JournalFields;
using Fields = std::vector<std::string>;

TEST_CASE("journal fields name the source, the sink and the plugin of a line") {
  CHECK(JournalFields("source.github", "github", LOG_WARNING, "search budget spent") ==
        Fields{"MESSAGE=search budget spent", "PRIORITY=4", "SYSLOG_IDENTIFIER=mltrendd", "MLTREND_LOGGER=source.github",
               "MLTREND_SOURCE=github", "MLTREND_PLUGIN=github"});
  CHECK(JournalFields("sink.trends", "framework_share", LOG_INFO, "folded 12 changes") ==
        Fields{"MESSAGE=folded 12 changes", "PRIORITY=6", "SYSLOG_IDENTIFIER=mltrendd", "MLTREND_LOGGER=sink.trends",
               "MLTREND_SINK=trends", "MLTREND_PLUGIN=framework_share"});
  // The daemon's own lines carry neither; "source." alone names no source.
  CHECK(JournalFields("mltrendd", "", LOG_ERR, "x") ==
        Fields{"MESSAGE=x", "PRIORITY=3", "SYSLOG_IDENTIFIER=mltrendd", "MLTREND_LOGGER=mltrendd"});
  CHECK(JournalFields("source.", "", LOG_INFO, "x").size() == 4);
}
