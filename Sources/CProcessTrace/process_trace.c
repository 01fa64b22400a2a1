#define _GNU_SOURCE
#include "process_trace.h"

#include <sys/ptrace.h>
#include <sys/uio.h>
#include <sys/wait.h>

long refgraph_ptrace_seize(pid_t tid) { return ptrace(PTRACE_SEIZE, tid, 0, 0); }

long refgraph_ptrace_interrupt(pid_t tid) { return ptrace(PTRACE_INTERRUPT, tid, 0, 0); }

long refgraph_ptrace_detach_signal(pid_t tid, int signal) {
    return ptrace(PTRACE_DETACH, tid, 0, (void *)(long)signal);
}

pid_t refgraph_wait_thread(pid_t tid, int *status) { return waitpid(tid, status, __WALL); }

ssize_t refgraph_read_process(pid_t pid, void *buffer, size_t length, uint64_t address) {
    struct iovec local = {buffer, length};
    struct iovec remote = {(void *)(uintptr_t)address, length};
    return process_vm_readv(pid, &local, 1, &remote, 1, 0);
}
