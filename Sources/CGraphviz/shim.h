// Umbrella header for Graphviz (libgvc, libcgraph). Helpers here exist because Swift 6
// rejects C globals (Agdirected and friends) as not concurrency-safe, or because a function
// libcgraph exports is missing from its public headers.
#ifndef REFGRAPH_CGRAPHVIZ_SHIM_H
#define REFGRAPH_CGRAPHVIZ_SHIM_H

#include <graphviz/gvc.h>
#include <graphviz/cgraph.h>

/// Agdirected is a global struct; a directed, non-strict graph description.
static inline Agdesc_t rg_Agdirected(void) { return Agdirected; }

/// Exported by libcgraph (its DOT scanner, scan.l) but not declared in cgraph.h: empties the
/// scanner's buffer. The scanner keeps input it read ahead across agmemread() calls, so
/// without this a graph is parsed from what the previous text left over (a trailing newline
/// shifts error line numbers; a second graph in one text is read in place of the next text).
extern void aglexbad(void);

/// Starts the next agmemread() on a clean scanner, counting lines from 1.
static inline void rg_resetDOTReader(void) {
    aglexbad();
    agreadline(1);
}

#endif
