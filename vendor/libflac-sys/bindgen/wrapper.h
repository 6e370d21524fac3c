#include "../flac/include/FLAC/all.h"
