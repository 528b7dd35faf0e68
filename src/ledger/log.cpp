// Compiles the definitions of ppb/ledger/log.hpp into libppb (header-first layout, as fmt).
#include "ppb/ledger/log-inl.hpp"
