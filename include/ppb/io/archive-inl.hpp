// Definitions for io/archive.hpp.
#ifndef PPB_IO_ARCHIVE_INL_HPP
#define PPB_IO_ARCHIVE_INL_HPP

#include <algorithm>
#include <array>
#include <boost/archive/text_iarchive.hpp>
#include <boost/archive/text_oarchive.hpp>
#include <boost/serialization/string.hpp>
#include <fstream>
#include <istream>
#include <ostream>
#include <sstream>
#include <type_traits>

#include "ppb/core/bytes.hpp"
#include "ppb/detail/memory_stream.hpp"
#include "ppb/io/archive.hpp"
#include "ppb/io/election_json.hpp"
#include "ppb/io/roll_csv.hpp"

PPB_BEGIN_NAMESPACE

namespace detail {

inline constexpr std::array<unsigned char, 8> snapshot_magic = {0x89, 'P', 'P', 'B', '\r', '\n', 0x1A, '\n'};

inline auto snapshot_fnv1a64(std::string_view data) noexcept -> std::uint64_t {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  for (unsigned char c : data) {
    h ^= c;
    h *= 0x100000001b3ULL;
  }
  return h;
}

/// Magic, format version (4 bytes), payload length and checksum (8 each), all big-endian.
inline constexpr std::size_t snapshot_header_bytes = 8 + 4 + 8 + 8;

/// The big-endian `T` at byte `at` of `in` (which holds it).
template <class T>
auto snapshot_get_be(std::string_view in, std::size_t at) noexcept -> T {
  return get_be<T>(reinterpret_cast<const std::uint8_t*>(in.data() + at));
}

/// Thrown inside the payload reader when content does not hold together; becomes
/// `parse_error(snapshot_corrupt)`.
struct snapshot_invalid : std::runtime_error {
  using std::runtime_error::runtime_error;
};

/// Moves values in and out of a Boost.Serialization archive, one function for both directions
/// (`Ar::is_saving`). Field order is the format: change it only with a new format version.
template <class Ar>
class snapshot_transfer {
 public:
  snapshot_transfer(Ar& ar, std::size_t payload_size) : ar_(ar), limit_(payload_size) {}
  static constexpr bool saving = Ar::is_saving::value;

