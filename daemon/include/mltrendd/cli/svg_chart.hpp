//===----------------------------------------------------------------------===//
// mltrendd — cli/svg_chart.hpp
//===----------------------------------------------------------------------===//
#pragma once

#include <string>

#include "mltrendd/cli/chart_model.hpp"

namespace mltrendd {

//! Where the plot sits inside the picture; the rest holds the title, the
//! axis labels and the legend.
struct SvgGeometry {
  double width = 960, height = 480;
  double left = 64, right = 180, top = 76, bottom = 58;
  double PlotWidth() const { return width - left - right; }
  double PlotHeight() const { return height - top - bottom; }
};

//! The stacked-area chart of `model` as SVG text: a 0-100% y axis with
//! gridlines, period labels thinned to stay readable, a legend with each
//! band's share in the latest period, the title and subtitle. Each band is
//! one `<path class="band" data-band="NAME">` filled with FrameworkColour;
//! a single period is drawn as one full-width column. `standalone` adds the
//! XML declaration a .svg file starts with (left out when inlined in HTML).
std::string RenderSvgChart(const ChartModel& model, bool standalone, const SvgGeometry& geometry = {});

}  // namespace mltrendd
