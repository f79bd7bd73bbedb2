// CFuzzerDriver.h - declaration of libFuzzer's driver, which `-sanitize=fuzzer` links in.
#ifndef CFUZZERDRIVER_H
#define CFUZZERDRIVER_H
#include <stddef.h>
#include <stdint.h>

/// Runs libFuzzer with the command line and the per-input callback (libFuzzer's own `main`
/// cannot be used: SwiftPM renames the executable's entry point and aliases `main` to it).
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));

#endif
