// Compiles io/election_json-inl.hpp into libppb.
#include "ppb/io/election_json-inl.hpp"
