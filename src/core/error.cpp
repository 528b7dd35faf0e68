// Compiles the definitions of ppb/error.hpp into libppb (header-first layout, as fmt).
#include "ppb/error-inl.hpp"
