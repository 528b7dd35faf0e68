// Compiles the definitions of ppb/tally/rule.hpp into libppb (header-first layout, as fmt).
#include "ppb/tally/rule-inl.hpp"
