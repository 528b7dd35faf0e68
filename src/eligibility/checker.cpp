// Compiles eligibility/checker-inl.hpp into libppb.
#include "ppb/eligibility/checker-inl.hpp"
