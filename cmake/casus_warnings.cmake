# Warnings live on an INTERFACE target that every casus target links privately.
add_library(casus_warnings INTERFACE)
target_compile_options(casus_warnings INTERFACE -Wall -Wextra -Wshadow -Wnon-virtual-dtor
  -Wno-unused-parameter
  # GCC 12 reports false -Wrestrict positives inside std::string at -O3.
  -Wno-restrict)
if(CASUS_WERROR)
  target_compile_options(casus_warnings INTERFACE -Werror)
endif()
