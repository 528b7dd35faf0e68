// Definitions of ppb/crypto/canonical.hpp.
#include <algorithm>
#include <cstring>
#include <variant>

#include "ppb/crypto/canonical.hpp"

PPB_BEGIN_NAMESPACE

PPB_FUNC auto ballot_format_fault_name(ballot_format_fault f) noexcept -> std::string_view {
  switch (f) {
    case ballot_format_fault::too_short: return "too_short";
    case ballot_format_fault::bad_context: return "bad_context";
    case ballot_format_fault::bad_signature: return "bad_signature";
    case ballot_format_fault::truncated_payload: return "truncated_payload";
    case ballot_format_fault::trailing_bytes: return "trailing_bytes";
    case ballot_format_fault::unknown_payload: return "unknown_payload";
    case ballot_format_fault::count_mismatch: return "count_mismatch";
    case ballot_format_fault::wrong_order: return "wrong_order";
    case ballot_format_fault::duplicate_project: return "duplicate_project";
    case ballot_format_fault::zero_points: return "zero_points";
  }
  return "unknown";
}

PPB_FUNC auto crypto::election_id(std::string_view definition_bytes) noexcept -> digest {
  return sha256_state().update(std::string_view("ppb/election/v1")).update(definition_bytes).finish();
}

namespace detail {

/// Bytes one payload item takes.
constexpr auto ballot_item_bytes(payload_kind k) noexcept -> std::size_t { return k == payload_kind::points ? 6 : 2; }

/// The first canonical-form fault of `b`'s payload, if any (shared by encode and parse, so the two
/// cannot disagree on what canonical means).
inline auto ballot_payload_fault(payload_kind kind, const std::vector<std::uint16_t>& it,
                                 const std::vector<std::uint32_t>& points)
    -> std::optional<std::pair<ballot_format_fault, std::string>> {
  using F = ballot_format_fault;
  if (kind == payload_kind::ranking) {
    std::vector<std::uint16_t> sorted(it);
    std::sort(sorted.begin(), sorted.end());
    if (const auto d = std::adjacent_find(sorted.begin(), sorted.end()); d != sorted.end())
      return std::pair{F::duplicate_project, "project " + std::to_string(*d) + " is ranked twice"};
    return std::nullopt;
  }
  for (std::size_t i = 1; i < it.size(); ++i) {
    if (it[i] == it[i - 1]) return std::pair{F::duplicate_project, "project " + std::to_string(it[i]) + " appears twice"};
    if (it[i] < it[i - 1])
      return std::pair{F::wrong_order, "project " + std::to_string(it[i]) + " follows " + std::to_string(it[i - 1]) +
                                           ": indices must be strictly increasing"};
  }
  if (kind == payload_kind::points)
    for (std::size_t i = 0; i < points.size(); ++i)
      if (points[i] == 0) return std::pair{F::zero_points, "project " + std::to_string(it[i]) + " is given 0 points"};
  return std::nullopt;
}

/// Reads `u16 type ‖ u32 length ‖ payload` at `p` (with `room` bytes left before the signature)
/// into `kind`, `items`, `points`; advances `p`. Returns the fault, if any.
inline auto read_payload(const std::uint8_t*& p, std::size_t room, payload_kind& kind, std::vector<std::uint16_t>& items,
                         std::vector<std::uint32_t>& points) -> std::optional<std::pair<ballot_format_fault, std::string>> {
  using F = ballot_format_fault;
  if (room < 6) return std::pair{F::truncated_payload, "a payload needs a type and a length"};
  const auto type = get_be<std::uint16_t>(p);
  const std::size_t length = get_be<std::uint32_t>(p + 2);
  p += 6;
  room -= 6;
  if (length > room)
    return std::pair{F::truncated_payload, "payload length " + std::to_string(length) + " but only " + std::to_string(room) +
                                               " bytes before the signature"};
  if (type < 1 || type > 3) return std::pair{F::unknown_payload, "payload type " + std::to_string(type)};
  kind = static_cast<payload_kind>(type);
  if (length < 2) return std::pair{F::count_mismatch, "payload of " + std::to_string(length) + " bytes has no count"};
  const std::size_t count = get_be<std::uint16_t>(p);
  const std::size_t item = ballot_item_bytes(kind);
  if (length != 2 + count * item)
    return std::pair{F::count_mismatch, "count " + std::to_string(count) + " needs " + std::to_string(2 + count * item) +
                                            " payload bytes, found " + std::to_string(length)};
  p += 2;
  items.resize(count);
  points.resize(kind == payload_kind::points ? count : 0);
  for (std::size_t i = 0; i < count; ++i) {
    items[i] = get_be<std::uint16_t>(p), p += 2;
    if (kind == payload_kind::points) points[i] = get_be<std::uint32_t>(p), p += 4;
  }
  return ballot_payload_fault(kind, items, points);
}

/// Appends `u16 type ‖ u32 length ‖ payload`; `usage_error` when the choices have no canonical form.
inline void write_payload(byte_buffer& out, payload_kind kind, const std::vector<std::uint16_t>& items,
                          const std::vector<std::uint32_t>& points) {
  if (items.size() > 0xFFFF) throw usage_error("a ballot lists at most 65535 projects");
  if (kind != payload_kind::approval && kind != payload_kind::points && kind != payload_kind::ranking)
    throw usage_error("unknown payload kind " + std::to_string(static_cast<int>(kind)));
  if (kind != payload_kind::points && !points.empty()) throw usage_error("only a points ballot carries points");
  if (kind == payload_kind::points && points.size() != items.size())
    throw usage_error("a points ballot needs one points value per project");
  if (auto fault = ballot_payload_fault(kind, items, points)) throw usage_error("ballot has no canonical form: " + fault->second);
  put_be(out, static_cast<std::uint16_t>(kind));
  put_be(out, static_cast<std::uint32_t>(2 + items.size() * ballot_item_bytes(kind)));
  put_be(out, static_cast<std::uint16_t>(items.size()));
  for (std::size_t i = 0; i < items.size(); ++i) {
    put_be(out, items[i]);
    if (kind == payload_kind::points) put_be(out, points[i]);
  }
}

/// What a ballot and a paper batch share: `context ‖ election ‖ u32 unit ‖ signer key ‖ … ‖ signature`.
/// `at` points just after the signer key, `end` at the signature.
struct signed_envelope {
  digest election{};
  std::uint32_t unit = 0;
  public_key signer{};
  signature sig{};
  const std::uint8_t* at = nullptr;
  const std::uint8_t* end = nullptr;
};

/// One kind of signed envelope: its context, smallest size, and names for messages.
struct envelope_kind {
  std::string_view context;
  std::size_t min_bytes;
  std::string_view what;    // "a ballot"
  std::string_view signer;  // "the ballot's credential key"
};

/// Reads the envelope of `b` and, when asked, checks its signature over exactly the bytes
/// received, before anything after the signer key is read: nothing unauthenticated is interpreted.
inline auto read_envelope(byte_span b, const envelope_kind& kind, bool check_signature)
    -> std::variant<signed_envelope, std::pair<ballot_format_fault, std::string>> {
  using F = ballot_format_fault;
  if (b.size() < kind.min_bytes)
    return std::pair{F::too_short, std::to_string(b.size()) + " bytes; " + std::string(kind.what) + " has at least " +
                                       std::to_string(kind.min_bytes)};
  const auto context = kind.context;
  if (std::memcmp(b.data(), context.data(), context.size()) != 0)
    return std::pair{F::bad_context, "does not start with the " + std::string(context.substr(0, context.find('\0'))) + " context"};
  signed_envelope e;
  const std::uint8_t* p = b.data() + context.size();
  std::memcpy(e.election.data(), p, 32), p += 32;
  e.unit = get_be<std::uint32_t>(p), p += 4;
  std::memcpy(e.signer.data(), p, 32), p += 32;
  e.at = p;
  e.end = b.data() + b.size() - signature_bytes;
  std::memcpy(e.sig.data(), e.end, signature_bytes);
  if (check_signature && !crypto::verify(e.signer, b.first(b.size() - signature_bytes), e.sig))
    return std::pair{F::bad_signature, "the signature does not verify under " + std::string(kind.signer)};
  return e;
}

inline auto parse_ballot_bytes(byte_span b, bool check_signature) -> open_result {
  using F = ballot_format_fault;
  const auto fail = [](F f, std::string d) { return open_result{std::nullopt, f, std::move(d)}; };
  auto envelope = read_envelope(b, {ballot_context, ballot_min_bytes, "a ballot", "the ballot's credential key"}, check_signature);
  if (auto* fault = std::get_if<1>(&envelope)) return fail(fault->first, std::move(fault->second));
  const auto& e = std::get<0>(envelope);
  opened_ballot o;
  auto& c = o.content;
  c.election = e.election;
  c.unit = e.unit;
  c.credential = e.signer;
  o.sig = e.sig;
  const std::uint8_t* p = e.at;
  c.revision = get_be<std::uint64_t>(p), p += 8;
  std::memcpy(c.nonce.data(), p, ballot_nonce_bytes), p += ballot_nonce_bytes;
  if (auto fault = read_payload(p, static_cast<std::size_t>(e.end - p), c.kind, c.items, c.points))
    return fail(fault->first, std::move(fault->second));
  if (p != e.end) return fail(F::trailing_bytes, std::to_string(e.end - p) + " bytes after the payload");
  return open_result{std::move(o), F::too_short, {}};
}

}  // namespace detail

