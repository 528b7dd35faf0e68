// Compiles io/archive-inl.hpp into libppb.
#include "ppb/io/archive-inl.hpp"
