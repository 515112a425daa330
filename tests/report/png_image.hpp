//===----------------------------------------------------------------------===//
// tests/report — png_image.hpp
//===----------------------------------------------------------------------===//
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace report_test {

//! A decoded PNG as 8-bit RGBA pixels (what a browser screenshot holds).
struct PngImage {
  uint32_t width = 0, height = 0;
  std::vector<uint8_t> rgba;  //!< width * height * 4, rows top to bottom

  //! The pixel at (x, y) as 0xRRGGBB (alpha dropped).
  uint32_t Rgb(uint32_t x, uint32_t y) const;
  //! How many distinct 0xRRGGBB values the image holds.
  size_t DistinctColours() const;
  //! How many pixels are exactly `rgb`.
  size_t CountColour(uint32_t rgb) const;
};

//! Decodes an 8-bit, non-interlaced PNG of colour type 2 (RGB) or 6 (RGBA)
//! with zlib, undoing the five row filters. False with `error` set on
//! anything else or on a damaged file.
bool ReadPng(const std::filesystem::path& file, PngImage& out, std::string& error);

}  // namespace report_test
