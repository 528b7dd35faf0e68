// Compiles the definitions of ppb/tally/meta_rule.hpp into libppb (header-first layout, as fmt).
#include "ppb/tally/meta_rule-inl.hpp"
