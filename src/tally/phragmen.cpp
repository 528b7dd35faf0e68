// Compiles the definitions of ppb/tally/phragmen.hpp into libppb (header-first layout, as fmt).
#include "ppb/tally/phragmen-inl.hpp"
