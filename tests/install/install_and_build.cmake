# cmake -DBUILD=<accord build> -DWORK=<scratch> -DCONSUMER=<tests/install> -DSCENARIO=<file>
#       -DVERSION=<x.y.z> -DCXX=<compiler> -DFLAGS=<compile and link flags> -P install_and_build.cmake
# Installs accord into a scratch prefix, builds tests/install against it with find_package, and
# runs the consumer and the installed executable.
file(REMOVE_RECURSE ${WORK})

function(run)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE out)
  if(NOT status EQUAL 0)
    string(REPLACE ";" " " command "${ARGN}")
    message(FATAL_ERROR "${command}\nfailed (${status}):\n${out}")
  endif()
  set(output "${out}" PARENT_SCOPE)
endfunction()

run(${CMAKE_COMMAND} --install ${BUILD} --prefix ${WORK}/prefix)
foreach(path bin/accord include/accord/scenario.hpp include/accord/version.hpp lib/cmake/accord/accordConfig.cmake)
  if(NOT EXISTS ${WORK}/prefix/${path})
    message(FATAL_ERROR "not installed: ${path}")
  endif()
endforeach()
if(EXISTS ${WORK}/prefix/include/accord/yaml_reader.hpp)
  message(FATAL_ERROR "a private header of sim/loader was installed")
endif()

run(${CMAKE_COMMAND} -S ${CONSUMER} -B ${WORK}/build -DCMAKE_PREFIX_PATH=${WORK}/prefix
    -DCMAKE_CXX_COMPILER=${CXX} -DCMAKE_BUILD_TYPE=Release "-DCMAKE_CXX_FLAGS=${FLAGS}"
    "-DCMAKE_EXE_LINKER_FLAGS=${FLAGS}")
run(${CMAKE_COMMAND} --build ${WORK}/build)
run(${WORK}/build/consumer ${SCENARIO})
if(NOT output MATCHES "^accord ${VERSION}: 20 runs\n" OR NOT output MATCHES "agreed")
  message(FATAL_ERROR "unexpected output of the consumer:\n${output}")
endif()
run(${WORK}/prefix/bin/accord --version)
if(NOT output STREQUAL "accord ${VERSION}\n")
  message(FATAL_ERROR "unexpected output of the installed accord --version: ${output}")
endif()
message(STATUS "find_package(accord) from an installed tree: the consumer built and ran")
