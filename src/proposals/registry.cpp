// Compiles proposals/registry-inl.hpp into libppb.
#include "ppb/proposals/registry-inl.hpp"
