# Alternates stdout and stderr lines; they must arrive in order on a shared pipe.
import sys
for i in range(5):
    print("out %d" % i)
    print("err %d" % i, file=sys.stderr)
