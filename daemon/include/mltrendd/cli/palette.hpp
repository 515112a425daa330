//===----------------------------------------------------------------------===//
// mltrendd — cli/palette.hpp
//===----------------------------------------------------------------------===//
#pragma once

#include <string>
#include <string_view>

namespace mltrendd {

//! Band names the chart adds beside the frameworks.
inline constexpr std::string_view kOtherBand = "other";      //!< frameworks outside the top K, summed
inline constexpr std::string_view kSeveralBand = "several";  //!< records with two or more frameworks (exclusive metric)
inline constexpr std::string_view kUnknownBand = "unknown";  //!< records with no framework

//! The fill colour ("#rrggbb") of a framework or band. Known frameworks have
//! fixed colours (pytorch orange-red, tensorflow orange, jax blue, ...);
//! any other name is hashed into a palette, so a framework keeps its colour
//! in every chart and report whatever else is drawn beside it.
std::string FrameworkColour(std::string_view name);

}  // namespace mltrendd
