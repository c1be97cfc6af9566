using System.Text.Json;
using Adjudication.Node.Hosting;
using Adjudication.Storage;

namespace Adjudication.Node.Tests.Hosting;

/// <summary>
/// A production node talks to a real Redis; the embedded Garnet server is the quickstart's (DESIGN.md §6) and lives in
/// Adjudication.Storage.Embedded, which only the CLI and the tests reference.
/// </summary>
public sealed class ProductionDependencyTests
{
    [Theory]
    [InlineData(typeof(StoreConnection))]
    [InlineData(typeof(NodeHost))]
    public void ReferencedAssemblies_StorageAndNode_NoGarnet(Type fromAssembly)
    {
        var references = fromAssembly.Assembly.GetReferencedAssemblies();

        Assert.NotEmpty(references);
        Assert.DoesNotContain(references, r => r.Name!.StartsWith("Garnet", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(references, r => r.Name == "Adjudication.Storage.Embedded");
    }

    [Fact]
    public void Dependencies_NodeBinary_HaveNoGarnet()
    {
        // The node binary's own dependency manifest (copied here with the referenced executable, written anew by every
        // build) lists exactly the libraries a node deployment carries; this test project's own manifest also lists the
        // embedded store, which the desk tests use when no real Redis is named.
        var manifest = Path.Combine(AppContext.BaseDirectory, typeof(NodeHost).Assembly.GetName().Name + ".deps.json");
        using var deps = JsonDocument.Parse(File.ReadAllText(manifest));
        var libraries = new List<string>();
        foreach (var library in deps.RootElement.GetProperty("libraries").EnumerateObject())
        {
            libraries.Add(library.Name);
        }

        Assert.Contains(libraries, l => l.StartsWith("StackExchange.Redis/", StringComparison.Ordinal));
        Assert.Contains(libraries, l => l.StartsWith("Adjudication.Storage/", StringComparison.Ordinal));
        Assert.DoesNotContain(libraries, l => l.Contains("Garnet", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(libraries, l => l.StartsWith("Adjudication.Storage.Embedded/", StringComparison.Ordinal));
    }

    [Fact]
    public void Assembly_Storage_HasNoEmbeddedNamespace()
    {
        var embedded = Array.FindAll(typeof(StoreConnection).Assembly.GetTypes(), t => t.Namespace?.EndsWith(".Embedded", StringComparison.Ordinal) == true);

        Assert.Empty(embedded);
        Assert.Equal("Adjudication.Storage", typeof(StoreConnection).Assembly.GetName().Name);
    }
}
