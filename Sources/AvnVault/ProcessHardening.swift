import CKeyutils

/// Keeps the secrets a process holds from other processes of the same user.
public enum ProcessHardening {
    /// Makes the process non-dumpable: no core file, and no reading of its
    /// memory through `/proc/PID/mem` or ptrace by processes of the same user.
    /// An `exec` of another program makes that program dumpable again.
    ///
    /// - Returns: whether the kernel accepted it.
    @discardableResult
    public static func makeNonDumpable() -> Bool {
        avn_make_nondumpable() == 0
    }

    /// Whether the process is dumpable now.
    public static var isDumpable: Bool {
        avn_dumpable() == 1
    }
}
