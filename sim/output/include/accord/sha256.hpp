// SHA-256 (FIPS 180-4), for the input fingerprints and file checksums recorded in manifest.json.
#pragma once

#include <array>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

namespace accord {

// A digest computed piece by piece, so that a file of any size is hashed in constant memory.
class Sha256 {
public:
    void update(std::string_view bytes);
    // Lower-case hex digest of everything given to update(); the object is spent afterwards.
    std::string hex();

private:
    void block(const unsigned char* chunk);
    std::array<std::uint32_t, 8> h_ = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                                       0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
    std::array<unsigned char, 64> pending_{};
    std::size_t pending_size_ = 0;
    std::uint64_t length_ = 0;
};

// Lower-case hex digest of `bytes`.
std::string sha256_hex(const std::string& bytes);

// Lower-case hex digest of a file's bytes, read in pieces; throws std::runtime_error when it
// cannot be read.
std::string sha256_file(const std::filesystem::path& path);

}  // namespace accord
