namespace Restarter.XmlRpc.Tests.TestServices;

/// <summary>Shaped like the seed's Python dataclass: success, then message.</summary>
public sealed record Result(bool success, string message);

public sealed record Point(int X, int Y);

public sealed class Envelope
{
    [XmlRpcMember("kind")]
    public string Type { get; set; } = "";

    public IReadOnlyList<Point> Points { get; init; } = [];

    public Dictionary<string, int> Counts { get; set; } = [];

    public string? Note { get; set; }

    public DateTime? When { get; set; }
}

public sealed record Tree(string Name, List<Tree> Children);

/// <summary>A standalone struct type for client-side typed results.</summary>
[XmlRpcStruct]
public sealed partial record RestartResult(bool success, string message)
{
    public int? Code { get; init; }
}
