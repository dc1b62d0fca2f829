/* glibc's getopt_long for the command-line parser. Swift's Glibc module omits getopt.h, and
 * getopt's state lives in C globals that Swift 6 rightly refuses to touch directly: these
 * accessors are the one place that does. Only the single-threaded CLI calls them. */
#ifndef SETKEY_GETOPT_SHIM_H
#define SETKEY_GETOPT_SHIM_H
#include <getopt.h>
#include <stddef.h>

/* Restart option scanning (glibc: optind = 0 also re-reads GNU extensions); silence getopt's
 * own messages (the caller prints its own). */
static inline void setkey_getopt_reset(void) { optind = 0; opterr = 0; }
static inline int setkey_getopt_index(void) { return optind; }
static inline int setkey_getopt_option(void) { return optopt; }
static inline const char *setkey_getopt_argument(void) { return optarg; }
#endif
