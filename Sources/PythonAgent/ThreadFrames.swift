import CPython

/// The frames of every thread, materialized as frame objects so they can be recorded, with
/// the frames of refgraph's own agent (the caller of `_refgraph.snapshot`) left out.
///
/// A 3.11 frame that is still running has no frame object until something asks for one;
/// `PyThreadState_GetFrame`/`PyFrame_GetBack` create them (as `sys._getframe` does). The
/// interpreter frame owns each one; the references this holds are released by `release()`.
struct ThreadFrames {
    struct Thread {
        var threadID: UInt64
        /// The innermost frame outside the agent.
        var top: UnsafeMutablePointer<PyObject>
    }

    var threads: [Thread] = []
    /// Every frame object this holds a reference to, innermost first per thread.
    var held: [UnsafeMutablePointer<PyObject>] = []

    /// Materializes the frames of all threads of the current interpreter (GIL held).
    /// Frames whose globals are `agentGlobals` at the top of the current thread are skipped.
    init(agentGlobals: UnsafeMutablePointer<PyObject>?) {
        let current = PyThreadState_Get()
        var state = PyInterpreterState_ThreadHead(PyInterpreterState_Get())
        while let thread = state {
            var frame = PyThreadState_GetFrame(thread).map(Self.object)
            if thread == current, let agentGlobals {
                while let f = frame, let iframe = rg_frame_iframe(f), rg_iframe_globals(iframe) == agentGlobals {
                    let back = Self.back(f)
                    Py_DECREF(f)
                    frame = back
                }
            }
            if let top = frame {
                threads.append(Thread(threadID: UInt64(rg_thread_id(thread)), top: top))
                held.append(top)
                var f = top
                while let back = Self.back(f) {
                    held.append(back)
                    f = back
                }
            }
            state = PyThreadState_Next(thread)
        }
    }

    /// Releases the references taken on the frame objects.
    func release() {
        for frame in held { Py_DECREF(frame) }
    }

    private static func back(_ frame: UnsafeMutablePointer<PyObject>) -> UnsafeMutablePointer<PyObject>? {
        frame.withMemoryRebound(to: PyFrameObject.self, capacity: 1) { PyFrame_GetBack($0) }.map(object)
    }

    private static func object(_ frame: UnsafeMutablePointer<PyFrameObject>) -> UnsafeMutablePointer<PyObject> {
        UnsafeMutableRawPointer(frame).assumingMemoryBound(to: PyObject.self)
    }
}
