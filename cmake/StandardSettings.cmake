# Sanitizer build: every target, tests included, is compiled and linked with ASan + UBSan and any
# finding aborts the test that triggered it.
if(FRAMESCOPE_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer)
  add_link_options(-fsanitize=address,undefined -fno-sanitize-recover=all)
endif()
