#ifndef REFGRAPH_PROCESS_TRACE_H
#define REFGRAPH_PROCESS_TRACE_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

/* ptrace(2) is variadic and process_vm_readv(2) is declared only with _GNU_SOURCE: Swift can
 * call neither directly. Each returns what the C call returns (-1 with errno on failure). */

/* ptrace(PTRACE_SEIZE, tid, 0, 0): trace the thread without stopping it. */
long refgraph_ptrace_seize(pid_t tid);
/* ptrace(PTRACE_INTERRUPT, tid, 0, 0): stop a seized thread (a group-stop-like trap). */
long refgraph_ptrace_interrupt(pid_t tid);
/* ptrace(PTRACE_DETACH, tid, 0, signal): let the thread go (it runs on), delivering signal
 * (0 for none): a signal that arrived while it was held. */
long refgraph_ptrace_detach_signal(pid_t tid, int signal);
/* waitpid(tid, &status, __WALL): waits for a traced thread of another process's group. */
pid_t refgraph_wait_thread(pid_t tid, int *status);
/* process_vm_readv of one range into one buffer. */
ssize_t refgraph_read_process(pid_t pid, void *buffer, size_t length, uint64_t address);

/* Starts loading the cache line at p (the walk's table probes; Swift has no prefetch). */
static inline void rg_reader_prefetch(const void *p) { __builtin_prefetch(p); }

#endif
