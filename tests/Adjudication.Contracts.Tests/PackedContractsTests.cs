using System.IO.Compression;
using System.Reflection;
using System.Text.Json;
using System.Xml.Linq;
using Adjudication.Contracts.Tests.Infrastructure;

namespace Adjudication.Contracts.Tests;

/// <summary>
/// The Contracts package as another team gets it (issue 11, item 5): <c>dotnet pack</c> of the built project into a
/// temporary feed, then a console program (PackageConsumer/) restored from that feed, not from a project reference,
/// built with the plain .NET SDK and run. One pack and one build for the whole class; the machine's package cache serves
/// every other package.
/// </summary>
public sealed class PackedContractsTests(PackedContractsTests.Packed packed) : IClassFixture<PackedContractsTests.Packed>
{
    [Fact]
    public void Nuspec_Dependencies_AreTheClientPackagesOnly()
    {
        var dependencies = packed.Nuspec.Descendants(packed.Ns + "dependency").Select(d => (string)d.Attribute("id")!).Order(StringComparer.Ordinal).ToArray();

        Assert.Equal(["Google.Protobuf", "Grpc.Net.Client", "Grpc.StatusProto"], dependencies);
        Assert.Empty(packed.Nuspec.Descendants(packed.Ns + "frameworkReference"));
    }

    [Fact]
    public void Nuspec_Metadata_IsComplete()
    {
        var metadata = packed.Nuspec.Root!.Element(packed.Ns + "metadata")!;
        string Value(string name) => (string?)metadata.Element(packed.Ns + name) ?? string.Empty;

        Assert.Equal("Adjudication.Contracts", Value("id"));
        Assert.Equal(packed.Version, Value("version"));
        Assert.Equal("Apache-2.0", Value("license"));
        Assert.Equal("expression", (string?)metadata.Element(packed.Ns + "license")!.Attribute("type"));
        Assert.Equal("README.md", Value("readme"));
        Assert.Contains("adjudication.v1", Value("description"), StringComparison.Ordinal);
        Assert.NotEmpty(Value("authors"));
        Assert.Contains("grpc", Value("tags").Split(' '));
        Assert.Contains("README.md", packed.Entries);
    }

