// Compiles proposals/proposal-inl.hpp into libppb.
#include "ppb/proposals/proposal-inl.hpp"
