// Compiles the definitions of ppb/tally/tie_break.hpp into libppb (header-first layout, as fmt).
#include "ppb/tally/tie_break-inl.hpp"
