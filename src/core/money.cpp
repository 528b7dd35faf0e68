// Compiles the definitions of ppb/core/money.hpp into libppb (header-first layout, as fmt).
#include "ppb/core/money-inl.hpp"
