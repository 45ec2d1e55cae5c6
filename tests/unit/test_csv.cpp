#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include "accord/csv.hpp"
#include "accord/sha256.hpp"

using namespace accord;

TEST_CASE("Numbers are written in their shortest round-trip form", "[csv]") {
    CHECK(format_number(65) == "65");
    CHECK(format_number(0.1) == "0.1");
    CHECK(format_number(1e-7) == "1e-07");
    CHECK(format_number(-0.0) == "0");
    CHECK(format_number(1.0 / 3) == "0.3333333333333333");
    CHECK(format_number(std::nan("")) == "");
}

TEST_CASE("Fields are quoted only when needed", "[csv]") {
    CHECK(csv_field("plain") == "plain");
    CHECK(csv_field("a,b") == "\"a,b\"");
    CHECK(csv_field("say \"no\"") == "\"say \"\"no\"\"\"");
}

TEST_CASE("CSV parsing keeps each cell's line and column", "[csv]") {
    std::string error;
    int line = 0, column = 0;
    auto t = parse_csv("id,capability\nRUS,55\n\"U,S\",100\n", error, line, column);
    REQUIRE(t);
    REQUIRE(t->rows.size() == 3);
    CHECK(t->rows[2][0].text == "U,S");
    CHECK(t->rows[2][1].line == 3);
    CHECK(t->rows[2][1].column == 7);
    CHECK_FALSE(parse_csv("a,\"b\n", error, line, column));
    CHECK(error == "unterminated quoted field");
    CHECK(line == 1);
    CHECK(column == 3);
}

TEST_CASE("The last row is kept when the file ends without a line end after an empty field", "[csv]") {
    std::string error;
    int line = 0, column = 0;
    auto t = parse_csv("id,veto\nA,true\nB,", error, line, column);
    REQUIRE(t);
    REQUIRE(t->rows.size() == 3);
    REQUIRE(t->rows[2].size() == 2);
    CHECK(t->rows[2][0].text == "B");
    CHECK(t->rows[2][1].text.empty());
    auto u = parse_csv("id,veto\nA,true\n", error, line, column);
    REQUIRE(u);
    CHECK(u->rows.size() == 2);  // a final line end adds no empty row
}

TEST_CASE("An atomic file appears only when committed", "[csv]") {
    const auto path = std::filesystem::temp_directory_path() / "accord_atomic_test.csv";
    std::filesystem::remove(path);
    {
        AtomicFile f(path);
        f.write("half");
    }
    CHECK_FALSE(std::filesystem::exists(path));
    {
        AtomicFile f(path);
        f.write("whole\n");
        f.commit();
    }
    std::ifstream in(path);
    std::string text;
    std::getline(in, text);
    CHECK(text == "whole");
    std::filesystem::remove(path);
}

TEST_CASE("SHA-256 of known strings", "[sha256]") {
    // FIPS 180-4 examples.
    CHECK(sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    CHECK(sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    CHECK(sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
          "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}
