extension FakeStore {
    /// Checks the `aivenv1` token of a request and records its use.
    mutating func authenticate(_ credentials: Credentials) throws(APIFailure) -> Session {
        guard let header = credentials.authorization,
            let space = header.firstIndex(of: " "),
            header[..<space].lowercased() == "aivenv1"
        else { throw .authenticationFailed }
        let presented = header[header.index(after: space)...].trimmingCharacters(in: " \t")
        guard !presented.isEmpty else { throw .authenticationFailed }
        guard let index = tokens.firstIndex(where: { $0.full == presented }),
            !tokens[index].revoked
        else { throw .invalidToken }
        let now = clock.now()
        let begin = user(email: tokens[index].userEmail)?.tokenValidityBegin
        if tokens[index].isExpired(now: now, validityBegin: begin) { throw .expiredToken }
        tokens[index].lastUsedTime = now
        tokens[index].lastIP = credentials.peerAddress
        tokens[index].lastUserAgent = credentials.userAgent
        return Session(email: tokens[index].userEmail, tokenIndex: index)
    }
}

extension Substring {
    fileprivate func trimmingCharacters(in set: String) -> String {
        String(drop { set.contains($0) }.reversed().drop { set.contains($0) }.reversed())
    }
}
