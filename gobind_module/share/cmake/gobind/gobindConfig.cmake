# gobind's CMake package: find_package(gobind CONFIG REQUIRED) then
#
#   gobind_add_extension(<name> <go_package> [DIR <dir>] [GO_TAGS <tag>...] [PYTHON <python>])
#   gobind_install(<name> [DESTINATION <dir>] [COMPONENT <component>])
#
# gobind_add_extension() is the CMake form of Meson's gobind.extension() and runs the same
# recipe (templates/extension.meson.j2): `python -m gobind_module gen` writes the generated
# sources, `python -m gobind_module go-build` compiles them with the Go package into a C
# archive, and the CPython extension module links the generated C file with that archive,
# exporting only PyInit_<name>.  docs/cmake.md describes every argument.
#
# This file lives in <site-packages>/gobind_module/share/cmake/gobind/, where
# find_package() finds it with <site-packages> on CMAKE_PREFIX_PATH, or with
# -Dgobind_DIR="$(python -m gobind_module --cmake-dir)".

if(CMAKE_VERSION VERSION_LESS 3.18)
  set(gobind_FOUND FALSE)
  set(gobind_NOT_FOUND_MESSAGE "gobind needs CMake 3.18 or newer (this is CMake ${CMAKE_VERSION})")
  return()
endif()
# Functions defined below keep these policy settings (CMP0116: depfile paths are transformed
# for Ninja), whatever the calling project asks for.
cmake_policy(VERSION 3.18...3.31)

# gobind compiles C code and hands the same C compiler to cgo.
get_property(_gobind_languages GLOBAL PROPERTY ENABLED_LANGUAGES)
if(NOT "C" IN_LIST _gobind_languages)
  set(gobind_FOUND FALSE)
  set(gobind_NOT_FOUND_MESSAGE
    "gobind needs the C language: enable it before find_package(gobind), e.g. project(<name> LANGUAGES C)")
  return()
endif()
unset(_gobind_languages)

include(CMakeFindDependencyMacro)

# The CPython the extension is built for.  A project that already ran
# find_package(Python3 COMPONENTS Interpreter Development[.Module]) keeps its choice;
# -DPython3_EXECUTABLE=... picks another interpreter.
if(NOT TARGET Python3::Module OR NOT Python3_Interpreter_FOUND)
  find_dependency(Python3 COMPONENTS Interpreter Development.Module)
endif()
if(NOT TARGET Threads::Threads)
  find_dependency(Threads)
endif()

# gobind_module/ of this installation (this file is gobind_module/share/cmake/gobind/).
get_filename_component(_gobind_pkgdir "${CMAKE_CURRENT_LIST_DIR}/../../.." REALPATH)

# Runs `python` and reports where it imports gobind_module from ("" if it cannot) and its version.
function(_gobind_probe python out_dir out_version)
  execute_process(
    COMMAND "${python}" -c "import os, gobind_module as g; print(os.path.realpath(os.path.dirname(g.__file__))); print(g.__version__)"
    WORKING_DIRECTORY "${CMAKE_CURRENT_FUNCTION_LIST_DIR}"
    RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_QUIET OUTPUT_STRIP_TRAILING_WHITESPACE)
  set(dir "")
  set(version "")
  if(rc EQUAL 0)
    string(REPLACE "\r" "" out "${out}")
    string(REPLACE "\n" ";" out "${out}")
    list(LENGTH out n)
    if(n EQUAL 2)
      list(GET out 0 dir)
      list(GET out 1 version)
    endif()
  endif()
  set(${out_dir} "${dir}" PARENT_SCOPE)
  set(${out_version} "${version}" PARENT_SCOPE)
endfunction()

