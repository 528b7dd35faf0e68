// Compiles the definitions of ppb/io/json.hpp into libppb (header-first layout, as fmt).
#include "ppb/io/json-inl.hpp"