PPB_FUNC auto crypto::encode_ballot(const ballot_content& b) -> byte_buffer {
  byte_buffer out;
  out.reserve(ballot_header_bytes + 2 + b.items.size() * detail::ballot_item_bytes(b.kind) + signature_bytes);
  append(out, as_bytes(ballot_context));
  append(out, b.election);
  put_be(out, b.unit);
  append(out, b.credential);
  put_be(out, b.revision);
  append(out, b.nonce);
  detail::write_payload(out, b.kind, b.items, b.points);
  return out;
}

PPB_FUNC auto crypto::sign_ballot(const ballot_content& b, const secret_key& key) -> byte_buffer {
  auto out = encode_ballot(b);
  const auto sig = key.sign(out);
  append(out, sig);
  return out;
}

PPB_FUNC auto crypto::open_ballot(byte_span signed_bytes) -> open_result {
  return detail::parse_ballot_bytes(signed_bytes, true);
}

PPB_FUNC auto crypto::parse_ballot_unverified(byte_span signed_bytes) -> open_result {
  return detail::parse_ballot_bytes(signed_bytes, false);
}

PPB_FUNC auto crypto::ballot_id(byte_span signed_bytes) -> digest {
  if (signed_bytes.size() < signature_bytes) throw usage_error("ballot_id: fewer bytes than a signature");
  return sha256_state()
      .update(std::string_view("ppb/ballot-id/v1"))
      .update(signed_bytes.first(signed_bytes.size() - signature_bytes))
      .finish();
}