# The interpreter gobind is installed in: the target Python if it imports this very copy of
# gobind_module, else the interpreter of the environment whose site-packages holds this file,
# else the target Python if it imports some other copy of gobind_module.
function(_gobind_find_python out)
  set(candidates "")
  if(Python3_EXECUTABLE)
    list(APPEND candidates "${Python3_EXECUTABLE}")
  endif()
  get_filename_component(site "${_gobind_pkgdir}" DIRECTORY)   # .../site-packages
  get_filename_component(libdir "${site}" DIRECTORY)           # <prefix>/lib/pythonX.Y or <prefix>/Lib
  get_filename_component(libname "${libdir}" NAME)             # pythonX.Y
  if(WIN32)
    get_filename_component(prefix "${libdir}" DIRECTORY)
    list(APPEND candidates "${prefix}/Scripts/python.exe" "${prefix}/python.exe")
  else()
    get_filename_component(prefix "${libdir}/../.." ABSOLUTE)
    list(APPEND candidates "${prefix}/bin/${libname}" "${prefix}/bin/python3" "${prefix}/bin/python")
  endif()
  list(REMOVE_DUPLICATES candidates)
  foreach(candidate IN LISTS candidates)
    if(EXISTS "${candidate}" AND NOT IS_DIRECTORY "${candidate}")
      _gobind_probe("${candidate}" dir version)
      if(dir STREQUAL _gobind_pkgdir)
        set(${out} "${candidate}" PARENT_SCOPE)
        return()
      endif()
    endif()
  endforeach()
  if(Python3_EXECUTABLE)
    _gobind_probe("${Python3_EXECUTABLE}" dir version)
    if(dir)
      message(STATUS "gobind: using gobind ${version} from ${dir} (the CMake package is in ${_gobind_pkgdir})")
      set(${out} "${Python3_EXECUTABLE}" PARENT_SCOPE)
      return()
    endif()
  endif()
  set(${out} "" PARENT_SCOPE)
endfunction()

# GOBIND_PYTHON: the interpreter that runs `python -m gobind_module` during the build.
# Chosen once per build folder and kept in the cache; -DGOBIND_PYTHON=... overrides it.
if(NOT GOBIND_PYTHON)
  _gobind_find_python(_gobind_python)
  if(NOT _gobind_python)
    set(gobind_FOUND FALSE)
    string(CONCAT gobind_NOT_FOUND_MESSAGE
      "gobind: no Python interpreter that can import gobind_module was found for the CMake package in "
      "${_gobind_pkgdir} (tried Python3_EXECUTABLE='${Python3_EXECUTABLE}' and the environment holding "
      "that folder).  Pass -DGOBIND_PYTHON=/path/to/python of the environment gobind is installed in.")
    return()
  endif()
  set(GOBIND_PYTHON "${_gobind_python}" CACHE FILEPATH
    "Python interpreter that runs gobind's build steps (python -m gobind_module)" FORCE)
  unset(_gobind_python)
endif()
if(NOT GOBIND_PYTHON STREQUAL _GOBIND_PYTHON_CHECKED)
  _gobind_probe("${GOBIND_PYTHON}" _gobind_dir _gobind_version)
  if(NOT _gobind_dir)
    set(gobind_FOUND FALSE)
    string(CONCAT gobind_NOT_FOUND_MESSAGE
      "gobind: GOBIND_PYTHON='${GOBIND_PYTHON}' cannot import gobind_module; set it to the Python of the "
      "environment gobind is installed in.")
    return()
  endif()
  message(STATUS "gobind: build steps run with ${GOBIND_PYTHON} (gobind ${_gobind_version} in ${_gobind_dir})")
  if(DEFINED gobind_VERSION AND NOT _gobind_version STREQUAL gobind_VERSION)
    message(WARNING "gobind: the CMake package is version ${gobind_VERSION} but GOBIND_PYTHON runs "
      "gobind ${_gobind_version} (${_gobind_dir})")
  endif()
  set(_GOBIND_PYTHON_CHECKED "${GOBIND_PYTHON}" CACHE INTERNAL "GOBIND_PYTHON value known to import gobind_module")
  unset(_gobind_dir)
  unset(_gobind_version)
