import Foundation

/// The bundled `refgraph_agent.py`, for scripts that copy the standalone agent into a
/// process refgraph does not run (`refgraph agent-path`).
public enum AgentFile {
    /// The absolute path of the bundled `refgraph_agent.py`, found where `refgraph run`
    /// finds it (`REFGRAPH_AGENT_DIR`, or the resource bundle beside the executable).
    ///
    /// - Throws: `PythonAgentError` (`.agentMissing`) when the resource bundle is missing.
    public static func path() throws -> String {
        guard let directory = AgentModule.agentDirectory else {
            throw PythonAgentError(.agentMissing, "The bundled refgraph_agent.py was not found beside the refgraph executable; reinstall refgraph with its *_PythonAgent.resources folder, or set REFGRAPH_AGENT_DIR to the folder holding refgraph_agent.py.")
        }
        let file = URL(fileURLWithPath: directory + "/refgraph_agent.py").standardizedFileURL
        return file.path
    }
}
