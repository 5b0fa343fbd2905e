// Digests used across the project: SHA-1 (WARC digests, document ids, model hashes) and its
// base32 and hex spellings.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace framescope::corpus {

// Incremental SHA-1 (FIPS 180-4). Not for security: WARC mandates it for digests.
class Sha1 {
 public:
  // Uses the CPU's SHA instructions when it has them (x86-64), unless `allow_hardware` is false
  // (the portable code then, for tests to compare).
  explicit Sha1(bool allow_hardware = true);
  static bool HardwareAvailable();
  void Update(std::string_view data);
  // Finishes the digest; the object must not be updated afterwards.
  std::array<std::uint8_t, 20> Final();

 private:
  void Blocks(const std::uint8_t* p, std::size_t blocks);
  void Block(const std::uint8_t* p);  // the portable code
  std::uint32_t h_[5];
  bool hardware_ = false;
  std::uint8_t buf_[64];
  std::size_t buf_len_ = 0;
  std::uint64_t total_ = 0;
};

std::string Base32(const std::array<std::uint8_t, 20>& digest);  // RFC 4648, no padding needed
std::string Hex(const std::array<std::uint8_t, 20>& digest);
std::string Sha1Hex(std::string_view data);
// "sha1:" + base32, the form of WARC-Block-Digest and WARC-Payload-Digest.
std::string WarcSha1(std::string_view data);

// 64-bit FNV-1a, for in-memory hashing of short strings (feature hashing, shingles).
inline std::uint64_t Fnv1a64(std::string_view s, std::uint64_t h = 1469598103934665603ULL) {
  for (unsigned char c : s) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  return h;
}

}  // namespace framescope::corpus
