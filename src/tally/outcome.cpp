// Compiles the definitions of ppb/tally/outcome.hpp into libppb (header-first layout, as fmt).
#include "ppb/tally/outcome-inl.hpp"
