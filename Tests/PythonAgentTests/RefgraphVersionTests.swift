import HeapGraph
import PythonAgent
import TestSupport
import Testing

/// The version has one source, the agent module's `__version__`; Swift's copy must match it.
struct RefgraphVersionTests {
    @Test func swiftsVersionIsTheAgentModulesVersion() throws {
        #expect(RefgraphVersion.current == (try TestPaths.agentVersion()))
        #expect(HeapWalker.capturedBy == "refgraph run (C-API walker) " + RefgraphVersion.current)
    }
}
