// CISAL/shim.h - ISA-L's inflate and CRC-32 (libisal-dev), used only under the ISAL trait.
#ifndef CISAL_SHIM_H
#define CISAL_SHIM_H
#include <isa-l/igzip_lib.h>
#include <isa-l/crc.h>
#endif
