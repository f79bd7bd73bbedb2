// CFuzzerDriver/shim.c - empty: the target only exports the header (the driver is libFuzzer's).
#include "CFuzzerDriver.h"
