/// @file
/// Internal (no stability promise): reading JSON documents with every problem collected and
/// located by JSON Pointer — syntax errors with line and column, duplicate keys (which Boost.JSON's
/// DOM parser drops silently), unknown fields, types and ranges. Shared by the election,
/// proposals and reviews readers in io/. Everything here is inline.
#ifndef PPB_DETAIL_JSON_CHECK_HPP
#define PPB_DETAIL_JSON_CHECK_HPP

#include <algorithm>
#include <boost/json/basic_parser_impl.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>
#include <chrono>
#include <initializer_list>
#include <limits>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "ppb/model/election.hpp"

PPB_BEGIN_NAMESPACE
namespace detail {

/// JSON Pointer escaping of one reference token (RFC 6901: `~` → `~0`, `/` → `~1`).
inline auto json_pointer_token(std::string_view key) -> std::string {
  std::string out;
  for (char c : key) {
    if (c == '~') out += "~0";
    else if (c == '/') out += "~1";
    else out += c;
  }
  return out;
}

/// A SAX pass that finds what the DOM parser hides: duplicate keys (Boost.JSON keeps the last
/// one silently), with their path. Syntax errors come from the parser itself.
class json_duplicate_finder {
 public:
  static constexpr std::size_t max_array_size = static_cast<std::size_t>(-1);
  static constexpr std::size_t max_object_size = static_cast<std::size_t>(-1);
  static constexpr std::size_t max_string_size = static_cast<std::size_t>(-1);
  static constexpr std::size_t max_key_size = static_cast<std::size_t>(-1);

  std::vector<definition_problem> problems;

  auto on_document_begin(boost::json::error_code&) -> bool { return true; }
  auto on_document_end(boost::json::error_code&) -> bool { return true; }
  auto on_array_begin(boost::json::error_code&) -> bool {
    value_starts();
    stack_.push_back({false, {}, 0, {}});
    return true;
  }
  auto on_array_end(std::size_t, boost::json::error_code&) -> bool {
    stack_.pop_back();
    return true;
  }
  auto on_object_begin(boost::json::error_code&) -> bool {
    value_starts();
    stack_.push_back({true, {}, 0, {}});
    return true;
  }
  auto on_object_end(std::size_t, boost::json::error_code&) -> bool {
    stack_.pop_back();
    return true;
  }
  auto on_string_part(boost::json::string_view, std::size_t, boost::json::error_code&) -> bool { return true; }
  auto on_string(boost::json::string_view, std::size_t, boost::json::error_code&) -> bool { return scalar(); }
  auto on_key_part(boost::json::string_view s, std::size_t, boost::json::error_code&) -> bool {
    key_.append(s.data(), s.size());
    return true;
  }
  auto on_key(boost::json::string_view s, std::size_t, boost::json::error_code&) -> bool {
    key_.append(s.data(), s.size());
    auto& top = stack_.back();
    top.key = key_;
    if (!top.keys.insert(key_).second) problems.push_back({path(), "duplicate key"});
    key_.clear();
    return true;
  }
  auto on_number_part(boost::json::string_view, boost::json::error_code&) -> bool { return true; }
  auto on_int64(std::int64_t, boost::json::string_view, boost::json::error_code&) -> bool { return scalar(); }
  auto on_uint64(std::uint64_t, boost::json::string_view, boost::json::error_code&) -> bool { return scalar(); }
  auto on_double(double, boost::json::string_view, boost::json::error_code&) -> bool { return scalar(); }
  auto on_bool(bool, boost::json::error_code&) -> bool { return scalar(); }
  auto on_null(boost::json::error_code&) -> bool { return scalar(); }
  auto on_comment_part(boost::json::string_view, boost::json::error_code&) -> bool { return true; }
  auto on_comment(boost::json::string_view, boost::json::error_code&) -> bool { return true; }

 private:
  struct frame {
    bool object = false;
    std::string key;     // object: the member being read
    std::size_t count = 0;  // array: elements begun so far
    std::set<std::string> keys;
  };
  void value_starts() {
    if (!stack_.empty() && !stack_.back().object) ++stack_.back().count;
  }
  auto scalar() -> bool {
    value_starts();
    return true;
  }
  [[nodiscard]] auto path() const -> std::string {
    std::string p;
    for (const auto& f : stack_) p += "/" + (f.object ? json_pointer_token(f.key) : std::to_string(f.count - 1));
    return p;
  }
  std::vector<frame> stack_;
  std::string key_;
};

/// `line L, column C` of byte `offset` in `text` (1-based; columns count bytes).
inline auto json_position(std::string_view text, std::size_t offset) -> std::string {
  std::size_t line = 1, col = 1;
  for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++line;
      col = 1;
    } else {
      ++col;
    }
  }
  return "line " + std::to_string(line) + ", column " + std::to_string(col);
}

/// Typed access to a JSON document that collects every problem with its path instead of
/// stopping at the first (shared by the election, proposals and reviews readers).
class json_checker {
 public:
  std::vector<definition_problem> problems;

  void add(std::string path, std::string message) { problems.push_back({std::move(path), std::move(message)}); }

