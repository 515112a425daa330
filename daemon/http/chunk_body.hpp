//===----------------------------------------------------------------------===//
// mltrendd — http/chunk_body.hpp
//===----------------------------------------------------------------------===//
#pragma once

#include <boost/asio/buffer.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/field.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/optional.hpp>
#include <boost/system/error_code.hpp>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "gzip.hpp"
#include "mltrend/http.hpp"

namespace mltrendd::http_detail {

//! A Beast Body for HttpRequest::on_body: a 2xx body goes to the consumer as
//! it is parsed (gunzipped on the way when the server compressed it), so a
//! dump of any size passes through one read buffer; any other status keeps
//! its body, bounded by max_kept, for the caller to read as usual.
struct ChunkBody {
  struct value_type {
    const ChunkConsumer* consumer = nullptr;
    size_t max_kept = 0;
    //! Whether the body went to the consumer (a 2xx answer).
    bool streamed = false;
    //! The body of a non-2xx answer, as received (maybe still gzip).
    std::string kept;
    //! The consumer's or the decoder's error that stopped the parse.
    mltrend::Status error;
    std::shared_ptr<GunzipStream> gunzip;
  };

  class reader {
   public:
    // Beast 1.74 builds the reader with the parser, before any header byte:
    // the status and encoding are read in init(), once the header is parsed.
    template <bool isRequest, class Fields>
    reader(boost::beast::http::header<isRequest, Fields>& h, value_type& body)
        : body_(body),
          status_([&h] { return static_cast<int>(h.result_int()); }),
          encoding_([&h] {
            auto e = h[boost::beast::http::field::content_encoding];
            return std::string(e.data(), e.size());
          }) {}

    void init(const boost::optional<std::uint64_t>&, boost::system::error_code& ec) {
      ec = {};
      const int status = status_();
      body_.streamed = body_.consumer != nullptr && status >= 200 && status < 300;
      if (!body_.streamed) return;
      const std::string e = encoding_();
      const bool gzip = mltrend::Headers::EqualsIgnoreCase(e, "gzip") || mltrend::Headers::EqualsIgnoreCase(e, "x-gzip");
      if (!gzip && !e.empty() && !mltrend::Headers::EqualsIgnoreCase(e, "identity")) {
        Fail(mltrend::Status::IoError("the server sent Content-Encoding '" + e + "', which was not asked for"), ec);
        return;
      }
      if (gzip) body_.gunzip = std::make_shared<GunzipStream>();
    }

    template <class ConstBufferSequence>
    std::size_t put(const ConstBufferSequence& buffers, boost::system::error_code& ec) {
      ec = {};
      size_t used = 0;
      for (auto it = boost::asio::buffer_sequence_begin(buffers); it != boost::asio::buffer_sequence_end(buffers);
           ++it) {
        boost::asio::const_buffer b = *it;
        std::string_view piece(static_cast<const char*>(b.data()), b.size());
        if (!body_.streamed) {
          if (body_.kept.size() + piece.size() > body_.max_kept) {
            ec = boost::beast::http::error::body_limit;
            return used;
          }
          body_.kept.append(piece);
        } else {
          mltrend::Status s = body_.gunzip ? body_.gunzip->Feed(piece, *body_.consumer) : (*body_.consumer)(piece);
          if (!s.ok()) {
            Fail(std::move(s), ec);
            return used;
          }
        }
        used += piece.size();
      }
      return used;
    }

    void finish(boost::system::error_code& ec) {
      ec = {};
      if (body_.streamed && body_.gunzip) {
        if (auto s = body_.gunzip->Finish(); !s.ok()) Fail(std::move(s), ec);
      }
    }

   private:
    void Fail(mltrend::Status s, boost::system::error_code& ec) {
      body_.error = std::move(s);
      ec = boost::system::errc::make_error_code(boost::system::errc::operation_canceled);
    }

    value_type& body_;
    std::function<int()> status_;
    std::function<std::string()> encoding_;
  };
};

}  // namespace mltrendd::http_detail
