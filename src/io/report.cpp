// Compiles the definitions of ppb/io/report.hpp into libppb (header-first layout, as fmt).
#include "ppb/io/report-inl.hpp"
