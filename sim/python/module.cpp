// The C++ half of the `accord` Python package (accord/__init__.py is the other half): the
// module `accord._accord`. Errors become Python exceptions with the command line's messages.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include "accord/compare.hpp"
#include "accord/diagnostics.hpp"
#include "accord/directory_lock.hpp"
#include "accord/load.hpp"
#include "accord/memory_budget.hpp"
#include "accord/merge.hpp"
#include "accord/run.hpp"
#include "accord/sweep.hpp"
#include "accord/version.hpp"
#include "calls.hpp"

namespace py = pybind11;
using namespace accord;
using namespace accord::python;

namespace {

Request request_of(const std::vector<std::string>& sets, std::optional<std::uint64_t> seed, std::optional<long> runs,
                   int threads, const std::vector<std::string>& call) {
    return Request{sets, seed, runs, threads, call};
}

void translate_errors(py::module_& m) {
    // accord.InputError: what the command line reports with exit status 2, the same text.
    static py::exception<InputError> input_error(m, "InputError", PyExc_ValueError);
    static py::exception<RunError> run_error(m, "RunError", PyExc_RuntimeError);
    py::register_exception_translator([](std::exception_ptr p) {
        try {
            if (p) std::rethrow_exception(p);
        } catch (const InputError& e) {
            std::string text = format_diagnostics(e.diagnostics());
            while (!text.empty() && text.back() == '\n') text.pop_back();
            // The whole text: a value quoted in it may hold a NUL, where a C string would end, or a byte
            // that is not UTF-8 (the line of a file refused for it), which raised UnicodeDecodeError.
            PyObject* message =
                PyUnicode_DecodeUTF8(text.data(), static_cast<Py_ssize_t>(text.size()), "backslashreplace");
            if (message) {
                PyErr_SetObject(input_error.ptr(), message);
                Py_DECREF(message);
            }
        } catch (const SweepUsageError& e) {
            input_error(e.what());
        } catch (const MergeError& e) {
            input_error(e.what());
        } catch (const DirectoryBusy& e) {
            input_error(e.what());
        } catch (const MemoryBudgetError& e) {
            input_error(e.what());
        } catch (const RunError& e) {
            run_error(e.what());
        } catch (const Interrupted& e) {
            PyErr_SetString(PyExc_KeyboardInterrupt, e.what());
        }
    });
}

}  // namespace

PYBIND11_MODULE(_accord, m) {
    m.doc() = "accord's simulator, for accord/__init__.py";
    m.attr("version") = std::string(version);
    translate_errors(m);

    py::class_<LoadedFile>(m, "Scenario")
        // As os.fsdecode gives a file name: a byte that is not UTF-8 becomes a surrogate, not an error.
        .def_property_readonly("path",
                               [](const LoadedFile& file) {
                                   return py::reinterpret_steal<py::str>(PyUnicode_DecodeFSDefaultAndSize(
                                       file.path.data(), static_cast<Py_ssize_t>(file.path.size())));
                               })
        .def_property_readonly("name", [](const LoadedFile& f) { return f.scenario.name; })
        .def_property_readonly("warnings", [](const LoadedFile& f) { return f.warnings; });
    m.def("load", &load_file, py::arg("path"));
    // The command line's warnings of --set values that an event (and, for a sweep, the design) replaces.
    m.def(
        "set_warnings",
        [](const LoadedFile& f, const std::vector<std::string>& sets, bool swept) {
            const std::vector<Override> overrides = parse_overrides(f.scenario, sets);
            std::vector<std::string> out = event_override_warnings(f.scenario, overrides);
            if (swept)
                for (std::string& warning : swept_override_warnings(f.scenario, overrides))
                    out.push_back(std::move(warning));
            return out;
        },
        py::arg("scenario"), py::arg("sets"), py::arg("swept"));

    m.def(
        "run_files",
        [](const LoadedFile& f, const std::vector<std::string>& sets, std::optional<std::uint64_t> seed,
           std::optional<long> runs, int threads, std::optional<long> trajectories,
           const std::vector<std::string>& call) {
            auto files = run_files(f, request_of(sets, seed, runs, threads, call), trajectories);
            py::dict out;
            for (const auto& [name, text] : files) out[py::str(name)] = py::bytes(text);
            return out;
        },
        py::arg("scenario"), py::arg("sets"), py::arg("seed"), py::arg("runs"), py::arg("threads"),
        py::arg("trajectories"), py::arg("call"));
    m.def(
        "compare_text",
        [](const LoadedFile& a, const LoadedFile& b, const std::vector<std::string>& sets,
           std::optional<std::uint64_t> seed, std::optional<long> runs, int threads,
           const std::vector<std::string>& call) {
            return py::bytes(compare_text(a, b, request_of(sets, seed, runs, threads, call)));
        },
        py::arg("a"), py::arg("b"), py::arg("sets"), py::arg("seed"), py::arg("runs"), py::arg("threads"),
        py::arg("call"));
    m.def(
        "actor_order_warning",
        [](const LoadedFile& a, const LoadedFile& b) { return actor_order_warning(a.scenario, b.scenario); },
        py::arg("a"), py::arg("b"));
    m.def(
        "summarize_text",
        [](const std::string& path, const std::vector<std::string>& by,
           const std::vector<std::pair<std::string, int>>& bins) {
            return py::bytes(summarize_text(path, by, bins));
        },
        py::arg("path"), py::arg("by"), py::arg("bins"));
    m.def(
        "sweep_into",
        [](const LoadedFile& f, const std::string& output, bool resume, bool force, const std::vector<std::string>& sets,
           std::optional<std::uint64_t> seed, std::optional<long> runs, int threads,
           const std::vector<std::string>& call) {
            sweep_into(f, request_of(sets, seed, runs, threads, call), DirectoryRequest{output, resume, force});
        },
        py::arg("scenario"), py::arg("output"), py::arg("resume"), py::arg("force"), py::arg("sets"), py::arg("seed"),
        py::arg("runs"), py::arg("threads"), py::arg("call"));
    m.def(
        "sensitivity_into",
        [](const LoadedFile& f, const std::string& output, const std::string& method, std::optional<long> samples,
           bool resume, bool force, const std::vector<std::string>& sets, std::optional<std::uint64_t> seed,
           std::optional<long> runs, int threads, const std::vector<std::string>& call, const std::string& over) {
            return sensitivity_into(f, request_of(sets, seed, runs, threads, call),
                                    DirectoryRequest{output, resume, force}, method, samples, over);
        },
        py::arg("scenario"), py::arg("output"), py::arg("method"), py::arg("samples"), py::arg("resume"),
        py::arg("force"), py::arg("sets"), py::arg("seed"), py::arg("runs"), py::arg("threads"), py::arg("call"),
        py::arg("over"));
}
