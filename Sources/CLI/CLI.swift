/// Placeholder until the command table lands.
public enum CLI {
    public static func main(_ arguments: [String]) -> Int32 { 0 }
}
