// Compiles the definitions of ppb/tally/mes.hpp into libppb (header-first layout, as fmt).
#include "ppb/tally/mes-inl.hpp"