  void operator()(std::string& s) { ar_ & s; }
  template <class I>
    requires std::is_integral_v<I>
  void operator()(I& v) {
    // Text archives print char-sized integers as characters; widen them.
    if constexpr (sizeof(I) == 1) {
      int wide = v;
      ar_ & wide;
      if constexpr (!saving) v = static_cast<I>(wide);
    } else {
      ar_ & v;
    }
  }
  template <class E>
    requires std::is_enum_v<E>
  void operator()(E& e) {
    auto v = static_cast<std::int64_t>(e);
    (*this)(v);
    if constexpr (!saving) e = static_cast<E>(v);
  }
  template <class D>
  void operator()(std::chrono::time_point<std::chrono::system_clock, D>& t) {
    std::int64_t v = t.time_since_epoch().count();
    (*this)(v);
    if constexpr (!saving) t = std::chrono::time_point<std::chrono::system_clock, D>(D(v));
  }
  template <class T>
  void operator()(std::optional<T>& o) {
    bool has = o.has_value();
    (*this)(has);
    if constexpr (saving) {
      if (has) (*this)(*o);
    } else {
      if (has) {
        T v{};
        (*this)(v);
        o = std::move(v);
      } else {
        o.reset();
      }
    }
  }
  template <class T>
  void operator()(std::vector<T>& v) {
    std::uint64_t n = v.size();
    (*this)(n);
    if constexpr (!saving) {
      if (n > limit_) throw snapshot_invalid("a list claims " + std::to_string(n) + " items in a smaller payload");
      v.assign(static_cast<std::size_t>(n), T{});
    }
    for (auto& x : v) (*this)(x);
  }
  void operator()(attachment& a) {
    (*this)(a.ref);
    (*this)(a.sha256);
  }
  void operator()(review_vote& r) {
    (*this)(r.reviewer);
    (*this)(r.decision);
    (*this)(r.cost);
    (*this)(r.ground);
    (*this)(r.comment);
    (*this)(r.at);
    (*this)(r.round);
  }
  void operator()(proposal& p) {
    for (auto* s : {&p.id, &p.author, &p.unit, &p.title, &p.description, &p.address, &p.category}) (*this)(*s);
    (*this)(p.attachments);
    (*this)(p.estimated_cost);
    (*this)(p.final_cost);
    (*this)(p.state);
    (*this)(p.submitted_at);
    (*this)(p.revisions);
    (*this)(p.round);
    (*this)(p.votes);
    (*this)(p.rejection);
    (*this)(p.decision_comment);
    (*this)(p.merged_into);
  }
  void operator()(audit_entry& e) {
    (*this)(e.seq);
    (*this)(e.at);
    (*this)(e.actor);
    (*this)(e.proposal);
    (*this)(e.from);
    (*this)(e.to);
    (*this)(e.reason);
    (*this)(e.comment);
  }
  void operator()(voter_record& v) {
    std::uint64_t id = v.id.value();
    (*this)(id);
    if constexpr (!saving) {
      const auto checked = iin::from_value(id);
      if (!checked) throw snapshot_invalid("the roll holds an invalid IIN " + std::to_string(id));
      v.id = *checked;
    }
    (*this)(v.unit);
    (*this)(v.status);
    (*this)(v.registered);
    std::string key = v.credential ? io::credential_to_hex(*v.credential) : std::string();
    (*this)(key);
    if constexpr (!saving) {
      if (key.empty()) v.credential.reset();
      else if (!(v.credential = io::credential_from_hex(key))) throw snapshot_invalid("a credential key is not 64 hex digits");
    }
  }

 private:
  Ar& ar_;
  std::size_t limit_;
};

}  // namespace detail

PPB_FUNC void io::save_snapshot(std::ostream& out, const election_state& state) {
  std::ostringstream payload_stream;
  {
    boost::archive::text_oarchive ar(payload_stream);
    detail::snapshot_transfer<boost::archive::text_oarchive> put(ar, 0);
    // The transfer functions take non-const references for both directions; saving never writes.
    auto& s = const_cast<election_state&>(state);  // NOLINT
    std::string definition = s.definition.bytes();
    put(definition);
    auto proposals = s.proposals.proposals();
    auto audit = s.proposals.audit();
    put(proposals);
    put(audit);
    std::uint64_t voters = s.roll.size();
    put(voters);
    for (const auto& v : s.roll.records()) put(const_cast<voter_record&>(v));  // NOLINT
  }
  const std::string payload = std::move(payload_stream).str();
  std::array<std::uint8_t, detail::snapshot_header_bytes> header{};
  std::copy(detail::snapshot_magic.begin(), detail::snapshot_magic.end(), header.begin());
  put_be(header.data() + 8, snapshot_format_version);
  put_be(header.data() + 12, static_cast<std::uint64_t>(payload.size()));
  put_be(header.data() + 20, detail::snapshot_fnv1a64(payload));
  out.write(reinterpret_cast<const char*>(header.data()), static_cast<std::streamsize>(header.size()));
  out.write(payload.data(), static_cast<std::streamsize>(payload.size()));
  out.flush();
  if (!out) throw parse_error(errc::io, "<snapshot>", 0, "cannot write the snapshot");
}

