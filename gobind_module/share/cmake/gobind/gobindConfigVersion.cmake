# Version file of gobind's CMake package (SameMajorVersion compatibility, version ranges supported).
# Written by hand because gobind's own build is Meson; tests/test_cmake.py checks it against
# gobind_module.__version__.

set(PACKAGE_VERSION "0.1.0")
string(REGEX MATCH "^[0-9]+" _gobind_major "${PACKAGE_VERSION}")

if(PACKAGE_FIND_VERSION_RANGE)
  # find_package(gobind 0.1...<0.3): the lower end must share our major version and be no newer
  # than us; the upper end must admit us.
  if(NOT PACKAGE_FIND_VERSION_MIN_MAJOR STREQUAL _gobind_major
     OR PACKAGE_VERSION VERSION_LESS PACKAGE_FIND_VERSION_MIN
     OR (PACKAGE_FIND_VERSION_RANGE_MAX STREQUAL "INCLUDE" AND PACKAGE_VERSION VERSION_GREATER PACKAGE_FIND_VERSION_MAX)
     OR (PACKAGE_FIND_VERSION_RANGE_MAX STREQUAL "EXCLUDE" AND PACKAGE_VERSION VERSION_GREATER_EQUAL PACKAGE_FIND_VERSION_MAX))
    set(PACKAGE_VERSION_COMPATIBLE FALSE)
  else()
    set(PACKAGE_VERSION_COMPATIBLE TRUE)
  endif()
elseif(NOT "${PACKAGE_FIND_VERSION}" STREQUAL "")
  if(PACKAGE_VERSION VERSION_LESS PACKAGE_FIND_VERSION OR NOT PACKAGE_FIND_VERSION_MAJOR STREQUAL _gobind_major)
    set(PACKAGE_VERSION_COMPATIBLE FALSE)
  else()
    set(PACKAGE_VERSION_COMPATIBLE TRUE)
    if(PACKAGE_VERSION VERSION_EQUAL PACKAGE_FIND_VERSION)
      set(PACKAGE_VERSION_EXACT TRUE)
    endif()
  endif()
else()
  set(PACKAGE_VERSION_COMPATIBLE TRUE)
endif()
unset(_gobind_major)