  auto object(const boost::json::value& v, const std::string& path) -> const boost::json::object* {
    if (const auto* o = v.if_object()) return o;
    add(path, "must be an object");
    return nullptr;
  }
  auto array(const boost::json::value& v, const std::string& path) -> const boost::json::array* {
    if (const auto* a = v.if_array()) return a;
    add(path, "must be an array");
    return nullptr;
  }
  void keys(const boost::json::object& o, const std::string& path, std::initializer_list<std::string_view> allowed) {
    for (const auto& kv : o) {
      const std::string_view k(kv.key().data(), kv.key().size());
      if (std::find(allowed.begin(), allowed.end(), k) == allowed.end())
        add(path + "/" + json_pointer_token(k), "unknown field");
    }
  }
  auto field(const boost::json::object& o, const std::string& path, std::string_view key, bool required)
      -> const boost::json::value* {
    if (const auto* v = o.if_contains(boost::json::string_view(key.data(), key.size()))) return v;
    if (required) add(path + "/" + std::string(key), "is required");
    return nullptr;
  }
  auto string(const boost::json::value& v, const std::string& path) -> std::optional<std::string> {
    if (const auto* s = v.if_string()) return std::string(s->data(), s->size());
    add(path, "must be a string");
    return std::nullopt;
  }
  auto nonempty(const boost::json::value& v, const std::string& path) -> std::optional<std::string> {
    auto s = string(v, path);
    if (s && s->empty()) {
      add(path, "must not be empty");
      return std::nullopt;
    }
    return s;
  }
  auto identifier(const boost::json::value& v, const std::string& path) -> std::optional<std::string> {
    auto s = string(v, path);
    if (!s) return s;
    const bool ok = !s->empty() && s->size() <= 64 && std::all_of(s->begin(), s->end(), [](char c) {
      return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
             c == '-';
    });
    if (!ok) {
      add(path, "must be 1 to 64 characters of A-Z, a-z, 0-9, '.', '_', '-'");
      return std::nullopt;
    }
    return s;
  }
  /// An integer in [lo, hi]; the message names the range the way people read it.
  auto integer(const boost::json::value& v, const std::string& path, std::int64_t lo, std::int64_t hi)
      -> std::optional<std::int64_t> {
    std::optional<std::int64_t> n;
    if (const auto* i = v.if_int64()) n = *i;
    else if (const auto* u = v.if_uint64(); u && *u <= static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))
      n = static_cast<std::int64_t>(*u);
    if (n && *n >= lo && *n <= hi) return n;
    if (lo == 0 && hi == std::numeric_limits<std::int64_t>::max()) add(path, "must be a non-negative integer");
    else if (hi == std::numeric_limits<std::int64_t>::max()) add(path, "must be an integer of at least " + std::to_string(lo));
    else add(path, "must be an integer from " + std::to_string(lo) + " to " + std::to_string(hi));
    return std::nullopt;
  }
  auto non_negative(const boost::json::value& v, const std::string& path) -> std::optional<std::int64_t> {
    return integer(v, path, 0, std::numeric_limits<std::int64_t>::max());
  }
  auto timestamp(const boost::json::value& v, const std::string& path) -> std::optional<std::chrono::sys_seconds> {
    const auto s = string(v, path);
    if (!s) return std::nullopt;
    const auto t = parse_iso_timestamp(*s);
    if (!t) add(path, "must be a UTC timestamp YYYY-MM-DDTHH:MM:SSZ naming a real moment");
    return t;
  }
  auto date(const boost::json::value& v, const std::string& path) -> std::optional<std::chrono::sys_days> {
    const auto s = string(v, path);
    if (!s) return std::nullopt;
    const auto d = parse_iso_date(*s);
    if (!d) add(path, "must be a date YYYY-MM-DD naming a real day");
    return d;
  }
  auto localized(const boost::json::value& v, const std::string& path) -> localized_text {
    localized_text t;
    const auto* o = object(v, path);
    if (o == nullptr) return t;
    keys(*o, path, {"kk", "ru", "en"});
    if (const auto* x = field(*o, path, "kk", true)) t.kk = nonempty(*x, path + "/kk").value_or("");
    if (const auto* x = field(*o, path, "ru", true)) t.ru = nonempty(*x, path + "/ru").value_or("");
    if (const auto* x = field(*o, path, "en", true)) t.en = nonempty(*x, path + "/en").value_or("");
    return t;
  }
  /// A list of distinct non-empty strings.
  auto string_list(const boost::json::value& v, const std::string& path) -> std::vector<std::string> {
    std::vector<std::string> out;
    const auto* a = array(v, path);
    if (a == nullptr) return out;
    for (std::size_t i = 0; i < a->size(); ++i) {
      const std::string p = path + "/" + std::to_string(i);
      if (auto s = nonempty((*a)[i], p)) {
        if (std::find(out.begin(), out.end(), *s) != out.end()) add(p, "repeats '" + *s + "'");
        else out.push_back(std::move(*s));
      }
    }
    return out;
  }

};

/// A JSON text read with the checks Boost.JSON's DOM parser does not make: `syntax` and `error`
/// (with line and column) when it is not JSON, else the value and any duplicate keys.
struct json_document {
  boost::json::value value;
  std::vector<definition_problem> duplicates;
  bool syntax = false;
  std::uint64_t line = 0;
  std::string error;
};

inline auto read_json_document(std::string_view bytes) -> json_document {
  json_document out;
  boost::json::basic_parser<json_duplicate_finder> p(boost::json::parse_options{});
  boost::json::error_code ec;
  const std::size_t n = p.write_some(false, bytes.data(), bytes.size(), ec);
  if (!ec && n < bytes.size()) ec = boost::json::error::extra_data;
  if (ec) {
    out.syntax = true;
    const auto end = bytes.begin() + static_cast<std::ptrdiff_t>(std::min(n, bytes.size()));
    out.line = 1 + static_cast<std::uint64_t>(std::count(bytes.begin(), end, '\n'));
    out.error = json_position(bytes, n) + ": " + ec.message();
    return out;
  }
  out.duplicates = std::move(p.handler().problems);
  out.value = boost::json::parse(boost::json::string_view(bytes.data(), bytes.size()), ec);
  if (ec) {  // not reached: the SAX pass accepted the same text
    out.syntax = true;
    out.error = ec.message();
  }
  return out;
}

}  // namespace detail
PPB_END_NAMESPACE

#endif
