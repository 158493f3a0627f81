# casus_add_test(NAME SOURCES a.cc b.cc LABELS x y)
# Builds a gtest executable and registers it with ctest under its labels,
# so `ctest -L text` runs the text-stage tests.
find_package(GTest REQUIRED)
function(casus_add_test name)
  cmake_parse_arguments(T "" "" "SOURCES;LABELS" ${ARGN})
  add_executable(${name} ${T_SOURCES})
  target_include_directories(${name} PRIVATE ${PROJECT_SOURCE_DIR}/src ${PROJECT_SOURCE_DIR}/tests)
  target_link_libraries(${name} PRIVATE casus_lib GTest::gtest GTest::gtest_main casus_warnings)
  target_compile_definitions(${name} PRIVATE CASUS_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
  add_test(NAME ${name} COMMAND ${name})
  set_tests_properties(${name} PROPERTIES LABELS "${T_LABELS}"
    WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
endfunction()
