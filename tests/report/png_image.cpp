//===----------------------------------------------------------------------===//
// tests/report — png_image.cpp
//===----------------------------------------------------------------------===//
#include "png_image.hpp"

#include <zlib.h>

#include <cstdlib>
#include <cstring>
#include <set>

#include "mltrend_test/test_support.hpp"

namespace report_test {
namespace {

uint32_t BigEndian32(const uint8_t* p) {
  return (uint32_t{p[0]} << 24) | (uint32_t{p[1]} << 16) | (uint32_t{p[2]} << 8) | uint32_t{p[3]};
}

uint8_t Paeth(int a, int b, int c) {
  const int p = a + b - c;
  const int pa = std::abs(p - a), pb = std::abs(p - b), pc = std::abs(p - c);
  if (pa <= pb && pa <= pc) return static_cast<uint8_t>(a);
  return static_cast<uint8_t>(pb <= pc ? b : c);
}

}  // namespace

uint32_t PngImage::Rgb(uint32_t x, uint32_t y) const {
  const size_t i = (size_t{y} * width + x) * 4;
  return (uint32_t{rgba[i]} << 16) | (uint32_t{rgba[i + 1]} << 8) | uint32_t{rgba[i + 2]};
}

size_t PngImage::DistinctColours() const {
  std::set<uint32_t> colours;
  for (uint32_t y = 0; y < height; ++y)
    for (uint32_t x = 0; x < width; ++x) colours.insert(Rgb(x, y));
  return colours.size();
}

size_t PngImage::CountColour(uint32_t rgb) const {
  size_t n = 0;
  for (uint32_t y = 0; y < height; ++y)
    for (uint32_t x = 0; x < width; ++x) n += Rgb(x, y) == rgb;
  return n;
}

bool ReadPng(const std::filesystem::path& file, PngImage& out, std::string& error) {
  const std::string data = mltrend_test::ReadFile(file);
  const auto* p = reinterpret_cast<const uint8_t*>(data.data());
  static const uint8_t kSignature[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
  if (data.size() < 8 || std::memcmp(p, kSignature, 8) != 0) {
    error = "not a PNG file";
    return false;
  }
  std::string idat;
  uint32_t channels = 0;
  bool ihdr = false;
  for (size_t pos = 8; pos + 12 <= data.size();) {
    const uint32_t length = BigEndian32(p + pos);
    const std::string type(data, pos + 4, 4);
    if (pos + 12 + length > data.size()) {
      error = "truncated chunk " + type;
      return false;
    }
    const uint8_t* body = p + pos + 8;
    if (type == "IHDR") {
      out.width = BigEndian32(body);
      out.height = BigEndian32(body + 4);
      const uint8_t depth = body[8], colour = body[9], interlace = body[12];
      if (depth != 8 || (colour != 2 && colour != 6) || interlace != 0) {
        error = "unsupported PNG: depth " + std::to_string(depth) + ", colour type " + std::to_string(colour) +
                ", interlace " + std::to_string(interlace);
        return false;
      }
      channels = colour == 6 ? 4 : 3;
      ihdr = true;
    } else if (type == "IDAT") {
      idat.append(reinterpret_cast<const char*>(body), length);
    } else if (type == "IEND") {
      break;
    }
    pos += 12 + length;
  }
  if (!ihdr || out.width == 0 || out.height == 0 || out.width > 20000 || out.height > 20000) {
    error = "no usable IHDR";
    return false;
  }
  const size_t stride = size_t{out.width} * channels;
  std::vector<uint8_t> raw((stride + 1) * out.height);
  uLongf raw_size = static_cast<uLongf>(raw.size());
  if (uncompress(raw.data(), &raw_size, reinterpret_cast<const Bytef*>(idat.data()),
                 static_cast<uLong>(idat.size())) != Z_OK ||
      raw_size != raw.size()) {
    error = "the image data does not inflate to " + std::to_string(raw.size()) + " bytes";
    return false;
  }
  std::vector<uint8_t> pixels(stride * out.height);
  for (uint32_t y = 0; y < out.height; ++y) {
    const uint8_t filter = raw[y * (stride + 1)];
    const uint8_t* in = &raw[y * (stride + 1) + 1];
    uint8_t* row = &pixels[y * stride];
    const uint8_t* up = y ? &pixels[(y - 1) * stride] : nullptr;
    for (size_t i = 0; i < stride; ++i) {
      const int a = i >= channels ? row[i - channels] : 0;
      const int b = up ? up[i] : 0;
      const int c = up && i >= channels ? up[i - channels] : 0;
      int v = in[i];
      switch (filter) {
        case 0: break;
        case 1: v += a; break;
        case 2: v += b; break;
        case 3: v += (a + b) / 2; break;
        case 4: v += Paeth(a, b, c); break;
        default: error = "bad row filter " + std::to_string(filter); return false;
      }
      row[i] = static_cast<uint8_t>(v & 0xff);
    }
  }
  out.rgba.resize(size_t{out.width} * out.height * 4);
  for (size_t i = 0, n = size_t{out.width} * out.height; i < n; ++i) {
    for (uint32_t c = 0; c < 3; ++c) out.rgba[i * 4 + c] = pixels[i * channels + c];
    out.rgba[i * 4 + 3] = channels == 4 ? pixels[i * 4 + 3] : 255;
  }
  return true;
}

}  // namespace report_test
