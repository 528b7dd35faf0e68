// Compiles the definitions of ppb/crypto/canonical.hpp into libppb (header-first layout, as fmt).
#include "ppb/crypto/canonical-inl.hpp"