endif()

# gobind_add_extension(<name> <go_package> [DIR <dir>] [GO_TAGS <tag>...] [PYTHON <python>]
#                      [LIMITED_API <X.Y>] [PEP8_NAMES] [INSTANTIATE <Name=T1,T2>...])
function(gobind_add_extension name package)
  cmake_parse_arguments(PARSE_ARGV 2 arg "PEP8_NAMES" "DIR;PYTHON;LIMITED_API" "GO_TAGS;INSTANTIATE")
  set(fn "gobind_add_extension(${name})")
  if(arg_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "${fn}: unexpected arguments: ${arg_UNPARSED_ARGUMENTS}")
  endif()
  if(arg_KEYWORDS_MISSING_VALUES)
    message(FATAL_ERROR "${fn}: ${arg_KEYWORDS_MISSING_VALUES} needs a value")
  endif()
  # Folder Go runs in (inside the Go module): DIR, relative to this CMakeLists.txt.
  if(DEFINED arg_DIR)
    get_filename_component(dir "${arg_DIR}" ABSOLUTE BASE_DIR "${CMAKE_CURRENT_SOURCE_DIR}")
  else()
    set(dir "${CMAKE_CURRENT_SOURCE_DIR}")
  endif()
  if(NOT IS_DIRECTORY "${dir}")
    message(FATAL_ERROR "${fn}: DIR '${dir}' is not a folder")
  endif()

  # Interpreter running gobind: PYTHON (a path or an executable target), else GOBIND_PYTHON.
  if(DEFINED arg_PYTHON)
    if(TARGET "${arg_PYTHON}")
      set(python "$<TARGET_FILE:${arg_PYTHON}>")
    else()
      set(python "${arg_PYTHON}")
    endif()
  else()
    set(python "${GOBIND_PYTHON}")
  endif()

  set(tag_args "")
  if(arg_GO_TAGS)
    list(JOIN arg_GO_TAGS "," tags)
    set(tag_args --tags "${tags}")
  endif()
  set(limited_args "")
  if(arg_LIMITED_API)
    set(limited_args --limited-api "${arg_LIMITED_API}")
  endif()
  if(arg_PEP8_NAMES)
    list(APPEND limited_args --pep8-names)   # snake_case names (docs/type-mapping.md, "Names")
  endif()
  # Instantiations of generics: Max=int,float64 Pair=string,int (as --instantiate on the command line).
  set(inst_args "")
  foreach(inst IN LISTS arg_INSTANTIATE)
    list(APPEND inst_args "--instantiate=${inst}")
  endforeach()
  # gobind checks the name, package and tags (the checks of gobind.extension() and load()) and
  # spells them as the gen step's arguments, one a line.
  execute_process(
    COMMAND "${GOBIND_PYTHON}" -m gobind_module gen-args --name "${name}" "--dir=${dir}" ${tag_args}
            ${limited_args} ${inst_args} -- "${package}"
    RESULT_VARIABLE rc OUTPUT_VARIABLE gen_args ERROR_VARIABLE err
    OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_STRIP_TRAILING_WHITESPACE)
  if(NOT rc EQUAL 0)
    string(REGEX REPLACE "^gobind: " "" err "${err}")
    message(FATAL_ERROR "${fn}: ${err}")
  endif()
  string(REPLACE "\n" ";" gen_args "${gen_args}")
  set(major 3)
  if(Python3_VERSION_MAJOR)
    set(major "${Python3_VERSION_MAJOR}")
  endif()
  # cgo gets the project's C compiler, as one CC string (the CC environment variable wins).
  set(cc "${CMAKE_C_COMPILER}")
  if(cc MATCHES " ")
    set(cc "\"${cc}\"")
  endif()
  if(CMAKE_C_COMPILER_ARG1)
    string(STRIP "${CMAKE_C_COMPILER_ARG1}" arg1)
    string(APPEND cc " ${arg1}")
  endif()

  # Precise rebuilds come from depfiles that list every Go file of the package and gobind's
  # own sources.  Generators without DEPFILE support (or GOBIND_USE_DEPFILE=OFF) instead
  # depend on the .go files found under DIR at configure time.
  if(DEFINED GOBIND_USE_DEPFILE)
    set(use_depfile "${GOBIND_USE_DEPFILE}")
  elseif(CMAKE_VERSION VERSION_GREATER_EQUAL 3.21
         OR (CMAKE_VERSION VERSION_GREATER_EQUAL 3.20 AND CMAKE_GENERATOR MATCHES "Ninja|Makefiles"))
    set(use_depfile ON)
  else()
    set(use_depfile OFF)
  endif()

  set(out "${CMAKE_CURRENT_BINARY_DIR}")
  set(gofile "${out}/${name}_gobind.go")
  set(cfile "${out}/${name}_gobind.c")
  set(abi "${out}/${name}_abi.h")
  set(pyi "${out}/${name}.pyi")
  set(map "${out}/${name}.map")
  set(api "${out}/${name}_api.json")
  set(archive "${out}/lib${name}_gobind.a")
  # gobind's support code, the same for every module, written beside it by the gen step
  set(support "${out}/${name}_types.h" "${out}/${name}_support.h" "${out}/${name}_support.c")
  set(support_go "${out}/${name}_support.go")

  if(use_depfile)
    set(src_deps DEPFILE "${out}/${name}_gobind_src.d")
    set(go_deps DEPFILE "${out}/${name}_gobind_go.d")
    set(go_files "")
    set(src_depfile_args --depfile "${out}/${name}_gobind_src.d")
    set(go_depfile_args --depfile "${out}/${name}_gobind_go.d")
  else()
    file(GLOB_RECURSE go_files CONFIGURE_DEPENDS "${dir}/*.go" "${dir}/go.mod" "${dir}/go.sum")
    set(src_deps DEPENDS ${go_files})
    set(go_deps "")
    set(src_depfile_args "")
    set(go_depfile_args "")
  endif()

  # Step 1 (Meson: <name>_gobind_src): inspect the Go package and write the generated sources.
  add_custom_command(
    OUTPUT "${gofile}" "${cfile}" "${abi}" "${pyi}" "${map}" "${api}" ${support} "${support_go}"
    COMMAND "${python}" -m gobind_module gen --outdir "${out}" ${src_depfile_args} --python-major "${major}"
            ${gen_args}
    ${src_deps}
    COMMENT "Generating ${name}_gobind_src (gobind gen ${package})"
    VERBATIM)
  add_custom_target(${name}_gobind_src DEPENDS "${gofile}" "${cfile}" "${abi}" "${pyi}" "${map}" "${api}"
                                               ${support} "${support_go}")

  # Step 2 (Meson: <name>_gobind_go): go build -buildmode=c-archive of the generated cgo file.
  add_custom_command(
    OUTPUT "${archive}"
    COMMAND "${python}" -m gobind_module go-build --dir "${dir}" --api "${api}" ${go_depfile_args}
            --cc "${cc}" ${tag_args} -o "${archive}" "${gofile}" "${support_go}"
    DEPENDS "${gofile}" "${support_go}" "${api}" ${go_files}
    ${go_deps}
    COMMENT "Generating ${name}_gobind_go (go build -buildmode=c-archive)"
    VERBATIM)
  add_custom_target(${name}_gobind_go DEPENDS "${archive}")
  add_dependencies(${name}_gobind_go ${name}_gobind_src)

  # Step 3: the extension module, exporting only PyInit_<name>: the module's C file and the
  # support code compile as two objects.
  if(arg_LIMITED_API)
    # Python's limited API (checked by gen-args): Py_LIMITED_API for X.Y, named <name>.abi3.so.
    string(REPLACE "." ";" limited "${arg_LIMITED_API}")
    list(GET limited 1 minor)
    math(EXPR hex "0x03000000 + ${minor} * 0x10000" OUTPUT_FORMAT HEXADECIMAL)
    Python3_add_library(${name} MODULE "${cfile}" "${abi}" ${support})
    target_compile_definitions(${name} PRIVATE "Py_LIMITED_API=${hex}")
    set_target_properties(${name} PROPERTIES SUFFIX ".abi3${CMAKE_SHARED_MODULE_SUFFIX}")
  else()
    Python3_add_library(${name} MODULE WITH_SOABI "${cfile}" "${abi}" ${support})
  endif()
  add_dependencies(${name} ${name}_gobind_go)
  target_link_libraries(${name} PRIVATE "${archive}" Threads::Threads)
  target_link_options(${name} PRIVATE "LINKER:--version-script=${map}")
  set_property(TARGET ${name} APPEND PROPERTY LINK_DEPENDS "${map}" "${archive}")
  set_target_properties(${name} PROPERTIES
    GOBIND_PYI "${pyi}"
    GOBIND_GO_PACKAGE "${package}"
    GOBIND_GO_DIR "${dir}"
    GOBIND_ARCHIVE "${archive}")
