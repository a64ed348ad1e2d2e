/// Ends a command with a status and no further message: what went wrong was
/// already printed (for example a `status` table with an invalid token).
struct ExitStatus: Error {
    let code: Int32
}
