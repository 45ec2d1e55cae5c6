// The actor index (sim/scenario/src/actor_id_index.cpp, the loader's ActorIndex): ids of up to 11 bytes kept in their slot and
// longer ones compared in full, a repeated id answered with its first index, growth past the
// reserved size keeping every index.
#include <string>

#include <catch2/catch.hpp>
#include <fmt/format.h>

#include "actor_index.hpp"

using accord::detail::ActorIndex;

TEST_CASE("the actor index gives each new id the next index and a repeated id its first one") {
    ActorIndex index;
    CHECK(index.find("a") == -1);  // empty: nothing found
    CHECK(index.insert("a") == -1);
    CHECK(index.insert("b_2") == -1);
    CHECK(index.insert("a") == 0);
    CHECK(index.insert("b_2") == 1);
    CHECK(index.size() == 2);
    CHECK(index.find("b_2") == 1);
    CHECK(index.find("b") == -1);
    CHECK(index.find("") == -1);
}

TEST_CASE("the actor index tells apart ids that share their first 11 bytes or differ only in length") {
    ActorIndex index;
    // 11 bytes fit in the slot; 12 and more are compared through the stored bytes.
    const std::string eleven = "abcdefghijk", twelve = "abcdefghijkl", other = "abcdefghijkm";
    CHECK(index.insert(eleven) == -1);
    CHECK(index.insert(twelve) == -1);
    CHECK(index.insert(other) == -1);
    CHECK(index.insert(std::string(300, 'x')) == -1);
    CHECK(index.find(eleven) == 0);
    CHECK(index.find(twelve) == 1);
    CHECK(index.find(other) == 2);
    CHECK(index.find(std::string(300, 'x')) == 3);
    CHECK(index.find(std::string(301, 'x')) == -1);  // both lengths are stored as 255
    CHECK(index.find("abcdefghijkz") == -1);
    CHECK(index.find(std::string("abc\0", 4)) == -1);  // not "abc" padded with zeros
    CHECK(index.insert("abc") == -1);
    CHECK(index.find(std::string("abc\0", 4)) == -1);
    CHECK(index.find("abc") == 4);
}

TEST_CASE("the actor index keeps every index as it grows past its reserved size") {
    ActorIndex index;
    index.reserve(10);
    for (int i = 0; i < 5000; ++i) CHECK(index.insert(fmt::format("actor_number_{}", i)) == -1);
    for (int i = 0; i < 5000; ++i) CHECK(index.insert(fmt::format("a{}", i)) == -1);
    for (int i = 0; i < 5000; ++i) {
        CHECK(index.find(fmt::format("actor_number_{}", i)) == i);
        CHECK(index.find(fmt::format("a{}", i)) == 5000 + i);
    }
    CHECK(index.find("a5000") == -1);
    CHECK(index.size() == 10000);
}

TEST_CASE("the actor index of a scenario's actors numbers them in order") {
    std::vector<accord::Actor> actors;
    for (const char* id : {"x", "y", "z"}) actors.push_back(accord::Actor{id, id, {}, {}});
    const ActorIndex index(actors);
    CHECK(index.find("x") == 0);
    CHECK(index.find("z") == 2);
    CHECK(index.size() == 3);
}
