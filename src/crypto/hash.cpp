// Compiles the definitions of ppb/crypto/hash.hpp into libppb (header-first layout, as fmt).
#include "ppb/crypto/hash-inl.hpp"
