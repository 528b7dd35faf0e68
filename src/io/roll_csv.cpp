// Compiles io/roll_csv-inl.hpp into libppb.
#include "ppb/io/roll_csv-inl.hpp"
