namespace Restarter.Robustness.Tests.Fuzzing;

/// <summary>The seed requests (written by Python's xmlrpc.client, see fuzz/make-seeds.py), by file name.</summary>
public static class SeedCorpus
{
    public static IReadOnlyList<(string Name, byte[] Bytes)> Load()
    {
        var directory = Path.Combine(AppContext.BaseDirectory, "Fuzzing", "Seeds");
        var seeds = Directory.GetFiles(directory, "*.xml")
            .Order(StringComparer.Ordinal)
            .Select(path => (Path.GetFileNameWithoutExtension(path), File.ReadAllBytes(path)))
            .ToList();
        return seeds.Count >= 20 ? seeds : throw new InvalidOperationException($"Only {seeds.Count} seeds in {directory}; run fuzz/make-seeds.py.");
    }
}
