// Compiles model/calendar-inl.hpp into libppb.
#include "ppb/model/calendar-inl.hpp"
