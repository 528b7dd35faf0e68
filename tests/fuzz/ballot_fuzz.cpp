// libFuzzer target: signed ballot/v1 bytes (crypto::open_ballot, crypto::parse_ballot_unverified).
// Properties: the parsers never throw on bad bytes; a parse is canonical (parse(b) = x implies
// encode(x) ‖ sig = b); open and the unverified parse agree on every fault but the signature; and a
// parsed ballot re-signed with a known key opens to the same content.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>

#include "ppb/crypto/canonical.hpp"
#include "ppb/crypto/keys.hpp"

namespace {

[[noreturn]] void fail(const char* what) {
  std::fprintf(stderr, "ballot_fuzz: property violated: %s\n", what);
  __builtin_trap();
}

auto same_ballot(const ppb::opened_ballot& a, const ppb::opened_ballot& b) -> bool {
  return a.content == b.content && a.sig == b.sig;
}

// A fixed signer: re-signing a parsed ballot reaches open_ballot's success path, which forged
// fuzz inputs never do.
auto signer() -> const ppb::secret_key& {
  static const ppb::secret_key key = [] {
    ppb::key_seed seed{};
    for (std::size_t i = 0; i < seed.size(); ++i) seed[i] = static_cast<std::uint8_t>(0x5a ^ i);
    return ppb::secret_key::from_seed(seed);
  }();
  return key;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using ppb::ballot_format_fault;
  const ppb::byte_span in(data, size);

  const auto parsed = ppb::crypto::parse_ballot_unverified(in);
  const auto opened = ppb::crypto::open_ballot(in);

  if (parsed) {
    // Canonical: the content encodes back to exactly the bytes before the signature.
    auto again = ppb::crypto::encode_ballot(parsed.ballot->content);
    again.insert(again.end(), parsed.ballot->sig.begin(), parsed.ballot->sig.end());
    if (again.size() != size || !std::equal(again.begin(), again.end(), data)) fail("encode(parse(b)) != b");
    if (size < ppb::ballot_min_bytes) fail("a ballot shorter than ballot_min_bytes parsed");

    // The same content signed by a key whose public part it names opens, to the same content.
    auto content = parsed.ballot->content;
    content.credential = signer().public_part();
    const auto resigned = ppb::crypto::sign_ballot(content, signer());
    if (resigned.size() != size) fail("re-signing changed the length");
    const auto reopened = ppb::crypto::open_ballot(resigned);
    if (!reopened || reopened.ballot->content != content) fail("a re-signed ballot does not open to its content");
  } else {
    if (parsed.detail.empty()) fail("a refusal without a detail");
    if (ppb::ballot_format_fault_name(parsed.fault) == "unknown") fail("a fault without a name");
  }

  if (opened) {
    // Verified implies parsed, to the same ballot.
    if (!parsed || !same_ballot(*opened.ballot, *parsed.ballot)) fail("open succeeded where the plain parse did not agree");
  } else {
    if (opened.detail.empty()) fail("a refusal without a detail");
    // The signature is checked after the length and the context and before everything else.
    if (opened.fault == ballot_format_fault::bad_signature) {
      if (!parsed && (parsed.fault == ballot_format_fault::too_short || parsed.fault == ballot_format_fault::bad_context))
        fail("bad_signature reported for bytes too short or without the context");
    } else if (parsed || parsed.fault != opened.fault) {
      fail("open and the unverified parse disagree on the fault");
    }
  }

  if (size >= ppb::signature_bytes) (void)ppb::crypto::ballot_id(in);
  return 0;
}
