// stb_image's decoders compiled into the image fuzzer, so that libFuzzer sees their branches and
// the sanitizers their memory (Debian's libstb.so is neither). The same source as the library:
// these definitions take the place of the shared library's in this one program.
#define STB_IMAGE_IMPLEMENTATION
#include <stb_image.h>
