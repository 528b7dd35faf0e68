// Compiles eligibility/iin-inl.hpp into libppb.
#include "ppb/eligibility/iin-inl.hpp"
