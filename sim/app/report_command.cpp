// accord report DIR -o FILE: a briefing report of a result directory as one self-contained HTML file
// (docs/report.md). The page is built by analysis/report.py, run here with the Python interpreter; this
// command finds the interpreter and the script, passes its own path for `accord graph`, and returns
// the script's exit status (0 written, 1 a missing library or an I/O error, 2 not a result directory).
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <string>
#include <system_error>
#include <vector>

#include "commands.hpp"

extern char** environ;

namespace accord::app {

namespace {

namespace fs = std::filesystem;

// The running executable, for `accord graph` inside the report script.
fs::path own_executable() {
    std::error_code error;
    const fs::path self = fs::read_symlink("/proc/self/exe", error);
    return error ? fs::path() : self;
}

// analysis/report.py: beside an installed executable (PREFIX/bin/accord -> PREFIX/share/accord/analysis),
// else in the source tree this executable was built from (ACCORD_ANALYSIS_DIR, set at compile time).
fs::path report_script() {
    const fs::path self = own_executable();
    std::vector<fs::path> candidates;
    if (!self.empty()) candidates.push_back(self.parent_path().parent_path() / "share/accord/analysis/report.py");
    candidates.push_back(fs::path(ACCORD_ANALYSIS_DIR) / "report.py");
    for (const auto& candidate : candidates) {
        std::error_code error;
        if (fs::is_regular_file(candidate, error)) return candidate;
    }
    return {};
}

// python3: ACCORD_PYTHON3 from the environment when set (nothing when it is not executable), else
// /usr/bin/python3 (Debian's, with its packages), else the first python3 on PATH.
fs::path python3() {
    if (const char* chosen = std::getenv("ACCORD_PYTHON3"); chosen && *chosen)
        return ::access(chosen, X_OK) == 0 ? fs::path(chosen) : fs::path();
    std::vector<fs::path> candidates{"/usr/bin/python3"};
    if (const char* path = std::getenv("PATH")) {
        std::string rest = path;
        for (std::size_t start = 0; start <= rest.size();) {
            const std::size_t end = std::min(rest.find(':', start), rest.size());
            if (end > start) candidates.push_back(fs::path(rest.substr(start, end - start)) / "python3");
            start = end + 1;
        }
    }
    for (const auto& candidate : candidates)
        if (::access(candidate.c_str(), X_OK) == 0) return candidate;
    return {};
}

// Runs argv and returns its exit status, or -1 when it cannot be started.
int run_program(const std::vector<std::string>& args) {
    std::vector<char*> argv;
    for (const auto& arg : args) argv.push_back(const_cast<char*>(arg.c_str()));
    argv.push_back(nullptr);
    pid_t pid = 0;
    if (const int error = posix_spawn(&pid, argv[0], nullptr, nullptr, argv.data(), environ); error != 0) {
        std::cerr << "accord report: error: cannot run " << args[0] << ": " << std::strerror(error) << "\n";
        return -1;
    }
    int status = 0;
    while (waitpid(pid, &status, 0) < 0)
        if (errno != EINTR) return -1;
    if (WIFEXITED(status)) return WEXITSTATUS(status);
    std::cerr << "accord report: error: " << args[0] << " was killed by signal " << WTERMSIG(status) << "\n";
    return -1;
}

}  // namespace

ExitStatus report_command(const CommonOptions& /*common*/, const std::string& directory, const std::string& output) {
    const fs::path interpreter = python3();
    if (interpreter.empty()) {
        std::cerr << "accord report: error: python3 not found or not executable (install python3, python3-pandas and "
                     "python3-matplotlib, or set ACCORD_PYTHON3 to one)\n";
        return ExitStatus::failure;
    }
    const fs::path script = report_script();
    if (script.empty()) {
        std::cerr << "accord report: error: analysis/report.py not found beside the executable nor in "
                  << ACCORD_ANALYSIS_DIR << "\n";
        return ExitStatus::failure;
    }
    std::vector<std::string> args{interpreter.string(), script.string(), directory, "-o", output};
    if (const fs::path self = own_executable(); !self.empty()) {
        args.emplace_back("--accord");
        args.push_back(self.string());
    }
    const int status = run_program(args);
    if (status == 0) return ExitStatus::success;
    if (status == 2) return ExitStatus::bad_input;
    return ExitStatus::failure;
}

}  // namespace accord::app
