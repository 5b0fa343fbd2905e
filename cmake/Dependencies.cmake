# Every third-party lookup of the project, in one place. All come from Debian 12 packages
# (scripts/install-deps.sh installs them).
find_package(PkgConfig REQUIRED)
find_package(Threads REQUIRED)
find_package(ICU 72 REQUIRED COMPONENTS uc i18n data)
find_package(CURL REQUIRED)
find_package(pugixml REQUIRED)
find_package(SQLite3 REQUIRED)
find_package(LibXml2 REQUIRED)
find_package(ZLIB REQUIRED)
find_package(nlohmann_json REQUIRED)
find_package(tomlplusplus REQUIRED)
find_package(CLI11 QUIET)
pkg_check_modules(XAPIAN REQUIRED IMPORTED_TARGET xapian-core)
pkg_check_modules(BROTLI REQUIRED IMPORTED_TARGET libbrotlidec libbrotlienc)
pkg_check_modules(LIBDEFLATE REQUIRED IMPORTED_TARGET libdeflate)
# jemalloc replaces glibc's malloc in the framescope program: Xapian's posting maps and the
# extractor's and analyser's strings make millions of small allocations, which glibc's malloc
# served with 15 to 20 % of `index`'s CPU time (docs/BENCHMARKS.md, measured when the extractor
# still built libxml2's trees). Sanitizer builds keep the
# sanitizers' own allocator.
if(NOT FRAMESCOPE_SANITIZE AND NOT FRAMESCOPE_FUZZ)
  pkg_check_modules(JEMALLOC REQUIRED IMPORTED_TARGET jemalloc)
endif()

# CLD2 ships no CMake or pkg-config file.
find_path(CLD2_INCLUDE_DIR cld2/public/compact_lang_det.h REQUIRED)
find_library(CLD2_LIBRARY NAMES cld2 REQUIRED)
add_library(framescope_cld2 INTERFACE)
target_include_directories(framescope_cld2 SYSTEM INTERFACE ${CLD2_INCLUDE_DIR})
target_link_libraries(framescope_cld2 INTERFACE ${CLD2_LIBRARY})

# tl::expected and CLI11 are header-only.
find_path(TL_EXPECTED_INCLUDE_DIR tl/expected.hpp REQUIRED)
add_library(framescope_expected INTERFACE)
target_include_directories(framescope_expected SYSTEM INTERFACE ${TL_EXPECTED_INCLUDE_DIR})
find_path(CLI11_INCLUDE_DIR CLI/CLI.hpp REQUIRED)

if(FRAMESCOPE_BUILD_TESTS)
  find_package(GTest REQUIRED)
endif()
if(FRAMESCOPE_BUILD_BENCH)
  find_package(benchmark QUIET)
endif()
