import HeapGraph
import CPython
func _probe() -> Int32 { Py_IsInitialized() }
