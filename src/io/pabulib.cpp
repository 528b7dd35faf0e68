// Compiles the definitions of ppb/io/pabulib.hpp into libppb (header-first layout, as fmt).
#include "ppb/io/pabulib-inl.hpp"