PPB_FUNC auto io::load_snapshot(std::istream& in, std::string_view name) -> election_state {
  const std::string file(name);
  std::string bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  if (in.bad()) throw parse_error(errc::io, file, 0, "cannot read the snapshot");
  constexpr std::size_t header_size = detail::snapshot_header_bytes;
  if (bytes.size() < 8 || !std::equal(detail::snapshot_magic.begin(), detail::snapshot_magic.end(),
                                      reinterpret_cast<const unsigned char*>(bytes.data())))
    throw parse_error(errc::not_a_snapshot, file, 0, "not a ppb snapshot (the file does not start with ppb's magic bytes)");
  if (bytes.size() < header_size) throw parse_error(errc::snapshot_corrupt, file, 0, "the snapshot header is cut short");
  const auto version = detail::snapshot_get_be<std::uint32_t>(bytes, 8);
  if (version != snapshot_format_version)
    throw parse_error(errc::snapshot_version, file, 0,
                      "snapshot format version " + std::to_string(version) + "; this build reads version " +
                          std::to_string(snapshot_format_version));
  const auto length = detail::snapshot_get_be<std::uint64_t>(bytes, 12);
  const auto checksum = detail::snapshot_get_be<std::uint64_t>(bytes, 20);
  if (length != bytes.size() - header_size)
    throw parse_error(errc::snapshot_corrupt, file, 0,
                      "the header announces " + std::to_string(length) + " payload bytes; the file holds " +
                          std::to_string(bytes.size() - header_size));
  const std::string_view payload = std::string_view(bytes).substr(header_size);
  if (detail::snapshot_fnv1a64(payload) != checksum)
    throw parse_error(errc::snapshot_corrupt, file, 0, "checksum mismatch: the snapshot was altered or damaged");
  election_state state;
  try {
    detail::memory_streambuf buf(payload);
    std::istream payload_stream(&buf);
    boost::archive::text_iarchive ar(payload_stream);
    detail::snapshot_transfer<boost::archive::text_iarchive> get(ar, payload.size());
    std::string definition;
    get(definition);
    // An empty state has no definition; anything else must load as one.
    if (!definition.empty()) state.definition = parse_election(definition, file + " (definition)");
    std::vector<proposal> proposals;
    std::vector<audit_entry> audit;
    get(proposals);
    get(audit);
    state.proposals = proposal_registry::restore(std::move(proposals), std::move(audit));
    std::uint64_t voters = 0;
    get(voters);
    if (voters > payload.size()) throw detail::snapshot_invalid("the roll claims more voters than the payload holds");
    state.roll.reserve(static_cast<std::size_t>(voters));
    for (std::uint64_t i = 0; i < voters; ++i) {
      voter_record v;
      get(v);
      if (state.roll.add(std::move(v)).kind != voter_roll::add_result::added)
        throw detail::snapshot_invalid("the roll lists an IIN or a credential twice");
    }
    payload_stream >> std::ws;
    if (payload_stream.peek() != std::char_traits<char>::eof())
      throw detail::snapshot_invalid("bytes after the end of the payload");
  } catch (const parse_error& e) {
    throw parse_error(errc::snapshot_corrupt, file, 0, "the stored definition does not load: " + e.reason());
  } catch (const std::exception& e) {  // boost::archive::archive_exception, bad_alloc, usage_error, snapshot_invalid
    throw parse_error(errc::snapshot_corrupt, file, 0, std::string("the payload does not decode: ") + e.what());
  }
  return state;
}

PPB_FUNC void io::save_snapshot(const std::filesystem::path& path, const election_state& state) {
  auto tmp = path;
  tmp += ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) throw parse_error(errc::io, tmp.string(), 0, "cannot create the file");
    save_snapshot(out, state);
    out.close();
    if (!out) throw parse_error(errc::io, tmp.string(), 0, "cannot write the file");
  }
  std::error_code ec;
  std::filesystem::rename(tmp, path, ec);
  if (ec) throw parse_error(errc::io, path.string(), 0, "cannot replace the file: " + ec.message());
}

PPB_FUNC auto io::load_snapshot(const std::filesystem::path& path) -> election_state {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw parse_error(errc::io, path.string(), 0, "cannot open the file");
  return load_snapshot(in, path.string());
}

PPB_END_NAMESPACE

#endif
