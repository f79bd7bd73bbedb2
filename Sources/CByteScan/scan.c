// scan.c - CByteScan is header-only; SwiftPM needs one source file per C target.
#include "CByteScan.h"
