import HeapGraph
import PythonAgent
import GraphRender
print("refgraph")
