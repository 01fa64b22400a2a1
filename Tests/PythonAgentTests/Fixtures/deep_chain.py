DEPTH = 200000
head = None
for i in range(DEPTH):  # noqa: B007
    head = [head]
