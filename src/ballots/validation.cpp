// Compiles the definitions of ppb/ballots/validation.hpp into libppb (header-first layout, as fmt).
#include "ppb/ballots/validation-inl.hpp"
