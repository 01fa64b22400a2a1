import HeapGraph
import CGraphviz
import Mustache
func _probe() -> Agdesc_t { rg_Agdirected() }
