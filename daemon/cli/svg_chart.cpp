//===----------------------------------------------------------------------===//
// mltrendd — cli/svg_chart.cpp
//===----------------------------------------------------------------------===//
#include "mltrendd/cli/svg_chart.hpp"

#include <algorithm>
#include <cmath>

#include "mltrendd/cli/markup.hpp"
#include "mltrendd/cli/palette.hpp"

namespace mltrendd {
namespace {

//! "42%", "0.5%", and "<0.1%" rather than a "0%" that is not nothing.
std::string Percent0(double fraction) {
  const double p = fraction * 100.0;
  if (p > 0 && p < 0.05) return "<0.1%";
  return (p > 0 && p < 1 ? Coord(std::round(p * 10) / 10) : Coord(std::round(p))) + "%";
}

//! x of each period; a lone period spans the plot (left and right edge).
std::vector<double> Columns(size_t periods, const SvgGeometry& g) {
  if (periods == 1) return {g.left, g.left + g.PlotWidth()};
  std::vector<double> xs;
  for (size_t i = 0; i < periods; ++i) xs.push_back(g.left + g.PlotWidth() * static_cast<double>(i) /
                                                                 static_cast<double>(periods - 1));
  return xs;
}

//! boundary[k][i]: the y (already formatted) under band k at column i; the
//! last boundary is the top of the stack. Formatting once per boundary makes
//! each band's lower edge the very text of the upper edge of the band below.
std::vector<std::vector<std::string>> Boundaries(const ChartModel& m, size_t columns, const SvgGeometry& g) {
  const size_t n = m.periods.size();
  std::vector<std::vector<std::string>> out(m.bands.size() + 1);
  for (size_t c = 0; c < columns; ++c) {
    const size_t i = std::min(c, n - 1);
    double cum = 0;
    out[0].push_back(Coord(g.top + g.PlotHeight()));
    for (size_t k = 0; k < m.bands.size(); ++k) {
      cum += m.bands[k].fractions[i];
      if (k + 1 == m.bands.size()) cum = 1.0;  // no rounding gap at the top
      out[k + 1].push_back(Coord(g.top + g.PlotHeight() * (1.0 - std::clamp(cum, 0.0, 1.0))));
    }
  }
  return out;
}

std::string Text(double x, double y, const std::string& attrs, const std::string& text) {
  return "<text x=\"" + Coord(x) + "\" y=\"" + Coord(y) + "\" " + attrs + ">" + XmlEscape(text) + "</text>\n";
}

std::string Axes(const ChartModel& m, const std::vector<double>& xs, const SvgGeometry& g) {
  std::string out = "<g class=\"grid\" stroke=\"#e4e4e4\" stroke-width=\"1\">\n";
  std::string labels = "<g class=\"y-labels\" font-size=\"11\" fill=\"#555\" text-anchor=\"end\">\n";
  for (int pct = 0; pct <= 100; pct += 20) {
    const std::string y = Coord(g.top + g.PlotHeight() * (1.0 - pct / 100.0));
    out += "<line x1=\"" + Coord(g.left) + "\" y1=\"" + y + "\" x2=\"" + Coord(g.left + g.PlotWidth()) + "\" y2=\"" +
           y + "\"/>\n";
    labels += "<text x=\"" + Coord(g.left - 6) + "\" y=\"" + y + "\" dy=\"4\">" + std::to_string(pct) + "%</text>\n";
  }
  out += "</g>\n" + labels + "</g>\n";
  // Thin the period labels so that they never overlap: one label per slot
  // as wide as the longest one.
  size_t longest = 1;
  for (const auto& p : m.periods) longest = std::max(longest, p.size());
  const double slot = std::max(40.0, 7.0 * static_cast<double>(longest) + 14.0);
  const size_t fit = std::max<size_t>(1, static_cast<size_t>(g.PlotWidth() / slot));
  const size_t step = (m.periods.size() + fit - 1) / fit;
  const double base = g.top + g.PlotHeight();
  out += "<g class=\"x-labels\" font-size=\"11\" fill=\"#555\" text-anchor=\"middle\">\n";
  for (size_t i = 0; i < m.periods.size(); i += std::max<size_t>(1, step)) {
    const double x = m.periods.size() == 1 ? (xs[0] + xs[1]) / 2 : xs[i];
    out += "<line x1=\"" + Coord(x) + "\" y1=\"" + Coord(base) + "\" x2=\"" + Coord(x) + "\" y2=\"" +
           Coord(base + 4) + "\" stroke=\"#888\"/>\n";
    out += Text(x, base + 17, "", m.periods[i]);
  }
  out += "</g>\n";
  out += Text(g.left + g.PlotWidth() / 2, g.height - 12, "font-size=\"12\" fill=\"#333\" text-anchor=\"middle\"",
              m.x_caption);
  out += "<line x1=\"" + Coord(g.left) + "\" y1=\"" + Coord(base) + "\" x2=\"" + Coord(g.left + g.PlotWidth()) +
         "\" y2=\"" + Coord(base) + "\" stroke=\"#888\"/>\n";
  return out;
}

std::string Legend(const ChartModel& m, const SvgGeometry& g) {
  // The latest period, so the legend reads as "where it stands".
  const size_t latest = m.periods.size() - 1;
  const double x = g.left + g.PlotWidth() + 16;
  std::string out = "<g class=\"legend\" font-size=\"12\" fill=\"#222\">\n";
  out += Text(x, g.top - 8, "fill=\"#555\" font-size=\"11\"", m.periods[latest]);
  double y = g.top;
  for (size_t k = m.bands.size(); k-- > 0;) {  // top of the stack first, as drawn
    const ChartBand& b = m.bands[k];
    out += "<rect x=\"" + Coord(x) + "\" y=\"" + Coord(y) + "\" width=\"12\" height=\"12\" fill=\"" +
           FrameworkColour(b.name) + "\"/>\n";
    std::string label = b.name;
    label += " " + Percent0(b.fractions[latest]);
    out += Text(x + 18, y + 10, "", label);
    y += 20;
  }
  return out + "</g>\n";
}

}  // namespace

std::string RenderSvgChart(const ChartModel& m, bool standalone, const SvgGeometry& g) {
  const std::string w = Coord(g.width), h = Coord(g.height);
  std::string out = standalone ? "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" : "";
  out += "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + w + "\" height=\"" + h + "\" viewBox=\"0 0 " + w +
         " " + h + "\" font-family=\"sans-serif\" role=\"img\" aria-label=\"" + XmlEscape(m.title) + "\">\n";
  out += "<title>" + XmlEscape(m.title + " — " + m.subtitle) + "</title>\n";
  out += "<rect class=\"background\" width=\"" + w + "\" height=\"" + h + "\" fill=\"#ffffff\"/>\n";
  out += Text(g.left, 28, "font-size=\"18\" font-weight=\"bold\" fill=\"#111\"", m.title);
  out += Text(g.left, 48, "font-size=\"12\" fill=\"#555\"", m.subtitle);
  if (m.periods.empty() || m.bands.empty()) {
    out += Text(g.left + g.PlotWidth() / 2, g.top + g.PlotHeight() / 2,
                "font-size=\"14\" fill=\"#777\" text-anchor=\"middle\"", "no data yet");
    return out + "</svg>\n";
  }
  const std::vector<double> xs = Columns(m.periods.size(), g);
  const auto bounds = Boundaries(m, xs.size(), g);
  out += "<g class=\"plot\" data-top=\"" + Coord(g.top) + "\" data-height=\"" + Coord(g.PlotHeight()) +
         "\" stroke=\"#ffffff\" stroke-width=\"0.5\">\n";
  for (size_t k = 0; k < m.bands.size(); ++k) {
    std::string d;
    for (size_t c = 0; c < xs.size(); ++c) d += (c ? " L" : "M") + Coord(xs[c]) + "," + bounds[k + 1][c];
    for (size_t c = xs.size(); c-- > 0;) d += " L" + Coord(xs[c]) + "," + bounds[k][c];
    const std::string& name = m.bands[k].name;
    out += "<path class=\"band\" data-band=\"" + XmlEscape(name) + "\" fill=\"" + FrameworkColour(name) +
           "\" d=\"" + d + " Z\"><title>" + XmlEscape(name) + "</title></path>\n";
  }
  out += "</g>\n";
  out += Axes(m, xs, g);
  out += Legend(m, g);
  return out + "</svg>\n";
}

}  // namespace mltrendd
