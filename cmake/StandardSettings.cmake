# Sanitizer build: every target, tests included, is compiled and linked with ASan + UBSan and any
# finding aborts the test that triggered it.
if(FRAMESCOPE_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer)
  add_link_options(-fsanitize=address,undefined -fno-sanitize-recover=all)
endif()

# Fuzzing: every library is instrumented for coverage so libFuzzer sees inside it.
if(FRAMESCOPE_FUZZ)
  add_compile_options(-fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer)
  add_link_options(-fsanitize=address,undefined)
endif()
