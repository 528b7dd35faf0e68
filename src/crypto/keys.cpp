// Compiles the definitions of ppb/crypto/keys.hpp into libppb (header-first layout, as fmt).
#include "ppb/crypto/keys-inl.hpp"
