// Umbrella header for Graphviz (libgvc, libcgraph). Helpers here exist because Swift 6
// rejects C globals (Agdirected and friends) as not concurrency-safe.
#ifndef REFGRAPH_CGRAPHVIZ_SHIM_H
#define REFGRAPH_CGRAPHVIZ_SHIM_H

#include <graphviz/gvc.h>
#include <graphviz/cgraph.h>

/// Agdirected is a global struct; a directed, non-strict graph description.
static inline Agdesc_t rg_Agdirected(void) { return Agdirected; }

#endif
