DEPTH = 200000
head = None
for i in range(DEPTH):
    head = [head]
