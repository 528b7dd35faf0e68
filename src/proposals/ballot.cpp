// Compiles proposals/ballot-inl.hpp into libppb.
#include "ppb/proposals/ballot-inl.hpp"
