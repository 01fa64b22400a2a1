/* For PendingCallBreakerTests: a thread that is not Python's schedules a pending call the way
 * `refgraph attach --inject` does through gdb (from a thread other than the main one, without
 * the GIL), then blocks for ever in read(2). Reports go straight to stdout with write(2), so
 * reporting never releases the GIL the main thread holds. */
#include <pthread.h>
#include <string.h>
#include <unistd.h>

int Py_AddPendingCall(int (*func)(void *), void *arg);

volatile int pending_call_added = 0;
volatile int pending_call_ran = 0;
static int blocking_fd;

static void report(const char *line) { (void)!write(1, line, strlen(line)); }

static int mark_ran(void *arg) {
    (void)arg;
    pending_call_ran = 1;
    return 0;
}

static void *add_then_block(void *arg) {
    (void)arg;
    pending_call_added = Py_AddPendingCall(mark_ran, 0) == 0;
    char byte;
    for (;;) {
        if (read(blocking_fd, &byte, 1) <= 0) return 0;
    }
}

int start_adder(int fd) {
    pthread_t thread;
    blocking_fd = fd;
    return pthread_create(&thread, 0, add_then_block, 0);
}

void report_waiting(int ran) { report(ran ? "ran early\n" : "waiting\n"); }
