//===----------------------------------------------------------------------===//
// mltrendd — cli/palette.cpp
//===----------------------------------------------------------------------===//
#include "mltrendd/cli/palette.hpp"

#include <cstdint>
#include <iterator>

namespace mltrendd {
namespace {

struct Fixed {
  std::string_view name;
  std::string_view colour;
};

// The frameworks of config/rules/frameworks.toml, in colours close to their
// logos where that keeps them apart; greys are kept for the added bands.
constexpr Fixed kFixed[] = {
    {"pytorch", "#ee4c2c"},      {"tensorflow", "#ff9f1c"}, {"jax", "#3b7dd8"},
    {"keras", "#9b1b30"},        {"flax", "#2e9e6a"},        {"paddlepaddle", "#6a4fc2"},
    {"mxnet", "#17a2b8"},        {"mindspore", "#c2a01e"},  {"caffe2", "#7c5a3a"},
    {"onnx", "#5f6f8f"},         {"mlx", "#ff2d55"},
    // The evidence grades of the report's coverage chart, strong to weak.
    {"direct", "#2e7d32"},       {"library", "#7cb342"},    {"lineage", "#c5e1a5"},
    {kOtherBand, "#9e9e9e"},     {kSeveralBand, "#c9b98f"},
    {kUnknownBand, "#d6d6d6"},
};

// For names without a fixed colour: distinct from the fixed ones and from
// the greys, and dark enough to show on white.
constexpr std::string_view kHashed[] = {"#8c564b", "#e377c2", "#bcbd22", "#1f77b4", "#2ca02c",
                                        "#9467bd", "#d62728", "#17becf", "#7f3c8d", "#11a579",
                                        "#3969ac", "#e68310"};

//! FNV-1a: fixed by definition, unlike std::hash, so colours do not change
//! between builds or standard libraries.
uint32_t Fnv1a(std::string_view text) {
  uint32_t h = 2166136261u;
  for (unsigned char c : text) {
    h ^= c;
    h *= 16777619u;
  }
  return h;
}

}  // namespace

std::string FrameworkColour(std::string_view name) {
  for (const Fixed& f : kFixed) {
    if (f.name == name) return std::string(f.colour);
  }
  return std::string(kHashed[Fnv1a(name) % std::size(kHashed)]);
}

}  // namespace mltrendd
