// Compiles eligibility/roll-inl.hpp into libppb.
#include "ppb/eligibility/roll-inl.hpp"
