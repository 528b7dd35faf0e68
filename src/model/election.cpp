// Compiles model/election-inl.hpp into libppb.
#include "ppb/model/election-inl.hpp"
