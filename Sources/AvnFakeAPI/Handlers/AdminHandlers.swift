/// The `/_fake/` endpoints tests use to inject faults, move the clock and read the state.
struct AdminHandlers {
    let state: FakeState
    let faults: FaultList

    var routes: [Route] {
        [
            Route("POST", "/_fake/faults") { context throws(APIFailure) in
                try Self.requireLoopback(context)
                faults.add(try Fault(json: try context.body()))
                return .object([("faults", .array(faults.all.map(\.json)))])
            },
            Route("DELETE", "/_fake/faults") { context throws(APIFailure) in
                try Self.requireLoopback(context)
                faults.clear()
                return .object([("faults", .array([]))])
            },
            Route("GET", "/_fake/faults") { context throws(APIFailure) in
                try Self.requireLoopback(context)
                return .object([("faults", .array(faults.all.map(\.json)))])
            },
            Route("POST", "/_fake/clock") { context throws(APIFailure) in
                try Self.requireLoopback(context)
                return try advanceClock(try context.body())
            },
            Route("GET", "/_fake/state") { context throws(APIFailure) in
                try Self.requireLoopback(context)
                return try state.access { store throws(APIFailure) in AdminSnapshot.json(&store) }
            },
            Route("POST", "/_fake/token_prefixes") { context throws(APIFailure) in
                try Self.requireLoopback(context)
                return try queuePrefixes(try context.body())
            },
        ]
    }

    private static func requireLoopback(_ context: RequestContext) throws(APIFailure) {
        guard context.peerAddress.hasPrefix("127.") else {
            throw APIFailure(403, "The admin API answers loopback clients only")
        }
    }

    private func advanceClock(_ body: FakeJSON) throws(APIFailure) -> FakeJSON {
        guard let seconds = body["advance_seconds"]?.intValue, seconds >= 0 else {
            throw .missingField("advance_seconds")
        }
        return try state.access { store throws(APIFailure) in
            store.clock.advance(seconds: seconds)
            return .object([("now", .string(TimeFormat.utc(store.clock.now())))])
        }
    }

    private func queuePrefixes(_ body: FakeJSON) throws(APIFailure) -> FakeJSON {
        guard let items = body["prefixes"]?.arrayValue else { throw .missingField("prefixes") }
        let prefixes = items.compactMap(\.stringValue)
        guard prefixes.count == items.count,
            prefixes.allSatisfy(TokenGenerator.isValidStart)
        else { throw .missingField("prefixes") }
        return try state.access { store throws(APIFailure) in
            store.generator.queue(starts: prefixes)
            return .object([("queued", .int(prefixes.count))])
        }
    }
}
