// Journals (sim/output): rows appended block by block, and what --resume keeps of them.
#include <catch2/catch.hpp>

#include "accord/journal.hpp"
#include "temp_dir.hpp"

using namespace accord;

TEST_CASE("A journal counts complete lines after its header and cuts a half-written tail", "[journal]") {
    test::TempDir dir;
    const auto path = dir / "runs.csv.partial";
    {
        Journal j(path, false);
        j.append("point,value\n0,1\n1,2\n");
        j.sync();
        j.append("2,3\n3,");  // an interruption in the middle of a row
        j.close();
    }
    CHECK(complete_lines(path) == 3);
    truncate_to_lines(path, 2);
    CHECK(test::read_text(path) == "point,value\n0,1\n1,2\n");
    {
        Journal j(path, true);
        j.append("2,3\n");
        j.close();
    }
    CHECK(test::read_text(path) == "point,value\n0,1\n1,2\n2,3\n");
}

TEST_CASE("A journal without a complete header has -1 lines", "[journal]") {
    test::TempDir dir;
    test::write_text(dir / "a", "point,val");
    CHECK(complete_lines(dir / "a") == -1);
    test::write_text(dir / "b", "");
    CHECK(complete_lines(dir / "b") == -1);
    test::write_text(dir / "c", "point,value\n");
    CHECK(complete_lines(dir / "c") == 0);
}
