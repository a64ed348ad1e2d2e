/// The in-memory stand-in of the Aiven API.
public enum FakeAPI {}
