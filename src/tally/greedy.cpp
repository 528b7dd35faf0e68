// Compiles the definitions of ppb/tally/greedy.hpp into libppb (header-first layout, as fmt).
#include "ppb/tally/greedy-inl.hpp"
