# Turns a text file (the HTML page's script and style sheet) into a C++ header holding it as a raw
# string literal, so that the source stays a readable .js/.css file and the binary needs no file at
# run time. Run as:
#   cmake -DINPUT=graph/html/page.js -DOUTPUT=page_js.h -DNAME=kPageJs -P cmake/embed.cmake
file(READ "${INPUT}" content)
set(delimiter "kg_embed")
string(FIND "${content}" ")${delimiter}\"" clash)
if(NOT clash EQUAL -1)
  message(FATAL_ERROR "${INPUT} contains )${delimiter}\", which would end the raw string")
endif()
get_filename_component(input_name "${INPUT}" NAME)
file(WRITE "${OUTPUT}.tmp"
  "// Generated from ${input_name} by cmake/embed.cmake at build time: edit ${input_name}.\n"
  "#pragma once\n\n#include <string_view>\n\nnamespace kg::graph::embedded {\n\n"
  "inline constexpr std::string_view ${NAME} = R\"${delimiter}(${content})${delimiter}\";\n\n"
  "}  // namespace kg::graph::embedded\n")
file(COPY_FILE "${OUTPUT}.tmp" "${OUTPUT}" ONLY_IF_DIFFERENT)
file(REMOVE "${OUTPUT}.tmp")
