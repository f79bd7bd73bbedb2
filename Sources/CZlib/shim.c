// Intentionally empty: the shim is header-only (see include/CZlib.h).
