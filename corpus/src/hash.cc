#include "framescope/corpus/hash.h"

#include <cstring>

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <cpuid.h>
#include <immintrin.h>
#define FRAMESCOPE_SHA_NI 1
#endif

namespace framescope::corpus {
namespace {
inline std::uint32_t Rol(std::uint32_t x, int n) { return (x << n) | (x >> (32 - n)); }

#ifdef FRAMESCOPE_SHA_NI
// SHA-1 with the x86 SHA extensions (Intel since Goldmont and Ice Lake, AMD since Zen): about
// five times the portable code below, which made the digests half of `import`'s CPU time. Four
// rounds per sha1rnds4; the message words of the next four rounds come from the last sixteen
// through sha1msg1, a xor and sha1msg2 (FIPS 180-4's W[t-3] ^ W[t-8] ^ W[t-14] ^ W[t-16], rotated).
__attribute__((target("sha,sse4.1,ssse3"))) void ShaNiBlocks(std::uint32_t h[5],
                                                                const std::uint8_t* p,
                                                                std::size_t blocks) {
  // The state with a in the highest lane, as sha1rnds4 wants it; e alone in the highest lane.
  const __m128i kByteSwap = _mm_set_epi64x(0x0001020304050607LL, 0x08090a0b0c0d0e0fLL);
  __m128i abcd = _mm_shuffle_epi32(_mm_loadu_si128(reinterpret_cast<const __m128i*>(h)), 0x1B);
  __m128i e = _mm_set_epi32(static_cast<int>(h[4]), 0, 0, 0);
  for (; blocks > 0; --blocks, p += 64) {
    const __m128i abcd_in = abcd, e_in = e;
    __m128i w[4];  // the message words of the last four groups of four rounds, w[i % 4]
    __m128i prev_abcd = abcd;
    for (int i = 0; i < 20; ++i) {
      __m128i words;
      if (i < 4) {
        words = _mm_shuffle_epi8(
            _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 16 * i)), kByteSwap);
      } else {
        words = _mm_sha1msg2_epu32(
            _mm_xor_si128(_mm_sha1msg1_epu32(w[i % 4], w[(i + 1) % 4]), w[(i + 2) % 4]),
            w[(i + 3) % 4]);
      }
      w[i % 4] = words;
      // e for these rounds: the given one first, then a of four rounds before, rotated.
      const __m128i e_words = i == 0 ? _mm_add_epi32(e, words) : _mm_sha1nexte_epu32(prev_abcd, words);
      prev_abcd = abcd;
      switch (i / 5) {  // the round function and constant: an immediate operand
        case 0:
          abcd = _mm_sha1rnds4_epu32(abcd, e_words, 0);
          break;
        case 1:
          abcd = _mm_sha1rnds4_epu32(abcd, e_words, 1);
          break;
        case 2:
          abcd = _mm_sha1rnds4_epu32(abcd, e_words, 2);
          break;
        default:
          abcd = _mm_sha1rnds4_epu32(abcd, e_words, 3);
          break;
      }
    }
    e = _mm_sha1nexte_epu32(prev_abcd, e_in);
    abcd = _mm_add_epi32(abcd, abcd_in);
  }
  _mm_storeu_si128(reinterpret_cast<__m128i*>(h), _mm_shuffle_epi32(abcd, 0x1B));
  h[4] = static_cast<std::uint32_t>(_mm_extract_epi32(e, 3));
}

// CPUID leaf 7 EBX bit 29 (SHA), leaf 1 ECX bits 19 (SSE4.1) and 9 (SSSE3); read directly, since
// not every compiler's __builtin_cpu_supports knows "sha".
bool HasShaNi() {
  static const bool has = [] {
    unsigned a = 0, b = 0, c = 0, d = 0;
    if (!__get_cpuid(1, &a, &b, &c, &d)) return false;
    const bool sse = (c & (1u << 19)) && (c & (1u << 9));
    if (!__get_cpuid_count(7, 0, &a, &b, &c, &d)) return false;
    return sse && (b & (1u << 29));
  }();
  return has;
}
#endif

}  // namespace

Sha1::Sha1(bool allow_hardware)
    : h_{0x67452301, 0xEFCDAB89, 0x98BADCFE, 0x10325476, 0xC3D2E1F0}, buf_{} {
#ifdef FRAMESCOPE_SHA_NI
  hardware_ = allow_hardware && HasShaNi();
#else
  (void)allow_hardware;
#endif
}

bool Sha1::HardwareAvailable() {
#ifdef FRAMESCOPE_SHA_NI
  return HasShaNi();
#else
  return false;
#endif
}

