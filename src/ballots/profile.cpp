// Compiles the definitions of ppb/ballots/profile.hpp into libppb (header-first layout, as fmt).
#include "ppb/ballots/profile-inl.hpp"
