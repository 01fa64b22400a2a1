# A heap of about three million objects (a million tuples, each with an int and a str), so
# that refgraph's capture of it lasts long enough for a signal to arrive during it.
data = [(i, "item %d" % i) for i in range(1_000_000)]
