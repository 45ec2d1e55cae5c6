// Terms, utility, acceptance and the decision rule (docs/models.md sections 6 to 8), one header
// for all of them: utility.hpp (section 7), terms.hpp (the weighted mean and median, section 6),
// nash.hpp (Nash bargaining, section 6) and judge.hpp (acceptance and the decision rule, sections
// 7 and 8). The negotiation process's decision is decision.hpp (section 16).
#pragma once

#include "accord/judge.hpp"
#include "accord/nash.hpp"
#include "accord/terms.hpp"
#include "accord/utility.hpp"
