# Installing storyloom (`make install`) and its Debian package (`make package`).
# Only the command is installed, with the data it reads at run time in the
# share folder beside it, which an installed binary reads before any source
# tree (FindResources, FindWebRoot):
#   bin/storyloom
#   share/storyloom/      resources/: the tables, models/lid.176.ftz and the
#                         generated langid/id_ms_apertium.tsv (scripts/bootstrap)
#   share/storyloom/web/  the web page and openapi.json (`storyloom serve`)
# The binary finds these as ../share/storyloom from its own folder, so the
# layout is fixed whatever the prefix.

# `storyloom --version` says the project's version.
set_property(SOURCE src/cli/main.cc APPEND PROPERTY COMPILE_DEFINITIONS STORYLOOM_VERSION="${PROJECT_VERSION}")

# Installing and packaging need the command alone: they do not build the
# tests and benchmarks first (the Makefile builds `storyloom`, then installs).
set(CMAKE_SKIP_INSTALL_ALL_DEPENDENCY ON)

install(CODE "
  if(NOT EXISTS \"${CMAKE_CURRENT_SOURCE_DIR}/resources/models/lid.176.ftz\")
    message(FATAL_ERROR \"storyloom: ${CMAKE_CURRENT_SOURCE_DIR}/resources/models/lid.176.ftz is missing: \"
                        \"run scripts/bootstrap (or make bootstrap) before installing\")
  endif()")
install(TARGETS storyloom RUNTIME DESTINATION bin)
install(DIRECTORY resources/ DESTINATION share/storyloom)
install(DIRECTORY web/ DESTINATION share/storyloom/web)

# The .deb: the libraries' packages come from dpkg-shlibdeps (dpkg-dev); the
# data packages it reads at run time are named here: the FreeDict lexicons
# resources/lexicons/lexicons.tsv lists (its second column, as
# scripts/bootstrap reads it) and the hunspell dictionaries of the
# Indonesian/Malay decision (src/text/langid.cc).
set(STORYLOOM_DATA_PACKAGES hunspell-id hunspell-en-us)
file(STRINGS resources/lexicons/lexicons.tsv STORYLOOM_LEXICON_ROWS)
foreach(row IN LISTS STORYLOOM_LEXICON_ROWS)
  if(row MATCHES "^#" OR row STREQUAL "")
    continue()
  endif()
  string(REPLACE "\t" ";" fields "${row}")
  list(LENGTH fields n)
  if(n GREATER 1)
    list(GET fields 1 package)
    if(NOT package STREQUAL "-" AND NOT package STREQUAL "")
      list(APPEND STORYLOOM_DATA_PACKAGES ${package})
    endif()
  endif()
endforeach()
list(REMOVE_DUPLICATES STORYLOOM_DATA_PACKAGES)
list(JOIN STORYLOOM_DATA_PACKAGES ", " STORYLOOM_DATA_DEPENDS)
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS resources/lexicons/lexicons.tsv)

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME storyloom)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "multilingual news in, stories and dated timelines out")
set(CPACK_PACKAGE_DESCRIPTION
    "storyloom groups news in many languages into stories, each with a dated timeline, and serves them from the "
    "command line, an HTTP API and a web page.")
set(CPACK_PACKAGE_CONTACT "storyloom maintainers <storyloom@localhost>")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION text)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "${STORYLOOM_DATA_DEPENDS}")
include(CPack)

# The installed command end to end, from a prefix with no source tree in
# reach (tests/install/installed_test.sh): `cmake --install` into DESTDIR,
# and the .deb unpacked.
add_test(NAME installed_prefix
         COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/tests/install/installed_test.sh install
                 ${CMAKE_CURRENT_BINARY_DIR} ${CMAKE_CURRENT_SOURCE_DIR})
add_test(NAME installed_deb
         COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/tests/install/installed_test.sh deb
                 ${CMAKE_CURRENT_BINARY_DIR} ${CMAKE_CURRENT_SOURCE_DIR})
set_tests_properties(installed_prefix installed_deb PROPERTIES TIMEOUT 300 SKIP_RETURN_CODE 77)