endfunction()

# gobind_install(<name> [DESTINATION <dir>] [COMPONENT <component>]): installs the module and
# its .pyi stub, like Meson's `install: true`.  DESTINATION defaults to "." under
# scikit-build-core (the wheel's platlib), else to the target Python's site-packages relative
# to CMAKE_INSTALL_PREFIX (lib/pythonX.Y/site-packages).
function(gobind_install name)
  cmake_parse_arguments(PARSE_ARGV 1 arg "" "DESTINATION;COMPONENT" "")
  if(arg_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "gobind_install(${name}): unexpected arguments: ${arg_UNPARSED_ARGUMENTS}")
  endif()
  if(NOT TARGET ${name})
    message(FATAL_ERROR "gobind_install(${name}): no such target; call gobind_add_extension(${name} ...) first")
  endif()
  get_target_property(pyi ${name} GOBIND_PYI)
  if(NOT pyi)
    message(FATAL_ERROR "gobind_install(${name}): ${name} was not made by gobind_add_extension()")
  endif()
  if(DEFINED arg_DESTINATION)
    set(dest "${arg_DESTINATION}")
  elseif(DEFINED SKBUILD)
    set(dest ".")
  else()
    if(NOT DEFINED GOBIND_PYTHON_INSTALL_DIR)
      execute_process(
        COMMAND "${Python3_EXECUTABLE}" -c
          "import os, sysconfig; s = 'nt' if os.name == 'nt' else 'posix_prefix'; print(sysconfig.get_path('platlib', s, vars={'base': '@', 'platbase': '@'})[2:].replace(os.sep, '/'))"
        RESULT_VARIABLE rc OUTPUT_VARIABLE platlib OUTPUT_STRIP_TRAILING_WHITESPACE)
      if(NOT rc EQUAL 0 OR platlib STREQUAL "")
        message(FATAL_ERROR "gobind_install(${name}): could not ask ${Python3_EXECUTABLE} for its "
          "site-packages layout; pass DESTINATION")
      endif()
      set(GOBIND_PYTHON_INSTALL_DIR "${platlib}" CACHE STRING
        "Where gobind_install() puts modules, relative to CMAKE_INSTALL_PREFIX")
    endif()
    set(dest "${GOBIND_PYTHON_INSTALL_DIR}")
  endif()
  set(component "")
  if(DEFINED arg_COMPONENT)
    set(component COMPONENT "${arg_COMPONENT}")
  endif()
  install(TARGETS ${name} LIBRARY DESTINATION "${dest}" ${component})
  install(FILES "${pyi}" DESTINATION "${dest}" ${component})
endfunction()
