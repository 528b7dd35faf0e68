// Compiles the definitions of ppb/model/instance.hpp into libppb (header-first layout, as fmt).
#include "ppb/model/instance-inl.hpp"
