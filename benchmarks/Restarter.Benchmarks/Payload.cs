namespace Restarter.Benchmarks;

/// <summary>A request body written by Python's xmlrpc.client (benchmarks/payloads/make_payloads.py) and the answer expected.</summary>
public sealed class Payload
{
    private Payload(string name, byte[] request, byte[] response)
    {
        Name = name;
        Request = request;
        Response = response;
    }

    public string Name { get; }

    public byte[] Request { get; }

    /// <summary>Python's own answer to <see cref="Request"/>; our writer must produce these bytes exactly.</summary>
    public byte[] Response { get; }

    public static Payload Load(string name)
    {
        var directory = Path.Combine(AppContext.BaseDirectory, "payloads");
        return new Payload(
            name,
            File.ReadAllBytes(Path.Combine(directory, name + ".xml")),
            File.ReadAllBytes(Path.Combine(directory, name + ".response.xml")));
    }

    public override string ToString() => Name;
}
