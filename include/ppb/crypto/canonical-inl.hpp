// Definitions of ppb/crypto/canonical.hpp.
#include <algorithm>
#include <cstring>

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
inline auto ballot_payload_fault(const ballot_content& b) -> std::optional<std::pair<ballot_format_fault, std::string>> {
  using F = ballot_format_fault;
  const auto& it = b.items;
  if (b.kind == payload_kind::ranking) {
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
  if (b.kind == payload_kind::points)
    for (std::size_t i = 0; i < b.points.size(); ++i)
      if (b.points[i] == 0) return std::pair{F::zero_points, "project " + std::to_string(it[i]) + " is given 0 points"};
  return std::nullopt;
}

inline auto ballot_fail(ballot_format_fault f, std::string detail) -> open_result {
  return open_result{std::nullopt, f, std::move(detail)};
}

inline auto parse_ballot_bytes(byte_span b, bool check_signature) -> open_result {
  using F = ballot_format_fault;
  if (b.size() < ballot_min_bytes)
    return ballot_fail(F::too_short, std::to_string(b.size()) + " bytes; a ballot has at least " +
                                         std::to_string(ballot_min_bytes));
  if (std::memcmp(b.data(), ballot_context.data(), ballot_context.size()) != 0)
    return ballot_fail(F::bad_context, "does not start with the ppb/ballot/v1 context");
  opened_ballot o;
  auto& c = o.content;
  const std::uint8_t* p = b.data() + ballot_context.size();
  std::memcpy(c.election.data(), p, 32), p += 32;
  c.unit = get_be<std::uint32_t>(p), p += 4;
  std::memcpy(c.credential.data(), p, 32), p += 32;
  const std::size_t body = b.size() - signature_bytes;
  std::memcpy(o.sig.data(), b.data() + body, signature_bytes);
  // The signature first, over exactly the bytes received: nothing unauthenticated is interpreted.
  if (check_signature && !crypto::verify(c.credential, b.first(body), o.sig))
    return ballot_fail(F::bad_signature, "the signature does not verify under the ballot's credential key");
  c.revision = get_be<std::uint64_t>(p), p += 8;
  std::memcpy(c.nonce.data(), p, ballot_nonce_bytes), p += ballot_nonce_bytes;
  const auto kind = get_be<std::uint16_t>(p);
  p += 2;
  const std::size_t length = get_be<std::uint32_t>(p);
  p += 4;
  const std::size_t room = body - ballot_header_bytes;
  if (length > room)
    return ballot_fail(F::truncated_payload, "payload length " + std::to_string(length) + " but only " +
                                                 std::to_string(room) + " bytes before the signature");
  if (length < room)
    return ballot_fail(F::trailing_bytes, std::to_string(room - length) + " bytes after the payload");
  if (kind < 1 || kind > 3) return ballot_fail(F::unknown_payload, "payload type " + std::to_string(kind));
  c.kind = static_cast<payload_kind>(kind);
  if (length < 2) return ballot_fail(F::count_mismatch, "payload of " + std::to_string(length) + " bytes has no count");
  const std::size_t count = get_be<std::uint16_t>(p);
  p += 2;
  const std::size_t item = ballot_item_bytes(c.kind);
  if (length != 2 + count * item)
    return ballot_fail(F::count_mismatch, "count " + std::to_string(count) + " needs " +
                                              std::to_string(2 + count * item) + " payload bytes, found " +
                                              std::to_string(length));
  c.items.resize(count);
  if (c.kind == payload_kind::points) c.points.resize(count);
  for (std::size_t i = 0; i < count; ++i) {
    c.items[i] = get_be<std::uint16_t>(p), p += 2;
    if (c.kind == payload_kind::points) c.points[i] = get_be<std::uint32_t>(p), p += 4;
  }
  if (auto fault = ballot_payload_fault(c)) return ballot_fail(fault->first, std::move(fault->second));
  return open_result{std::move(o), F::too_short, {}};
}

}  // namespace detail

PPB_FUNC auto crypto::encode_ballot(const ballot_content& b) -> byte_buffer {
  if (b.items.size() > 0xFFFF) throw usage_error("a ballot lists at most 65535 projects");
  if (b.kind != payload_kind::approval && b.kind != payload_kind::points && b.kind != payload_kind::ranking)
    throw usage_error("unknown payload kind " + std::to_string(static_cast<int>(b.kind)));
  if (b.kind != payload_kind::points && !b.points.empty())
    throw usage_error("only a points ballot carries points");
  if (b.kind == payload_kind::points && b.points.size() != b.items.size())
    throw usage_error("a points ballot needs one points value per project");
  if (auto fault = detail::ballot_payload_fault(b))
    throw usage_error("ballot has no canonical form: " + fault->second);
  const std::size_t payload = 2 + b.items.size() * detail::ballot_item_bytes(b.kind);
  byte_buffer out;
  out.reserve(ballot_header_bytes + payload + signature_bytes);
  append(out, as_bytes(ballot_context));
  append(out, b.election);
  put_be(out, b.unit);
  append(out, b.credential);
  put_be(out, b.revision);
  append(out, b.nonce);
  put_be(out, static_cast<std::uint16_t>(b.kind));
  put_be(out, static_cast<std::uint32_t>(payload));
  put_be(out, static_cast<std::uint16_t>(b.items.size()));
  for (std::size_t i = 0; i < b.items.size(); ++i) {
    put_be(out, b.items[i]);
    if (b.kind == payload_kind::points) put_be(out, b.points[i]);
  }
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

PPB_END_NAMESPACE
