// Compiles the definitions of ppb/ledger/merkle.hpp into libppb (header-first layout, as fmt).
#include "ppb/ledger/merkle-inl.hpp"
