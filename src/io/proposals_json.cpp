// Compiles io/proposals_json-inl.hpp into libppb.
#include "ppb/io/proposals_json-inl.hpp"
