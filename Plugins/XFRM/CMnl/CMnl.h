// libmnl, found through pkg-config (apt: libmnl-dev). Swift code uses it through CXFRM,
// whose header includes the same libmnl header after <netinet/in.h>.
#include <netinet/in.h>
#include <libmnl/libmnl.h>
