// Compiles the definitions of ppb/core/rational.hpp into libppb (header-first layout, as fmt).
#include "ppb/core/rational-inl.hpp"