    [Fact]
    public void Package_ProtoFiles_AreEveryContractOfTheRepository()
    {
        var inRepository = Directory.GetFiles(Path.Combine(packed.Repository, "protos", "adjudication", "v1"), "*.proto")
            .Select(p => "protos/adjudication/v1/" + Path.GetFileName(p)).Order(StringComparer.Ordinal).ToArray();
        var inPackage = packed.Entries.Where(e => e.EndsWith(".proto", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToArray();

        Assert.Contains("protos/adjudication/v1/settlement.proto", inRepository);
        Assert.Equal(inRepository, inPackage);
    }

    [Fact]
    public void Consumer_BuiltFromThePackage_CallsAndParsesWithoutAspNetCore()
    {
        var lines = packed.ConsumerOutput.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

        Assert.Contains("roundtrip: equal", lines);
        Assert.Contains("service: adjudication.v1.SettlementService", lines);
        Assert.Contains("settle method: adjudication.v1.SettlementService.Settle", lines);
        Assert.Contains("call: Unavailable", lines);
        Assert.Contains("error info: adjudication/FILING_REQUIRED", lines);
        Assert.Contains("server base: Adjudication.Contracts.V1.SettlementService+SettlementServiceBase", lines);
        Assert.Contains("aspnetcore loaded: False", lines);
    }

    [Fact]
    public void Consumer_Dependencies_HaveNoAspNetCore()
    {
        Assert.Contains(packed.ConsumerLibraries, l => l.StartsWith("Adjudication.Contracts/" + packed.Version, StringComparison.Ordinal));
        Assert.Contains(packed.ConsumerLibraries, l => l.StartsWith("Grpc.Net.Client/", StringComparison.Ordinal));
        Assert.DoesNotContain(packed.ConsumerLibraries, l => l.Contains("AspNetCore", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(["Microsoft.NETCore.App"], packed.ConsumerFrameworks);
    }

    /// <summary>Packs the contracts once, builds and runs the consumer once; removes every file it made.</summary>
    public sealed class Packed : IAsyncLifetime
    {
        /// <summary>The XML namespace of the nuspec.</summary>
        public XNamespace Ns { get; private set; } = XNamespace.None;

        /// <summary>A version no earlier run used, so neither the package cache nor another run can serve another build.</summary>
        public string Version { get; } = "0.0.0-consumertest." + Guid.NewGuid().ToString("N");

        /// <summary>The repository's root folder.</summary>
        public string Repository { get; } = FindRepository();

        /// <summary>The package's manifest.</summary>
        public XDocument Nuspec { get; private set; } = new();

        /// <summary>Every file in the package, by its path inside it.</summary>
        public IReadOnlyList<string> Entries { get; private set; } = [];

        /// <summary>What the consumer printed.</summary>
        public string ConsumerOutput { get; private set; } = string.Empty;

        /// <summary>The libraries (<c>id/version</c>) the consumer's restore resolved.</summary>
        public IReadOnlyList<string> ConsumerLibraries { get; private set; } = [];

        /// <summary>The shared frameworks the built consumer runs on.</summary>
        public IReadOnlyList<string> ConsumerFrameworks { get; private set; } = [];

        private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("adjudication-contracts-");

        /// <inheritdoc />
        public async Task InitializeAsync()
        {
            var feed = Path.Combine(_work.FullName, "feed");
            var contracts = Path.Combine(Repository, "src", "Adjudication.Contracts", "Adjudication.Contracts.csproj");
            await Succeed(_work.FullName, "pack", contracts, "--no-build", "--configuration", Configuration(), "--output", feed,
                $"-p:PackageVersion={Version}", $"-p:NuspecOutputPath={Path.Combine(_work.FullName, "nuspec")}/", "--disable-build-servers");
            ReadPackage(Path.Combine(feed, $"Adjudication.Contracts.{Version}.nupkg"));

            var consumer = Path.Combine(_work.FullName, "consumer");
            CopyConsumer(consumer);
            // The temporary feed first; the machine's own sources (its package mirror) stay configured after it.
            await File.WriteAllTextAsync(Path.Combine(consumer, "NuGet.Config"),
                new XDocument(new XElement("configuration", new XElement("packageSources",
                    new XElement("add", new XAttribute("key", "adjudication-contracts-under-test"), new XAttribute("value", feed))))).ToString());
            await Succeed(consumer, "build", "Consumer.csproj", "--configuration", "Release", $"-p:ContractsVersion={Version}", "--disable-build-servers");

            var output = Path.Combine(consumer, "bin", "Release", "net10.0");
            ConsumerOutput = await Succeed(consumer, Path.Combine(output, "Consumer.dll"));
            ConsumerLibraries = ReadLibraries(Path.Combine(consumer, "obj", "project.assets.json"));
            ConsumerFrameworks = ReadFrameworks(Path.Combine(output, "Consumer.runtimeconfig.json"));
        }

        /// <inheritdoc />
        public Task DisposeAsync()
        {
            _work.Delete(recursive: true);
            // The restore unpacked this run's version into the machine's package cache; no later run asks for it.
            var package = Path.Combine(PackageCache(), "adjudication.contracts");
            var cached = Path.Combine(package, Version);
            if (Directory.Exists(cached))
            {
                Directory.Delete(cached, recursive: true);
            }

            if (Directory.Exists(package) && Directory.GetFileSystemEntries(package).Length == 0)
            {
                Directory.Delete(package);
            }

            return Task.CompletedTask;
        }

        private static async Task<string> Succeed(string directory, params string[] args)
        {
            var (exitCode, output) = await DotnetCommand.RunAsync(directory, args);
            Assert.True(exitCode == 0, $"dotnet {string.Join(' ', args)} exited with {exitCode}:\n{output}");
            return output;
        }

        private void ReadPackage(string path)
        {
            using var zip = ZipFile.OpenRead(path);
            Entries = zip.Entries.Select(e => e.FullName).ToArray();
            using var nuspec = zip.GetEntry("Adjudication.Contracts.nuspec")!.Open();
            Nuspec = XDocument.Load(nuspec);
            Ns = Nuspec.Root!.Name.Namespace;
        }

        private static void CopyConsumer(string destination)
        {
            var source = Path.Combine(AppContext.BaseDirectory, "PackageConsumer");
            Directory.CreateDirectory(destination);
            foreach (var file in Directory.GetFiles(source))
            {
                File.Copy(file, Path.Combine(destination, Path.GetFileName(file)));
            }
        }

        private static string[] ReadLibraries(string assets)
        {
            using var json = JsonDocument.Parse(File.ReadAllText(assets));
            return json.RootElement.GetProperty("libraries").EnumerateObject().Select(l => l.Name).ToArray();
        }

        private static string[] ReadFrameworks(string runtimeConfig)
        {
            using var json = JsonDocument.Parse(File.ReadAllText(runtimeConfig));
            var options = json.RootElement.GetProperty("runtimeOptions");
            return options.TryGetProperty("frameworks", out var many)
                ? many.EnumerateArray().Select(f => f.GetProperty("name").GetString()!).ToArray()
                : [options.GetProperty("framework").GetProperty("name").GetString()!];
        }

        // The configuration these tests were built in; the pack takes the contracts built alongside them.
        private static string Configuration() =>
            typeof(Packed).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";

        private static string FindRepository()
        {
            for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "Adjudication.sln")))
                {
                    return directory.FullName;
                }
            }

            throw new DirectoryNotFoundException($"No Adjudication.sln above {AppContext.BaseDirectory}.");
        }

        private static string PackageCache() =>
            Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
                ? configured
                : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
    }
}