PPB_FUNC auto crypto::is_paper_batch(byte_span signed_bytes) noexcept -> bool {
  return signed_bytes.size() >= paper_context.size() &&
         std::memcmp(signed_bytes.data(), paper_context.data(), paper_context.size()) == 0;
}

PPB_FUNC auto crypto::encode_paper_batch(const paper_batch& b) -> byte_buffer {
  for (std::size_t i = 1; i < b.marks.size(); ++i)
    if (!(b.marks[i - 1] < b.marks[i])) throw usage_error("paper batch: marks must be strictly increasing (sorted, distinct)");
  byte_buffer out;
  out.reserve(paper_header_bytes + 8 + 32 * b.marks.size() + 16 * b.ballots.size() + signature_bytes);
  append(out, as_bytes(paper_context));
  append(out, b.election);
  put_be(out, b.unit);
  append(out, b.officer);
  put_be(out, b.number);
  put_be(out, static_cast<std::uint32_t>(b.marks.size()));
  for (const auto& m : b.marks) append(out, m);
  put_be(out, static_cast<std::uint32_t>(b.ballots.size()));
  for (const auto& c : b.ballots) detail::write_payload(out, c.kind, c.items, c.points);
  return out;
}

PPB_FUNC auto crypto::sign_paper_batch(const paper_batch& b, const secret_key& officer) -> byte_buffer {
  auto out = encode_paper_batch(b);
  const auto sig = officer.sign(out);
  append(out, sig);
  return out;
}

PPB_FUNC auto crypto::open_paper_batch(byte_span b) -> open_batch_result {
  using F = ballot_format_fault;
  const auto fail = [](F f, std::string d) { return open_batch_result{std::nullopt, f, std::move(d)}; };
  auto envelope = detail::read_envelope(
      b, {paper_context, paper_header_bytes + 8 + signature_bytes, "a paper batch", "the batch's officer key"}, true);
  if (auto* fault = std::get_if<1>(&envelope)) return fail(fault->first, std::move(fault->second));
  const auto& e = std::get<0>(envelope);
  opened_batch o;
  auto& c = o.batch;
  c.election = e.election;
  c.unit = e.unit;
  c.officer = e.signer;
  o.sig = e.sig;
  const std::uint8_t* p = e.at;
  const std::uint8_t* const end = e.end;
  c.number = get_be<std::uint64_t>(p), p += 8;
  const std::size_t marks = get_be<std::uint32_t>(p);
  p += 4;
  if (static_cast<std::size_t>(end - p) < marks * public_key_bytes + 4)
    return fail(F::truncated_payload, std::to_string(marks) + " marks do not fit in the batch");
  c.marks.resize(marks);
  for (auto& m : c.marks) std::memcpy(m.data(), p, public_key_bytes), p += public_key_bytes;
  for (std::size_t i = 1; i < marks; ++i) {
    if (c.marks[i] == c.marks[i - 1]) return fail(F::duplicate_project, "a voter is marked twice");
    if (c.marks[i] < c.marks[i - 1]) return fail(F::wrong_order, "marks must be strictly increasing");
  }
  const std::size_t ballots = get_be<std::uint32_t>(p);
  p += 4;
  // Each ballot takes at least 8 bytes: a bound that keeps a forged count from allocating much.
  if (static_cast<std::size_t>(end - p) < 8 * ballots)
    return fail(F::truncated_payload, std::to_string(ballots) + " ballots do not fit in the batch");
  c.ballots.resize(ballots);
  for (auto& ch : c.ballots)
    if (auto fault = detail::read_payload(p, static_cast<std::size_t>(end - p), ch.kind, ch.items, ch.points))
      return fail(fault->first, std::move(fault->second));
  if (p != end) return fail(F::trailing_bytes, std::to_string(end - p) + " bytes after the last ballot");
  return open_batch_result{std::move(o), F::too_short, {}};
}

PPB_FUNC auto crypto::paper_batch_id(byte_span signed_bytes) -> digest {
  if (signed_bytes.size() < signature_bytes) throw usage_error("paper_batch_id: fewer bytes than a signature");
  return sha256_state()
      .update(std::string_view("ppb/paper-id/v1"))
      .update(signed_bytes.first(signed_bytes.size() - signature_bytes))
      .finish();
}

PPB_END_NAMESPACE
