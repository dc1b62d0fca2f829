// Everything CXFRM offers is in include/CXFRM.h (static inline functions and constants);
// SwiftPM needs one source file per C target.
#include "CXFRM.h"
