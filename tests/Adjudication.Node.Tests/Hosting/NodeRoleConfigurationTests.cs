using Adjudication.Node.Hosting;
using Adjudication.Node.Network;
using Adjudication.Node.Security;

namespace Adjudication.Node.Tests.Hosting;

/// <summary>
/// <c>Node:Role</c> is the <see cref="NodeRole"/> enum inside the node and the names national, provincial, municipal in
/// configuration (README "Running a node"); anything else is refused with a sentence saying what to write.
/// </summary>
public sealed class NodeRoleConfigurationTests
{
    [Theory]
    [InlineData("municipal", NodeRole.Municipal)]
    [InlineData("Provincial", NodeRole.Provincial)]
    [InlineData(" NATIONAL ", NodeRole.National)]
    public void TryParse_NameInAnyCase_ReadsTheRole(string text, NodeRole expected)
    {
        var read = NodeRoles.TryParse(text, out var role);

        Assert.True(read);
        Assert.Equal(expected, role);
    }

    [Theory]
    [InlineData("bogus")]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("0")]
    [InlineData("2")]
    [InlineData("-1")]
    [InlineData("municipal,provincial")]
    [InlineData("city")]
    public void TryParse_NumberListOrOtherWord_IsNoRole(string? text)
    {
        Assert.False(NodeRoles.TryParse(text, out _));
    }

    [Fact]
    public void Name_EveryRole_ReadsBackAsItself()
    {
        foreach (var role in Enum.GetValues<NodeRole>())
        {
            Assert.True(NodeRoles.TryParse(NodeRoles.Name(role), out var read));
            Assert.Equal(role, read);
        }

        Assert.Equal(["national", "provincial", "municipal"], Enum.GetValues<NodeRole>().Select(NodeRoles.Name));
    }

    [Theory]
    [InlineData("--Node:Role=bogus", "Node:Role 'bogus' is not a role; use municipal (a stand-alone node), or national or provincial with --topology FILE --id ID")]
    [InlineData("--Node:Role=1", "Node:Role '1' is not a role; use municipal")]
    [InlineData("--Node:Role=municipal,provincial", "Node:Role 'municipal,provincial' is not a role; use municipal")]
    [InlineData("--Node:Role=Provincial", "Node:Role 'provincial' needs a topology: a node without one is a stand-alone municipal node.")]
    [InlineData("--Node:Role=national", "Node:Role 'national' needs a topology")]
    public async Task BuildAsync_RoleFromConfiguration_RefusedWithWhatToWrite(string argument, string expected)
    {
        var options = new NodeOptions { Plaintext = true, Url = "http://127.0.0.1:0" };

        var refused = await Assert.ThrowsAsync<NodeConfigurationException>(() => NodeHost.BuildAsync(options, [argument]));

        Assert.Contains(refused.Problems, p => p.StartsWith(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Check_RoleOutsideTheEnum_IsNoRole()
    {
        var problems = NodeOptionsValidator.Check(new NodeOptions { Role = (NodeRole)7 }, inNetwork: false);

        Assert.Contains(problems, p => p.StartsWith("Node:Role '7' is not a role; use municipal", StringComparison.Ordinal));
    }

    [Fact]
    public void Check_DefaultOptions_AreAMunicipalNodeWithoutProblems()
    {
        var options = new NodeOptions();

        var problems = NodeOptionsValidator.Check(options, inNetwork: false);

        Assert.Equal(NodeRole.Municipal, options.Role);
        Assert.Empty(problems);
    }
}
