import HeapGraph