void Sha1::Blocks(const std::uint8_t* p, std::size_t blocks) {
#ifdef FRAMESCOPE_SHA_NI
  if (hardware_) {
    ShaNiBlocks(h_, p, blocks);
    return;
  }
#endif
  for (; blocks > 0; --blocks, p += 64) Block(p);
}

void Sha1::Block(const std::uint8_t* p) {
  std::uint32_t w[80];
  for (int i = 0; i < 16; ++i) {
    w[i] = (std::uint32_t(p[4 * i]) << 24) | (std::uint32_t(p[4 * i + 1]) << 16) |
           (std::uint32_t(p[4 * i + 2]) << 8) | std::uint32_t(p[4 * i + 3]);
  }
  for (int i = 16; i < 80; ++i) w[i] = Rol(w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16], 1);
  std::uint32_t a = h_[0], b = h_[1], c = h_[2], d = h_[3], e = h_[4];
  for (int i = 0; i < 80; ++i) {
    std::uint32_t f, k;
    if (i < 20) {
      f = (b & c) | (~b & d);
      k = 0x5A827999;
    } else if (i < 40) {
      f = b ^ c ^ d;
      k = 0x6ED9EBA1;
    } else if (i < 60) {
      f = (b & c) | (b & d) | (c & d);
      k = 0x8F1BBCDC;
    } else {
      f = b ^ c ^ d;
      k = 0xCA62C1D6;
    }
    std::uint32_t t = Rol(a, 5) + f + e + k + w[i];
    e = d;
    d = c;
    c = Rol(b, 30);
    b = a;
    a = t;
  }
  h_[0] += a;
  h_[1] += b;
  h_[2] += c;
  h_[3] += d;
  h_[4] += e;
}

void Sha1::Update(std::string_view data) {
  const auto* p = reinterpret_cast<const std::uint8_t*>(data.data());
  std::size_t n = data.size();
  total_ += n;
  if (buf_len_ > 0) {
    std::size_t take = std::min(n, sizeof(buf_) - buf_len_);
    std::memcpy(buf_ + buf_len_, p, take);
    buf_len_ += take;
    p += take;
    n -= take;
    if (buf_len_ == 64) {
      Blocks(buf_, 1);
      buf_len_ = 0;
    }
  }
  if (n >= 64) {
    Blocks(p, n / 64);
    p += n / 64 * 64;
    n %= 64;
  }
  if (n > 0) {
    std::memcpy(buf_, p, n);
    buf_len_ = n;
  }
}

std::array<std::uint8_t, 20> Sha1::Final() {
  std::uint64_t bits = total_ * 8;
  std::uint8_t pad = 0x80;
  Update(std::string_view(reinterpret_cast<const char*>(&pad), 1));
  std::uint8_t zero = 0;
  while (buf_len_ != 56) Update(std::string_view(reinterpret_cast<const char*>(&zero), 1));
  std::uint8_t len[8];
  for (int i = 0; i < 8; ++i) len[i] = std::uint8_t(bits >> (56 - 8 * i));
  Update(std::string_view(reinterpret_cast<const char*>(len), 8));
  std::array<std::uint8_t, 20> out{};
  for (int i = 0; i < 5; ++i) {
    out[4 * i] = std::uint8_t(h_[i] >> 24);
    out[4 * i + 1] = std::uint8_t(h_[i] >> 16);
    out[4 * i + 2] = std::uint8_t(h_[i] >> 8);
    out[4 * i + 3] = std::uint8_t(h_[i]);
  }
  return out;
}

std::string Base32(const std::array<std::uint8_t, 20>& d) {
  static const char* kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  std::string out;
  // 160 bits = exactly 32 base32 characters.
  std::uint64_t buffer = 0;
  int bits = 0;
  for (std::uint8_t byte : d) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out.push_back(kAlphabet[(buffer >> (bits - 5)) & 31]);
      bits -= 5;
    }
  }
  return out;
}

std::string Hex(const std::array<std::uint8_t, 20>& d) {
  static const char* kHex = "0123456789abcdef";
  std::string out;
  for (std::uint8_t b : d) {
    out.push_back(kHex[b >> 4]);
    out.push_back(kHex[b & 15]);
  }
  return out;
}

std::string Sha1Hex(std::string_view data) {
  Sha1 s;
  s.Update(data);
  return Hex(s.Final());
}

std::string WarcSha1(std::string_view data) {
  Sha1 s;
  s.Update(data);
  return "sha1:" + Base32(s.Final());
}

}  // namespace framescope::corpus
