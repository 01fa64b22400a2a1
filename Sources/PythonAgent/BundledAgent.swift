/// Where the bundled standalone agent is, for code outside the embedded interpreter (`refgraph
/// attach` copies it into the target). Found the way `refgraph run` finds it for `sys.path`.
public enum BundledAgent {
    /// The path of the bundled `refgraph_agent.py`, or `nil` if it was not installed with refgraph.
    public static var path: String? {
        AgentModule.agentDirectory.map { $0 + "/refgraph_agent.py" }
    }
}
