// libFuzzer's driver entry (compiler-rt, FuzzerInterface.h), linked by -sanitize=fuzzer: runs
// the fuzzing loop with `callback` as the target. The fuzz executable calls it from its own
// main, as SwiftPM links an executable's main itself.
#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));
