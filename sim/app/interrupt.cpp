#include "interrupt.hpp"

namespace accord::app {

namespace {

std::atomic<bool> interrupt_requested{false};

extern "C" void on_interrupt(int) {
    interrupt_requested = true;
}

}  // namespace

InterruptScope::InterruptScope() {
    interrupt_requested = false;
    struct sigaction action {};
    action.sa_handler = on_interrupt;
    sigemptyset(&action.sa_mask);
    sigaction(SIGINT, &action, &previous_int_);
    sigaction(SIGTERM, &action, &previous_term_);
}

InterruptScope::~InterruptScope() {
    sigaction(SIGINT, &previous_int_, nullptr);
    sigaction(SIGTERM, &previous_term_, nullptr);
}

const std::atomic<bool>* InterruptScope::flag() {
    return &interrupt_requested;
}

}  // namespace accord::app
