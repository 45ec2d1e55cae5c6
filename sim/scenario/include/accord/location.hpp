// Where an element of a scenario came from in its file, kept for messages (docs/interface.md section 1:
// every input error names the file, line and column).
#pragma once

#include <string>

namespace accord {

// Where something came from in an input file; line and column are 1-based (0 = unknown).
struct Location {
    std::string file;
    int line = 0;
    int column = 0;
};

}  // namespace accord
