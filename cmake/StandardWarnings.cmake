# One INTERFACE target carries the project's warning flags; every target links it.
add_library(framescope_warnings INTERFACE)
target_compile_options(framescope_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Woverloaded-virtual -Wnull-dereference
  $<$<BOOL:${FRAMESCOPE_WERROR}>:-Werror>)
