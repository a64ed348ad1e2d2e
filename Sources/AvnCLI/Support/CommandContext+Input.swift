import AvnAPI
import FoundationEssentials

extension CommandContext {
    /// Reads a secret: from `variable` when set, else from standard input when
    /// it is not a terminal (one line), else from a prompt without echo.
    ///
    /// - Parameter confirm: on a terminal, ask twice and insist they match.
    func readSecret(
        what: String, variable: String?, prompt: String, confirm: Bool = false
    ) throws -> String {
        if let variable, let value = environment[variable], !value.isEmpty { return value }

        let secret: String?
        if !console.inputIsTerminal {
            secret = console.readInputLine()
        } else {
            secret = console.promptSecret(prompt)
            if confirm, let secret {
                guard
                    console.promptSecret(
                        "Confirm \(prompt.prefix(1).lowercased())"
                            + "\(prompt.dropFirst())") == secret
                else {
                    throw CLIError("the two \(what)s differ; nothing was changed, try again")
                }
            }
        }
        guard let secret, !secret.isEmpty else {
            let hint = variable.map { ", set \($0)," } ?? ""
            throw CLIError(
                "no \(what) given; type it at the prompt\(hint) or pipe it on standard input")
        }
        return secret
    }

    /// Reads a visible answer: from standard input when it is not a terminal,
    /// else from a prompt.
    func readAnswer(what: String, prompt: String) throws -> String {
        let answer = console.inputIsTerminal ? console.prompt(prompt) : console.readInputLine()
        guard let answer, !answer.trimmingWhitespace().isEmpty else {
            throw CLIError("no \(what) given")
        }
        return answer.trimmingWhitespace()
    }
}
