// Compiles the definitions of ppb/tally/max_welfare.hpp into libppb (header-first layout, as fmt).
#include "ppb/tally/max_welfare-inl.hpp"
