"""Start a handful of workers, each leaving a 256 KiB buffer behind."""

import sys

from pipeline import Worker


def main(count):
    workers = [Worker("worker-%d" % i, 256 * 1024) for i in range(count)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    print("%d workers finished" % count)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 8)
