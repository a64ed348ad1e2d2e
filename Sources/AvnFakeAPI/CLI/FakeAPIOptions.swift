/// The command line of `avn-fake-api`.
public struct FakeAPIOptions: Sendable, Equatable {
    public var port: UInt16 = 0
    public var seedPath: String?
    public var latencyMilliseconds = 0
    public var showHelp = false

    public init(
        port: UInt16 = 0, seedPath: String? = nil, latencyMilliseconds: Int = 0,
        showHelp: Bool = false
    ) {
        self.port = port
        self.seedPath = seedPath
        self.latencyMilliseconds = latencyMilliseconds
        self.showHelp = showHelp
    }

    /// Reads the arguments after the program name; `--name value` and `--name=value` both work.
    public static func parse(_ arguments: [String]) throws(FakeAPIError) -> FakeAPIOptions {
        var options = FakeAPIOptions()
        var remaining = arguments[...]
        while let argument = remaining.popFirst() {
            if argument == "--help" || argument == "-h" {
                options.showHelp = true
                continue
            }
            let parts = argument.split(separator: "=", maxSplits: 1).map(String.init)
            let name = parts[0]
            guard ["--port", "--seed", "--latency-ms"].contains(name) else {
                throw .invalidArgument("Unknown argument \(argument)")
            }
            guard let value = parts.count == 2 ? parts[1] : remaining.popFirst() else {
                throw .invalidArgument("\(name) needs a value")
            }
            try options.set(name, value)
        }
        return options
    }

    private mutating func set(_ name: String, _ value: String) throws(FakeAPIError) {
        switch name {
        case "--port":
            guard let number = UInt16(value) else {
                throw .invalidArgument("--port needs a number from 0 to 65535, not \(value)")
            }
            port = number
        case "--latency-ms":
            guard let number = Int(value), number >= 0 else {
                throw .invalidArgument("--latency-ms needs a whole number of 0 or more")
            }
            latencyMilliseconds = number
        default:
            guard !value.isEmpty else { throw .invalidArgument("--seed needs a file path") }
            seedPath = value
        }
    }

    public static let usage = """
        Usage: avn-fake-api [--port N] [--seed FILE] [--latency-ms N]

        An in-memory stand-in of the Aiven user API on 127.0.0.1. Prints its base URL
        (http://127.0.0.1:PORT) as the first line on stdout, then serves until killed.

          --port N         port to listen on; 0 (the default) picks a free one
          --seed FILE      JSON file with the users to start with (default: none)
          --latency-ms N   delay every API request by N milliseconds (default: 0)
          --help           show this text

        Seed file format (only email and password are required per user):
          {"users": [{"email": "john.doe@example.com", "password": "s3cret-pass",
                      "real_name": "John Doe", "otp": "123456",
                      "projects": ["dev-sandbox", "prod-environment"], "tenant": "aiven"}]}
          otp        turns two-factor authentication on; this code is the valid OTP
          real_name  defaults to the part of the email before @
          projects   the user's projects (admin role); default none
          tenant     the user's tenant; default "aiven"

        Test endpoints (loopback only), beside the /v1 API:
          POST   /_fake/faults          {"method", "path", "status", "body", "content_type",
                                         "latency_ms", "close", "truncate", "endless", "times"}
          DELETE /_fake/faults          remove every fault
          GET    /_fake/faults          list the faults
          POST   /_fake/clock           {"advance_seconds": N}
          GET    /_fake/state           every user and token the server holds
          POST   /_fake/token_prefixes  {"prefixes": ["ab+/=..."]} starts of the next tokens
        """
}
