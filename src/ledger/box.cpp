// Compiles the definitions of ppb/ledger/box.hpp into libppb (header-first layout, as fmt).
#include "ppb/ledger/box-inl.hpp"
